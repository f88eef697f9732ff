package com.connectsoft.factory.bench;

import com.connectsoft.factory.run.vocabulary.RunStatus;
import com.connectsoft.factory.app.Factory;
import com.connectsoft.factory.app.FactorySettings;
import com.connectsoft.factory.blueprint.domain.Blueprint;
import com.connectsoft.factory.blueprint.domain.Module;
import com.connectsoft.factory.blueprint.domain.ParseOutcome;
import com.connectsoft.factory.generation.application.FactoryVersions;
import com.connectsoft.factory.generation.application.RenderModule;
import com.connectsoft.factory.run.application.StartRun;
import com.connectsoft.factory.run.application.RunProgress;
import com.connectsoft.factory.run.domain.FactoryRun;
import com.connectsoft.factory.run.domain.StageRecord;
import com.connectsoft.factory.shared.domain.TenantId;
import com.connectsoft.factory.template.adapter.filesystem.FileSystemTemplateCatalog;
import com.connectsoft.factory.template.adapter.mustache.MustacheEngine;
import com.connectsoft.factory.generation.application.TemplateRenderer;
import com.connectsoft.factory.template.domain.RenderOutcome;
import com.connectsoft.factory.template.domain.TemplatePackage;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * Measures the production line: warm render time per module and files per second (renders repeated in one JVM),
 * and whole runs (render, governance, real builds and tests, commit) split by stage. Prints Markdown tables.
 */
@Command(name = "runs", description = "Benchmark rendering and whole runs on blueprints (figures as Markdown).")
final class RunBench implements Callable<Integer> {
    @CommandLine.ParentCommand
    BenchCli parent;

    @Parameters(description = "Blueprint files.", arity = "1..*")
    List<Path> blueprints;

    @Option(names = "--runs", defaultValue = "2", description = "Whole runs per blueprint (median reported; default ${DEFAULT-VALUE}).")
    int runs;

    @Option(names = "--renders", defaultValue = "30", description = "Warm renders per module (default ${DEFAULT-VALUE}).")
    int renders;

    @Option(names = "--concurrency", description = "Also run each blueprint with one module build at a time (the factory "
            + "before builds ran side by side) and compare, in this one run.")
    boolean compareConcurrency;

    @Override
    public Integer call() throws IOException {
        PrintWriter out = parent.spec.commandLine().getOut();
        FactorySettings base = parent.settings();
        FileSystemTemplateCatalog catalog = new FileSystemTemplateCatalog(base.templatesDir());
        TemplatePackage tpl = catalog.latest(StartRun.DEFAULT_TEMPLATE).orElseThrow();
        RenderModule render = new RenderModule(new TemplateRenderer(new MustacheEngine(), catalog), FactoryVersions.load());

        out.println("## Render (warm, " + renders + " renders per module after " + Math.max(5, renders / 3) + " warm-up)");
        out.println();
        out.println("| blueprint | module | files | lines | ms per render (median) | files/s |");
        out.println("|---|---|---:|---:|---:|---:|");
        for (Path file : blueprints) {
            ParseOutcome o = com.connectsoft.factory.blueprint.BlueprintConfiguration.READERS.read(file.toString(), Files.readAllBytes(file));
            if (o instanceof ParseOutcome.Rejected r) {
                BenchCli.printProblems(parent.spec.commandLine().getErr(), r.problems());
                return BenchCli.BAD_INPUT;
            }
            Blueprint bp = ((ParseOutcome.Accepted) o).blueprint();
            for (Module m : bp.modules()) {
                for (int i = 0; i < Math.max(5, renders / 3); i++) {
                    render.render(bp, m, tpl);
                }
                long[] nanos = new long[renders];
                RenderOutcome.Rendered last = null;
                for (int i = 0; i < renders; i++) {
                    long s = System.nanoTime();
                    last = (RenderOutcome.Rendered) render.render(bp, m, tpl);
                    nanos[i] = System.nanoTime() - s;
                }
                double ms = median(nanos) / 1e6;
                long lines = last.files().stream().mapToLong(f -> f.lines()).sum();
                out.printf("| %s | %s | %d | %d | %.2f | %.0f |%n", file.getFileName(), m.name(), last.files().size(), lines, ms,
                        last.files().size() / (ms / 1000));
            }
        }

        out.println();
        out.println("## Whole runs (cold JVM per run is not measured: runs share this JVM; median of " + runs + ")");
        out.println();
        List<String> stages = List.of("intake", "plan", "render", "governance", "validate", "publish", "done");
        out.println("| blueprint | modules | files | tests | " + String.join(" ms | ", stages) + " ms | total ms |");
        out.println("|---|---:|---:|---:|" + "---:|".repeat(stages.size()) + "---:|");
        Path work = Files.createTempDirectory("factory-bench");
        for (Path file : blueprints) {
            Map<String, List<Long>> byStage = new LinkedHashMap<>();
            List<Long> totals = new ArrayList<>();
            FactoryRun last = null;
            for (int i = 0; i < runs; i++) {
                Path data = work.resolve(file.getFileName() + "-" + i);
                try (Factory app = Factory.open(base.withDataDir(data)).dispatchLocally()) {
                    long s = System.nanoTime();
                    StartRun.Result r = app.runs().start().run(new StartRun.Request(TenantId.of("bench"), file.toString(),
                            Files.readAllBytes(file), Optional.empty(), StartRun.DEFAULT_TEMPLATE), RunProgress.SILENT);
                    totals.add((System.nanoTime() - s) / 1_000_000);
                    last = ((StartRun.Result.Finished) r).run();
                    if (last.status() != RunStatus.COMPLETED) {
                        parent.spec.commandLine().getErr().println(file + ": run failed: " + last.failure());
                        return BenchCli.RUN_FAILED;
                    }
                    for (StageRecord st : last.stages()) {
                        byStage.computeIfAbsent(st.name().key(), k -> new ArrayList<>()).add(st.durationMs());
                    }
                }
            }
            int files = last.modules().stream().mapToInt(m -> m.files()).sum();
            int tests = last.modules().stream().mapToInt(m -> m.testsPassed()).sum();
            StringBuilder row = new StringBuilder("| " + file.getFileName() + " | " + last.modules().size() + " | " + files + " | " + tests + " |");
            for (String st : stages) {
                row.append(' ').append(medianOf(byStage.getOrDefault(st, List.of(0L)))).append(" |");
            }
            row.append(' ').append(medianOf(totals)).append(" |");
            out.println(row);
        }
        return compareConcurrency ? compareConcurrency(out, base, work) : BenchCli.OK;
    }

