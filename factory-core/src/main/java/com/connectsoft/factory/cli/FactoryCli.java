package com.connectsoft.factory.cli;

import com.connectsoft.factory.app.FactorySettings;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * The {@code factory} command line; each command is its own class. Exit codes: 0 success, 1 a run failed, 2 bad
 * input or usage, 3 a needed tool is missing, 4 the run waits for approval, 5 the tenant's plan refused the work (a quota
 * used up, or an item the plan does not include). Benchmarks are apart, in {@code bench/bench}.
 */
@Command(name = "factory", mixinStandardHelpOptions = true, version = "ConnectSoft AI Software Factory 0.1.0",
        description = "Generates multi-tenant SaaS modules from blueprints with governed templates.")
public final class FactoryCli implements Callable<Integer> {
    /** The commands, in the order the usage lists them. */
    static final List<Class<?>> COMMANDS = List.of(GenerateCommand.class, ValidateCommand.class, RunsCommand.class, StatusCommand.class,
            ResumeCommand.class, ApproveCommand.class, RejectCommand.class, CancelCommand.class, ArtifactsCommand.class, LineageCommand.class,
            UsageCommand.class, TemplatesCommand.class, ServeCommand.class, KeysCommand.class, WebhooksCommand.class, EntraCommand.class,
            DeployCommand.class, PreviewCommand.class, SearchCommand.class, ReindexCommand.class, MutationCommand.class, AgentsCommand.class,
            ProposeCommand.class, TraceCommand.class, AuditCommand.class, FeedbackCommand.class, InvoiceCommand.class, BillingCommand.class,
            CommandLine.HelpCommand.class);
    /** The root's options that take a value (the command is the first argument that is neither an option nor such a value). */
    private static final java.util.Set<String> VALUED_OPTIONS = java.util.Set.of("--data-dir", "--templates");

    public static final int OK = 0;
    public static final int RUN_FAILED = 1;
    public static final int BAD_INPUT = 2;
    /** What was asked needs a tool this machine does not have (e.g. the Pulumi CLI for deploy). */
    public static final int NOT_AVAILABLE = 3;
    /** The run waits for a human: ./factory approve or reject it. */
    public static final int WAITING = 4;
    /** The tenant's plan refused the work before anything started: a quota is used up, or the plan does not include it. */
    public static final int REFUSED_BY_PLAN = 5;

    @Option(names = "--data-dir", description = "Data directory (default: $FACTORY_DATA_DIR or ./.factory-data).")
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

    /** The settings of the environment and local.settings.json, with the global options over them. */
    FactorySettings settings() {
        return FactorySettings.forCommandLine(dataDir, templates);
    }

    /**
     * The commands the arguments may reach: the named command only (picocli reads every command's options by reflection,
     * which is most of a short command's start), or all of them for the usage, help and anything unknown.
     */
    static List<Class<?>> commandsFor(String[] args) {
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            if (VALUED_OPTIONS.contains(a)) {
                i++;
            } else if (!a.startsWith("-")) {
                for (Class<?> c : COMMANDS) {
                    if (c != CommandLine.HelpCommand.class && c.getAnnotation(Command.class).name().equals(a)) {
                        return List.of(c);
                    }
                }
                return COMMANDS;
            }
        }
        return COMMANDS;
    }

    /** {@code -h, --help} on every command and subcommand (picocli answers it before checking required options). */
    private static void withHelpOption(CommandLine cl) {
        for (CommandLine sub : cl.getSubcommands().values()) {
            if (sub.getCommand() instanceof CommandLine.HelpCommand) {
                continue;
            }
            CommandLine.Model.CommandSpec spec = sub.getCommandSpec();
            if (spec.findOption("--help") == null && spec.findOption("-h") == null) {
                spec.addOption(CommandLine.Model.OptionSpec.builder("-h", "--help").usageHelp(true)
                        .description("Show this help message and exit.").build());
            }
            withHelpOption(sub);
        }
    }

    public static void main(String[] args) {
        System.exit(run(args, new PrintWriter(System.out, true), new PrintWriter(System.err, true)));
    }

    public static int run(String[] args, PrintWriter out, PrintWriter err) {
        CommandLine cl = new CommandLine(new FactoryCli());
        commandsFor(args).forEach(cl::addSubcommand);
        withHelpOption(cl);
        cl.setOut(out);
        cl.setErr(err);
        cl.setParameterExceptionHandler((ex, a) -> {
            err.println("error: " + ex.getMessage());
            ex.getCommandLine().usage(err);
            return BAD_INPUT;
        });
        cl.setExecutionExceptionHandler((e, cmd, parsed) -> {
            err.println("error: " + e.getMessage());
            return e instanceof IllegalArgumentException ? BAD_INPUT : RUN_FAILED;
        });
        return cl.execute(args);
    }
}
