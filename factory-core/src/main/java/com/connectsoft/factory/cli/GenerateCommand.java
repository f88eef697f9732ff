package com.connectsoft.factory.cli;

import com.connectsoft.factory.app.Factory;
import com.connectsoft.factory.app.FactorySettings;
import com.connectsoft.factory.platform.json.Json;
import com.connectsoft.factory.run.application.StartRun;
import com.connectsoft.factory.run.domain.FactoryRun;
import com.connectsoft.factory.shared.domain.TenantId;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "generate", description = "Run the factory on a blueprint: render, check, build and test, commit.")
final class GenerateCommand extends FactoryCommand {
    @Parameters(index = "0", arity = "0..1", description = "The blueprint (*.blueprint.yaml) or JHipster JDL (*.jdl, *.jh).")
    Path blueprint;

    @Option(names = "--intent", description = "Instead of a blueprint: the product in plain language; the proposal is shown, then run.")
    String intent;

    @Option(names = "--yes", description = "With --intent: run the proposal without asking.")
    boolean yes;

    @Mixin
    RequiredTenantOption tenant;

    @Option(names = "--out", description = "Where the module sources go (default: <data-dir>/workspaces/<tenant>/<project>).")
    Path out;

    @Option(names = "--template", defaultValue = StartRun.DEFAULT_TEMPLATE, description = "Template id (default: ${DEFAULT-VALUE}).")
    String template;

    @Option(names = "--report", description = "Also write the finished run as JSON to this file.")
    Path report;

    @Override
    public Integer call() throws IOException {
        TenantId tenantId = tenant.value();
        if ((blueprint == null) == (intent == null)) {
            err().println("error: give a blueprint file or --intent \"<text>\", one of them");
            return FactoryCli.BAD_INPUT;
        }
        byte[] content = null;
        if (blueprint != null) {
            try {
                content = Files.readAllBytes(blueprint);
            } catch (NoSuchFileException e) {
                err().println(blueprint + ": no such file");
                return FactoryCli.BAD_INPUT;
            }
        }
        FactorySettings settings = settings();
        try (Factory factory = openRunning()) {
            String fileName = blueprint == null ? null : blueprint.toString();
            Optional<StartRun.Origin> origin = Optional.empty();
            if (intent != null) {
                var admission = factory.billing().quotaGate().admitAgentWork(tenantId);
                if (!admission.allowed()) {
                    return BillingCommand.refused(err(), admission);
                }
                var o = factory.agents().propose().propose(new com.connectsoft.factory.agent.application.ProposeBlueprint.Request(tenantId, intent,
                        Optional.empty()));
                int code = ProposalPrinter.print(o, out(), err());
                if (!(o instanceof com.connectsoft.factory.agent.application.ProposeBlueprint.Outcome.Proposed p)) {
                    return code;
                }
                out().println(p.blueprint().yaml());
                if (!yes && !confirmed()) {
                    err().println("not run (answer y to run it, or give --yes)");
                    return FactoryCli.BAD_INPUT;
                }
                content = p.blueprint().yaml().getBytes(java.nio.charset.StandardCharsets.UTF_8);
                fileName = p.proposalId() + ".blueprint.yaml";
                var last = p.tasks().get(p.tasks().size() - 1);
                origin = Optional.of(new StartRun.Origin(last.agentId().replaceFirst("@.*$", ""), last.skillId().replaceFirst("@.*$", ""),
                        java.util.List.of(p.intentArtifactId(), p.proposalArtifactId())));
            }
            StartRun.Result result = factory.runs().start().run(new StartRun.Request(tenantId, fileName, content,
                    Optional.ofNullable(this.out), template, origin), new RunReport.Printer(out()));
            if (result instanceof StartRun.Result.Rejected r) {
                RunReport.printProblems(err(), r.problems());
                return FactoryCli.BAD_INPUT;
            }
            if (result instanceof StartRun.Result.Refused r) {
                return BillingCommand.refused(err(), r.refusal());
            }
            Profile.remember(settings, tenantId);
            FactoryRun run = ((StartRun.Result.Finished) result).run();
            factory.drain(Duration.ofSeconds(30));
            RunReport.summary(out(), factory, tenantId, run);
            if (report != null) {
                Files.writeString(report, Json.pretty(run));
            }
            return RunReport.exitCode(run);
        }
    }

    private boolean confirmed() throws IOException {
        out().print("Run this proposal? [y/N] ");
        out().flush();
        String line = new java.io.BufferedReader(new java.io.InputStreamReader(System.in, java.nio.charset.StandardCharsets.UTF_8)).readLine();
        return line != null && line.strip().toLowerCase(java.util.Locale.ROOT).matches("y|yes");
    }
}
