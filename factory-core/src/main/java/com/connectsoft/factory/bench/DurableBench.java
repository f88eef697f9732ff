package com.connectsoft.factory.bench;

import com.connectsoft.factory.capability.CapabilityRegistry;
import com.connectsoft.factory.orchestration.Contracts;
import com.connectsoft.factory.orchestration.FactoryActivities;
import com.connectsoft.factory.orchestration.FactoryOrchestrations;
import com.connectsoft.factory.orchestration.OrchestrationNames;
import com.connectsoft.factory.orchestration.StepPolicy;
import com.connectsoft.factory.orchestration.local.LocalDurableBackend;
import com.connectsoft.factory.platform.json.Json;
import com.connectsoft.factory.platform.store.sqlite.EmbeddedDatabase;
import com.connectsoft.factory.platform.store.sqlite.SqliteDocumentStore;
import com.connectsoft.factory.run.adapter.DocumentInstances;
import com.connectsoft.factory.shared.domain.TenantId;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * The local durable backend's own cost: whole FactoryRun orchestrations whose steps do no work (each command is
 * answered at once), on the embedded store, for 1, 4 and 16 modules. Reports the run time and the time per step.
 */
@Command(name = "durable", description = "Benchmark the local durable backend: no-op runs of 1, 4 and 16 modules (Markdown).")
final class DurableBench implements Callable<Integer> {
    @CommandLine.ParentCommand
    BenchCli parent;

    @Option(names = "--runs", defaultValue = "5", description = "Runs per size after one warm-up (median reported; default ${DEFAULT-VALUE}).")
    int runs;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = parent.spec.commandLine().getOut();
        Path dir = Files.createTempDirectory("factory-durable-bench");
        TenantId tenant = TenantId.of("bench");
        int checks = CapabilityRegistry.GOVERNANCE_CHECKS.size();
        ExecutorService relay = Executors.newSingleThreadExecutor();
        try (EmbeddedDatabase db = EmbeddedDatabase.open(dir)) {
            SqliteDocumentStore store = new SqliteDocumentStore(db, Clock.systemUTC());
            LocalDurableBackend[] backend = new LocalDurableBackend[1];
            FactoryActivities noWork = new FactoryActivities() {
                @Override
                public void dispatch(Contracts.StepRequest r) {
                    com.connectsoft.factory.run.vocabulary.StepOutcome outcome = switch (r.step().kind()) {
                        case CHECK -> new com.connectsoft.factory.run.vocabulary.StepOutcome.PolicyDecided(r.step().checkId(), "1",
                                com.connectsoft.factory.run.vocabulary.Decision.Allow, java.util.List.of(), "art-0");
                        case PUBLISH -> new com.connectsoft.factory.run.vocabulary.StepOutcome.Committed("b", "0", 0, "art-0");
                        case RENDER -> new com.connectsoft.factory.run.vocabulary.StepOutcome.Rendered(0, 0, 0, "art-0", "sha256:0");
                        default -> new com.connectsoft.factory.run.vocabulary.StepOutcome.Validated(
                                com.connectsoft.factory.run.vocabulary.BuildStatus.PASSED, 0, 0, 0, 0, "art-0", "");
                    };
                    relay.submit(() -> backend[0].raise(r.tenantId(), r.instanceId(), OrchestrationNames.resultEvent(r.step()), outcome,
                            r.eventId()));
                }

                @Override
                public void record(Contracts.RecordRequest r) {
                }

                @Override
                public void finish(Contracts.FinishRequest r) {
                }

                @Override
                public Contracts.Compensation compensate(Contracts.CompensateRequest r) {
                    return new Contracts.Compensation(0, null, "");
                }
            };
            backend[0] = FactoryOrchestrations.localBackend(new DocumentInstances(store, () -> List.of(tenant)), noWork, Clock.systemUTC(), 2);
            backend[0].start();
            out.println("| modules | steps per run | run time (median) | per step | episodes per run |");
            out.println("|---:|---:|---:|---:|---:|");
            int n = 0;
            for (int modules : new int[] {1, 4, 16}) {
                int steps = modules * (1 + checks + 1) + 1;
                List<Long> times = new ArrayList<>();
                long episodes = 0;
                for (int i = 0; i <= runs; i++) {
                    String runId = "run-bench-" + (n++);
                    List<Contracts.PlannedModule> planned = new ArrayList<>();
                    for (int m = 0; m < modules; m++) {
                        planned.add(new Contracts.PlannedModule("module-" + m, "m" + m));
                    }
                    long before = backend[0].episodes();
                    long t0 = System.nanoTime();
                    backend[0].schedule(tenant.value(), OrchestrationNames.FACTORY_RUN, runId, new Contracts.RunPlan(tenant.value(), runId,
                            planned, List.copyOf(CapabilityRegistry.GOVERNANCE_CHECKS.keySet()), StepPolicy.STANDARD));
                    backend[0].waitFor(tenant.value(), runId, LocalDurableBackend.InstanceView::finished, Duration.ofMinutes(5))
                            .orElseThrow(() -> new IllegalStateException("a no-op run did not end in 5 minutes"));
                    if (i > 0) {
                        times.add(System.nanoTime() - t0);
                        episodes += backend[0].episodes() - before;
                    }
                }
                times.sort(null);
                double ms = times.get(times.size() / 2) / 1e6;
                out.printf("| %d | %d | %.0f ms | %.1f ms | %d |%n", modules, steps, ms, ms / steps, episodes / runs);
            }
            backend[0].close();
        } finally {
            relay.shutdownNow();
            com.connectsoft.factory.platform.files.Directories.delete(dir, true);
        }
        out.printf("(%d run(s) per size after a warm-up, embedded store in a temporary directory, %d cores)%n", runs,
                Runtime.getRuntime().availableProcessors());
        return BenchCli.OK;
    }
}