    /**
     * Whole runs with one module build at a time and with FACTORY_BUILD_CONCURRENCY builds, alternating, in this
     * process: the validate stage against the sum of the module builds, and the whole run, as medians.
     */
    private int compareConcurrency(PrintWriter out, FactorySettings base, Path work) throws IOException {
        com.connectsoft.factory.build.domain.BuildSettings b = base.build();
        FactorySettings one = base.withBuild(new com.connectsoft.factory.build.domain.BuildSettings(b.maven(), b.timeout(), b.repository(), b.sandbox(),
                b.memoryMb(), b.diskMb(), b.uid(), b.mavenSettings(), 1, b.jobs()));
        out.println();
        out.println("## Module builds one at a time and side by side (" + b.concurrency() + " at once), alternating, median of " + runs);
        out.println();
        out.println("| blueprint | builds at once | validate ms | sum of module builds ms | validate / sum | whole run ms |");
        out.println("|---|---:|---:|---:|---:|---:|");
        for (Path file : blueprints) {
            Map<Integer, List<long[]>> results = new LinkedHashMap<>();
            for (int i = 0; i < runs; i++) {
                for (FactorySettings s : List.of(one, base)) {
                    Path data = work.resolve(file.getFileName() + "-c" + s.build().concurrency() + "-" + i);
                    try (Factory app = Factory.open(s.withDataDir(data)).dispatchLocally()) {
                        long start = System.nanoTime();
                        StartRun.Result r = app.runs().start().run(new StartRun.Request(TenantId.of("bench"), file.toString(),
                                Files.readAllBytes(file), Optional.empty(), StartRun.DEFAULT_TEMPLATE), RunProgress.SILENT);
                        long total = (System.nanoTime() - start) / 1_000_000;
                        FactoryRun run = ((StartRun.Result.Finished) r).run();
                        if (run.status() != RunStatus.COMPLETED) {
                            parent.spec.commandLine().getErr().println(file + ": run failed: " + run.failure());
                            return BenchCli.RUN_FAILED;
                        }
                        long validate = run.stages().stream().filter(st -> st.name() == com.connectsoft.factory.run.vocabulary.Stage.VALIDATE).mapToLong(StageRecord::durationMs)
                                .sum();
                        long builds = run.modules().stream().mapToLong(m -> m.buildMs()).sum();
                        results.computeIfAbsent(s.build().concurrency(), k -> new ArrayList<>()).add(new long[] {validate, builds, total});
                    }
                }
            }
            for (Map.Entry<Integer, List<long[]>> e : results.entrySet()) {
                long validate = medianOf(e.getValue().stream().map(x -> x[0]).toList());
                long builds = medianOf(e.getValue().stream().map(x -> x[1]).toList());
                long total = medianOf(e.getValue().stream().map(x -> x[2]).toList());
                out.printf("| %s | %d | %d | %d | %.2f | %d |%n", file.getFileName(), e.getKey(), validate, builds,
                        builds == 0 ? 0 : (double) validate / builds, total);
            }
        }
        return BenchCli.OK;
    }

    private static double median(long[] values) {
        long[] v = values.clone();
        Arrays.sort(v);
        return v.length % 2 == 1 ? v[v.length / 2] : (v[v.length / 2 - 1] + v[v.length / 2]) / 2.0;
    }

    private static long medianOf(List<Long> values) {
        return (long) median(values.stream().mapToLong(Long::longValue).toArray());
    }
}
