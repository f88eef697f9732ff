package com.connectsoft.factory.cli;

import com.connectsoft.factory.app.Factory;
import com.connectsoft.factory.platform.telemetry.TraceTree;
import com.connectsoft.factory.platform.telemetry.TracingSettings;
import com.connectsoft.factory.run.domain.FactoryRun;
import com.connectsoft.factory.shared.domain.TenantId;
import com.connectsoft.factory.shared.domain.TraceIds;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "trace", description = "Print a run's spans as a tree, from the traces file (FACTORY_TRACES_FILE).")
final class TraceCommand extends FactoryCommand {
    @Parameters(index = "0", description = "Run id.")
    String runId;

    @Mixin
    RequiredTenantOption tenant;

    @Option(names = "--file", description = "The traces file to read (default: FACTORY_TRACES_FILE).")
    Path file;

    @Override
    public Integer call() throws IOException {
        TenantId t = tenant.value();
        PrintWriter out = out();
        PrintWriter err = err();
        Optional<Path> traces = Optional.ofNullable(file).or(() -> Factory.tracingSettings().file());
        if (traces.isEmpty()) {
            err.println("no traces file: set " + TracingSettings.TRACES_FILE + " (environment or local.settings.json) before runs, or "
                    + "pass --file");
            return FactoryCli.BAD_INPUT;
        }
        try (Factory factory = open()) {
            Optional<FactoryRun> run = RunReport.runOf(factory, t, runId, err);
            if (run.isEmpty()) {
                return FactoryCli.BAD_INPUT;
            }
            String traceId = TraceIds.w3c(run.get().traceId());
            if (!Files.isRegularFile(traces.get())) {
                err.println("traces file " + traces.get() + " does not exist: was " + TracingSettings.TRACES_FILE + " set when run "
                        + runId + " ran?");
                return FactoryCli.BAD_INPUT;
            }
            TraceTree tree = TraceTree.read(traces.get(), traceId, t.value());
            if (tree.spans().isEmpty()) {
                err.println("no spans of trace " + traceId + " (run " + runId + ") in " + traces.get() + ": was "
                        + TracingSettings.TRACES_FILE + " set when it ran?");
                return FactoryCli.BAD_INPUT;
            }
            out.printf("Trace %s of run %s (tenant %s): %d spans%n", traceId, runId, t.value(), tree.spans().size());
            List<String> lines = tree.render();
            lines.forEach(out::println);
            return FactoryCli.OK;
        }
    }
}
