package com.connectsoft.factory.bench;

import com.connectsoft.factory.app.FactorySettings;
import com.connectsoft.factory.blueprint.domain.Problem;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code bench/bench}: the factory's benchmarks, apart from the production CLI. Each prints Markdown tables (the
 * figures in docs/benchmarks.md); comparisons are measured side by side in one run, since machines are noisy.
 */
@Command(name = "bench", mixinStandardHelpOptions = true, description = "Benchmarks of the factory (figures as Markdown).",
        subcommands = {RunBench.class, ApiBench.class, DurableBench.class, SearchBench.class, CommandLine.HelpCommand.class})
public final class BenchCli implements Callable<Integer> {
    static final int OK = 0;
    static final int RUN_FAILED = 1;
    static final int BAD_INPUT = 2;

    @Option(names = "--data-dir", description = "Scratch data directory (default: $FACTORY_DATA_DIR or ./.factory-data).")
    Path dataDir;

    @Option(names = "--templates", description = "Template packages directory (default: $FACTORY_TEMPLATES or <factory home>/templates).")
    Path templates;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        spec.commandLine().usage(spec.commandLine().getOut());
        return BAD_INPUT;
    }

    FactorySettings settings() {
        return FactorySettings.forCommandLine(dataDir, templates);
    }

    static void printProblems(PrintWriter err, List<Problem> problems) {
        problems.forEach(p -> err.println(p.render()));
        err.println(problems.size() + " problem(s)");
    }

    public static void main(String[] args) {
        CommandLine cl = new CommandLine(new BenchCli());
        cl.setExecutionExceptionHandler((e, cmd, parsed) -> {
            cmd.getErr().println("error: " + e.getMessage());
            return e instanceof IllegalArgumentException ? BAD_INPUT : RUN_FAILED;
        });
        System.exit(cl.execute(args));
    }
}
