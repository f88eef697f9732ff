package com.connectsoft.factory.cli;

import com.connectsoft.factory.app.FactoryApp;
import com.connectsoft.factory.app.FactorySettings;
import com.connectsoft.factory.blueprint.domain.Blueprint;
import com.connectsoft.factory.blueprint.domain.Module;
import com.connectsoft.factory.blueprint.domain.ParseOutcome;
import com.connectsoft.factory.generation.application.FactoryVersions;
import com.connectsoft.factory.generation.application.RenderModule;
import com.connectsoft.factory.run.application.RunFactory;
import com.connectsoft.factory.run.application.RunProgress;
import com.connectsoft.factory.run.domain.FactoryRun;
import com.connectsoft.factory.run.domain.StageRecord;
import com.connectsoft.factory.shared.domain.TenantId;
import com.connectsoft.factory.template.adapter.filesystem.FileSystemTemplateCatalog;
import com.connectsoft.factory.template.adapter.mustache.MustacheEngine;
import com.connectsoft.factory.template.application.TemplateRenderer;
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
@Command(name = "bench", description = "Benchmark rendering and whole runs on blueprints (figures as Markdown).")
final class BenchCommand implements Callable<Integer> {
    @CommandLine.ParentCommand
    FactoryCli parent;

    @Parameters(description = "Blueprint files.", arity = "1..*")
    List<Path> blueprints;

    @Option(names = "--runs", defaultValue = "2", description = "Whole runs per blueprint (median reported; default ${DEFAULT-VALUE}).")
    int runs;

    @Option(names = "--renders", defaultValue = "30", description = "Warm renders per module (default ${DEFAULT-VALUE}).")
    int renders;

    @Override
    public Integer call() throws IOException {
        PrintWriter out = parent.spec.commandLine().getOut();
        FactorySettings base = parent.settings();
        FileSystemTemplateCatalog catalog = new FileSystemTemplateCatalog(base.templatesDir());
        TemplatePackage tpl = catalog.latest(RunFactory.DEFAULT_TEMPLATE).orElseThrow();
        RenderModule render = new RenderModule(new TemplateRenderer(new MustacheEngine(), catalog, catalog), FactoryVersions.load());

        out.println("## Render (warm, " + renders + " renders per module after " + Math.max(5, renders / 3) + " warm-up)");
        out.println();
        out.println("| blueprint | module | files | lines | ms per render (median) | files/s |");
        out.println("|---|---|---:|---:|---:|---:|");
        for (Path file : blueprints) {
            ParseOutcome o = FactoryApp.READERS.read(file.toString(), Files.readAllBytes(file));
            if (o instanceof ParseOutcome.Rejected r) {
                FactoryCli.printProblems(parent.spec.commandLine().getErr(), r.problems());
                return FactoryCli.BAD_INPUT;
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
                try (FactoryApp app = new FactoryApp(base.withDataDir(data)).dispatchLocally()) {
                    long s = System.nanoTime();
                    RunFactory.Result r = app.runFactory.run(new RunFactory.StartRun(TenantId.of("bench"), file.toString(),
                            Files.readAllBytes(file), Optional.empty(), RunFactory.DEFAULT_TEMPLATE), RunProgress.SILENT);
                    totals.add((System.nanoTime() - s) / 1_000_000);
                    last = ((RunFactory.Result.Finished) r).run();
                    if (!FactoryRun.COMPLETED.equals(last.status())) {
                        parent.spec.commandLine().getErr().println(file + ": run failed: " + last.failure());
                        return FactoryCli.RUN_FAILED;
                    }
                    for (StageRecord st : last.stages()) {
                        byStage.computeIfAbsent(st.name(), k -> new ArrayList<>()).add(st.durationMs());
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
        return FactoryCli.OK;
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
