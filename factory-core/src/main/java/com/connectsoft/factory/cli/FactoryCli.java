package com.connectsoft.factory.cli;

import com.connectsoft.factory.run.vocabulary.RunStatus;
import com.connectsoft.factory.app.FactoryApp;
import com.connectsoft.factory.app.FactorySettings;
import com.connectsoft.factory.artifact.domain.Artifact;
import com.connectsoft.factory.blueprint.domain.ParseOutcome;
import com.connectsoft.factory.blueprint.domain.Problem;
import com.connectsoft.factory.platform.json.Json;
import com.connectsoft.factory.run.application.RunFactory;
import com.connectsoft.factory.run.application.RunProgress;
import com.connectsoft.factory.run.domain.FactoryRun;
import com.connectsoft.factory.run.domain.ModuleResult;
import com.connectsoft.factory.run.domain.StageRecord;
import com.connectsoft.factory.shared.domain.TenantId;
import com.connectsoft.factory.template.domain.TemplatePackage;
import com.connectsoft.factory.usage.domain.UsageRecord;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** The {@code factory} command line. Exit codes: 0 success, 1 a run failed, 2 bad input or usage. */
@Command(name = "factory", mixinStandardHelpOptions = true, version = "ConnectSoft AI Software Factory 0.1.0",
        description = "Generates multi-tenant SaaS modules from blueprints with governed templates.",
        subcommands = {FactoryCli.Generate.class, FactoryCli.Validate.class, FactoryCli.Runs.class, FactoryCli.Status.class,
                FactoryCli.Resume.class, FactoryCli.Approve.class, FactoryCli.Reject.class, FactoryCli.Cancel.class, FactoryCli.Artifacts.class,
                FactoryCli.Lineage.class, FactoryCli.Usage.class, FactoryCli.Templates.class, FactoryCli.Serve.class, FactoryCli.Keys.class, WebhooksCommand.class, EntraCommand.class, FactoryCli.Deploy.class, BenchCommand.class, ApiBenchCommand.class, DurableBenchCommand.class,
                CommandLine.HelpCommand.class})
public final class FactoryCli implements Callable<Integer> {
    public static final int OK = 0;
    public static final int RUN_FAILED = 1;
    public static final int BAD_INPUT = 2;
    /** What was asked needs a tool this machine does not have (e.g. the Pulumi CLI for deploy). */
    public static final int NOT_AVAILABLE = 3;
    /** The run waits for a human: ./factory approve or reject it. */
    public static final int WAITING = 4;

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

    FactorySettings settings() {
        Path home = Path.of(System.getProperty("factory.home", "."));
        FactorySettings s = FactorySettings.from(FactorySettings.withLocalSettings(System.getenv(), home),
                Path.of("").toAbsolutePath(), home);
        if (dataDir != null) {
            s = s.withDataDir(dataDir);
        }
        if (templates != null) {
            s = s.withTemplatesDir(templates);
        }
        return s;
    }

    public static void main(String[] args) {
        System.exit(run(args, new PrintWriter(System.out, true), new PrintWriter(System.err, true)));
    }

    public static int run(String[] args, PrintWriter out, PrintWriter err) {
        CommandLine cl = new CommandLine(new FactoryCli());
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

    /** Remembers the tenant of the last run, so read commands work without --tenant on one's own machine. */
    static final class Profile {
        static Path file(FactorySettings s) {
            return s.dataDir().resolve("cli-profile.json");
        }

        static void remember(FactorySettings s, TenantId tenant) {
            try {
                Files.createDirectories(s.dataDir());
                Files.writeString(file(s), Json.write(Map.of("tenant", tenant.value())));
            } catch (IOException e) {
                // a convenience only; the run is recorded either way
            }
        }

        static TenantId tenant(FactorySettings s, String given) {
            if (given != null) {
                return TenantId.of(given);
            }
            String env = System.getenv("FACTORY_TENANT");
            if (env != null && !env.isBlank()) {
                return TenantId.of(env);
            }
            try {
                return TenantId.of(Json.read(Files.readString(file(s))).get("tenant").asText());
            } catch (IOException | RuntimeException e) {
                throw new IllegalArgumentException("which tenant? pass --tenant <id> (or set FACTORY_TENANT)");
            }
        }
    }

    /** Slow one-off work (preparing a template's builds) is announced on standard error. */
    static FactoryApp noticesToStderr(FactoryApp app, CommandLine.Model.CommandSpec spec) {
        PrintWriter err = spec.commandLine().getErr();
        return app.onNotice(line -> {
            err.println("factory: " + line);
            err.flush();
        });
    }

    static void printProblems(PrintWriter err, List<Problem> problems) {
        problems.forEach(p -> err.println(p.render()));
        err.println(problems.size() + " problem(s); nothing was written.");
    }

    @Command(name = "generate", description = "Run the factory on a blueprint: render, check, build and test, commit.")
    static final class Generate implements Callable<Integer> {
        @CommandLine.ParentCommand
        FactoryCli parent;

        @Parameters(index = "0", description = "The blueprint (*.blueprint.yaml) or JHipster JDL (*.jdl, *.jh).")
        Path blueprint;

        @Option(names = "--tenant", required = true, description = "The tenant the run is for (created on first use).")
        String tenant;

        @Option(names = "--out", description = "Where the module sources go (default: <data-dir>/workspaces/<tenant>/<project>).")
        Path out;

        @Option(names = "--template", defaultValue = RunFactory.DEFAULT_TEMPLATE, description = "Template id (default: ${DEFAULT-VALUE}).")
        String template;

        @Option(names = "--report", description = "Also write the finished run as JSON to this file.")
        Path report;

        @Override
        public Integer call() throws IOException {
            PrintWriter out = parent.spec.commandLine().getOut();
            PrintWriter err = parent.spec.commandLine().getErr();
            TenantId tenantId;
            try {
                tenantId = TenantId.of(tenant);
            } catch (IllegalArgumentException e) {
                err.println("--tenant: " + e.getMessage());
                return BAD_INPUT;
            }
            byte[] content;
            try {
                content = Files.readAllBytes(blueprint);
            } catch (NoSuchFileException e) {
                err.println(blueprint + ": no such file");
                return BAD_INPUT;
            }
            FactorySettings settings = parent.settings();
            try (FactoryApp app = noticesToStderr(new FactoryApp(settings), parent.spec).dispatchLocally()) {
                RunFactory.Result result = app.runFactory.run(new RunFactory.StartRun(tenantId, blueprint.toString(), content,
                        Optional.ofNullable(this.out), template), new Printer(out));
                if (result instanceof RunFactory.Result.Rejected r) {
                    printProblems(err, r.problems());
                    return BAD_INPUT;
                }
                Profile.remember(settings, tenantId);
                FactoryRun run = ((RunFactory.Result.Finished) result).run();
                app.drain(Duration.ofSeconds(30));
                summary(out, app, tenantId, run);
                if (report != null) {
                    Files.writeString(report, Json.pretty(run));
                }
                return exitCode(run);
            }
        }
    }

    /** 0 completed, 4 waiting for approval, 1 anything else (partially completed, failed, cancelled). */
    static int exitCode(FactoryRun run) {
        return run.status() == RunStatus.COMPLETED ? OK : run.status() == RunStatus.WAITING_FOR_APPROVAL ? WAITING : RUN_FAILED;
    }

    @Command(name = "resume", description = "Continue every unfinished run in the data directory; returns when each has ended or waits for approval.")
    static final class Resume implements Callable<Integer> {
        @CommandLine.ParentCommand
        FactoryCli parent;

        @Override
        public Integer call() {
            PrintWriter out = parent.spec.commandLine().getOut();
            try (FactoryApp app = noticesToStderr(new FactoryApp(parent.settings()), parent.spec).dispatchLocally()) {
                boolean failed = false;
                int count = 0;
                for (TenantId t : app.tenants.all()) {
                    for (FactoryRun r : app.runs.list(t)) {
                        if (r.terminal()) {
                            continue;
                        }
                        count++;
                        out.printf("resuming run %s of tenant %s (%s)%n", r.runId(), t.value(), r.status());
                        app.runFactory.listen(r.runId(), new Printer(out));
                        FactoryRun settled = app.runFactory.export(app.runFactory.awaitSettled(t, r.runId()));
                        out.printf("run %s: %s%s%n", settled.runId(), settled.status(), settled.failure() == null ? "" : " - " + settled.failure());
                        failed |= exitCode(settled) == RUN_FAILED;
                    }
                }
                app.drain(Duration.ofSeconds(30));
                out.printf("%d unfinished run(s) continued%n", count);
                return failed ? RUN_FAILED : OK; // a run waiting for approval has done what it can
            }
        }
    }

    /** Answers an approval, then lets the run go on until it ends or waits again. */
    abstract static class Answer extends TenantCommand {
        @Parameters(index = "0", description = "Run id.")
        String runId;

        @Option(names = "--by", description = "Who answers (default: $USER).")
        String by;

        @Option(names = "--comment", description = "Why.", defaultValue = "")
        String comment;

        abstract boolean approve();

        @Override
        int run(PrintWriter out, PrintWriter err, FactoryApp app, TenantId t) {
            String who = by != null ? by : System.getProperty("user.name", "someone");
            List<String> modules;
            try {
                modules = app.control.answer(t, runId, approve(), who, comment);
            } catch (IllegalArgumentException | IllegalStateException e) {
                err.println(e.getMessage());
                return BAD_INPUT;
            }
            out.printf("%s %s for %s; continuing the run...%n", approve() ? "approved" : "rejected", String.join(", ", modules), runId);
            app.dispatchLocally();
            app.runFactory.listen(runId, new Printer(out));
            FactoryRun run = app.runFactory.export(app.runFactory.awaitAnswered(t, runId, modules));
            app.drain(Duration.ofSeconds(30));
            summary(out, app, t, run);
            return exitCode(run);
        }
    }

    @Command(name = "approve", description = "Approve what governance asked a human about in a run waiting for approval; the run goes on.")
    static final class Approve extends Answer {
        @Override
        boolean approve() {
            return true;
        }
    }

    @Command(name = "reject", description = "Reject a run waiting for approval: the modules that asked are not built or committed.")
    static final class Reject extends Answer {
        @Override
        boolean approve() {
            return false;
        }
    }

    @Command(name = "cancel", description = "Cancel a run that has not ended: it stops, and what it left uncommitted (and its branch) is removed.")
    static final class Cancel extends TenantCommand {
        @Parameters(index = "0", description = "Run id.")
        String runId;

        @Option(names = "--reason", description = "Why (kept on the run).", defaultValue = "")
        String reason;

        @Override
        int run(PrintWriter out, PrintWriter err, FactoryApp app, TenantId t) {
            try {
                app.control.cancel(t, runId, reason);
            } catch (IllegalArgumentException | IllegalStateException e) {
                err.println(e.getMessage());
                return BAD_INPUT;
            }
            app.dispatchLocally();
            FactoryRun run = app.runFactory.awaitSettled(t, runId);
            app.drain(Duration.ofSeconds(30));
            summary(out, app, t, run);
            return run.status() == RunStatus.CANCELLED ? OK : RUN_FAILED;
        }
    }

    /** Prints one line per stage and module as the run goes. */
    static final class Printer implements RunProgress {
        private final PrintWriter out;

        Printer(PrintWriter out) {
            this.out = out;
        }

        @Override
        public void stage(String stage, String status, long millis, String detail) {
            out.printf("[%-10s] %-9s %7d ms  %s%n", stage, status, millis, detail);
        }

        @Override
        public void module(String stage, String module, String detail) {
            out.printf("[%-10s]   %-18s %s%n", stage, module, detail);
        }
    }

    static void summary(PrintWriter out, FactoryApp app, TenantId tenant, FactoryRun run) {
        out.println();
        out.printf("Run %s %s for tenant %s (trace %s)%n", run.runId(), run.status(), tenant.value(), run.traceId());
        out.printf("  %-20s %6s %8s %14s  %-10s %s%n", "module", "files", "lines", "tests passed", "governance", "build");
        int files = 0;
        long lines = 0;
        for (ModuleResult m : run.modules()) {
            out.printf("  %-20s %6d %8d %8d/%-5d  %-10s %s%n", m.name(), m.files(), m.lines(), m.testsPassed(), m.testsRun(),
                    m.governance(), m.build());
            files += m.files();
            lines += m.lines();
        }
        out.printf("  %-20s %6d %8d%n", "total", files, lines);
        List<Artifact> artifacts = app.artifacts.byRun(tenant, run.runId());
        out.printf("Artifacts: %d (./factory artifacts %s)%n", artifacts.size(), run.runId());
        if (run.commitId() != null) {
            out.printf("Commit:    %s on branch %s of project %s%n", run.commitId(), run.branch(), run.projectId());
        }
        StringBuilder times = new StringBuilder();
        for (StageRecord s : run.stages()) {
            times.append(times.length() == 0 ? "" : ", ").append(s.name()).append(' ').append(s.durationMs()).append(" ms");
        }
        out.println("Stages:    " + times);
        out.println("Sources:   " + run.outputDir());
        if (run.failure() != null) {
            out.println("Failed:    " + run.failure());
        }
    }

    @Command(name = "validate", description = "Check a blueprint without running the factory (exit 0 when valid, 2 when not).")
    static final class Validate implements Callable<Integer> {
        @CommandLine.ParentCommand
        FactoryCli parent;

        @Parameters(index = "0")
        Path blueprint;

        @Override
        public Integer call() throws IOException {
            PrintWriter out = parent.spec.commandLine().getOut();
            PrintWriter err = parent.spec.commandLine().getErr();
            if (!Files.isRegularFile(blueprint)) {
                err.println(blueprint + ": no such file");
                return BAD_INPUT;
            }
            ParseOutcome o = FactoryApp.READERS.read(blueprint.toString(), Files.readAllBytes(blueprint));
            if (o instanceof ParseOutcome.Rejected r) {
                printProblems(err, r.problems());
                return BAD_INPUT;
            }
            ((ParseOutcome.Accepted) o).warnings().forEach(w -> out.println("warning: " + w.render()));
            var bp = ((ParseOutcome.Accepted) o).blueprint();
            for (var m : bp.modules()) {
                out.printf("  module %-20s %s%n", m.name(), m.entities().stream().map(e -> e.name()).toList());
            }
            out.printf("%s: valid: product '%s', %d modules, %d entities%n", blueprint, bp.product().name(), bp.modules().size(),
                    bp.entityCount());
            return OK;
        }
    }

    /** A read command for one tenant: resolves the tenant, opens the factory on its data directory, and runs. */
    abstract static class TenantCommand implements Callable<Integer> {
        @CommandLine.ParentCommand
        FactoryCli parent;

        @Option(names = "--tenant", description = "Tenant (default: $FACTORY_TENANT or the tenant of the last generate).")
        String tenant;

        @Override
        public final Integer call() {
            FactorySettings s = parent.settings();
            TenantId t = Profile.tenant(s, tenant);
            try (FactoryApp app = new FactoryApp(s)) {
                return run(parent.spec.commandLine().getOut(), parent.spec.commandLine().getErr(), app, t);
            }
        }

        abstract int run(PrintWriter out, PrintWriter err, FactoryApp app, TenantId tenant);

        /** The tenant's run, or empty after saying on {@code err} that there is none. */
        static Optional<FactoryRun> runOf(FactoryApp app, TenantId t, String runId, PrintWriter err) {
            Optional<FactoryRun> run = app.runs.find(t, runId);
            if (run.isEmpty()) {
                err.println("run " + runId + " not found for tenant " + t.value() + " (see ./factory runs)");
            }
            return run;
        }
    }

    @Command(name = "runs", description = "List a tenant's runs with their status.")
    static final class Runs extends TenantCommand {
        @Override
        int run(PrintWriter out, PrintWriter err, FactoryApp app, TenantId t) {
            List<FactoryRun> runs = app.runs.list(t);
            out.printf("%-32s %-20s %-24s %-22s %s%n", "run", "status", "project", "started", "modules");
            for (FactoryRun r : runs) {
                out.printf("%-32s %-20s %-24s %-22s %d%n", r.runId(), r.status(), r.projectId(), r.createdAt().toString().substring(0, 19),
                        r.modules().size());
            }
            out.printf("%d run(s) for tenant %s%n", runs.size(), t.value());
            return OK;
        }
    }

    @Command(name = "status", description = "Show one run: its status, each stage with its time, and each module.")
    static final class Status extends TenantCommand {
        @Parameters(index = "0", description = "Run id.")
        String runId;

        @Override
        int run(PrintWriter out, PrintWriter err, FactoryApp app, TenantId t) {
            Optional<FactoryRun> run = runOf(app, t, runId, err);
            if (run.isEmpty()) {
                return BAD_INPUT;
            }
            for (StageRecord s : run.get().stages()) {
                out.printf("[%-10s] %-9s %7d ms  %s%n", s.name(), s.status(), s.durationMs(), s.detail());
            }
            summary(out, app, t, run.get());
            return OK;
        }
    }

    @Command(name = "artifacts", description = "List the artifacts a run recorded.")
    static final class Artifacts extends TenantCommand {
        @Parameters(index = "0", description = "Run id.")
        String runId;

        @Override
        int run(PrintWriter out, PrintWriter err, FactoryApp app, TenantId t) {
            if (runOf(app, t, runId, err).isEmpty()) {
                return BAD_INPUT;
            }
            List<Artifact> list = app.artifacts.byRun(t, runId);
            out.printf("%-28s %-17s %-26s %-10s %s%n", "artifact", "type", "name", "status", "contentHash");
            for (Artifact a : list) {
                out.printf("%-28s %-17s %-26s %-10s %s%n", a.artifactId(), a.artifactType(), a.name(), a.status(),
                        a.contentHash().substring(0, 19) + "…");
            }
            out.printf("%d artifact(s) in run %s%n", list.size(), runId);
            return OK;
        }
    }

    @Command(name = "lineage", description = "Show where an artifact came from and what was made from it.")
    static final class Lineage extends TenantCommand {
        @Parameters(index = "0", description = "Artifact id.")
        String artifactId;

        @Override
        int run(PrintWriter out, PrintWriter err, FactoryApp app, TenantId t) {
            Optional<Artifact> a = app.artifacts.find(t, artifactId);
            if (a.isEmpty()) {
                err.println("artifact " + artifactId + " not found for tenant " + t.value());
                return BAD_INPUT;
            }
            Artifact x = a.get();
            out.printf("%s  %s \"%s\"%n", x.artifactId(), x.artifactType(), x.name());
            out.printf("  status %s, version %s, %s%n  produced by %s / %s in run %s, trace %s%n  blueprint %s, stored at %s%n",
                    x.status(), x.version(), x.contentHash(), x.producedByAgentId(), x.producedBySkillId(), x.runId(), x.traceId(),
                    x.sourceBlueprintId(), x.storageRef());
            out.println("made from:");
            ancestors(out, app, t, x, "  ", new HashSet<>());
            out.println("used by:");
            List<Artifact> derived = app.artifacts.derivedFrom(t, artifactId);
            if (derived.isEmpty()) {
                out.println("  (nothing yet)");
            }
            derived.forEach(dv -> out.printf("  %s %s \"%s\"%n", dv.artifactId(), dv.artifactType(), dv.name()));
            return OK;
        }

        private static void ancestors(PrintWriter out, FactoryApp app, TenantId t, Artifact a, String indent, Set<String> seen) {
            if (a.inputArtifactIds().isEmpty() && indent.length() == 2) {
                out.println("  (an input of the run)");
            }
            for (String id : a.inputArtifactIds()) {
                Optional<Artifact> in = app.artifacts.find(t, id);
                out.printf("%s<- %s %s%n", indent, id, in.map(i -> i.artifactType() + " \"" + i.name() + "\"").orElse("(missing)"));
                if (in.isPresent() && seen.add(id)) {
                    ancestors(out, app, t, in.get(), indent + "   ", seen);
                }
            }
        }
    }

    @Command(name = "usage", description = "What a tenant consumed, per meter (and per run with --run).")
    static final class Usage extends TenantCommand {
        @Option(names = "--run")
        String runId;

        @Override
        int run(PrintWriter out, PrintWriter err, FactoryApp app, TenantId t) {
            app.drain(Duration.ofSeconds(10));
            List<UsageRecord> records = runId == null ? app.usage.all(t) : app.usage.byRun(t, runId);
            Map<String, Long> totals = new TreeMap<>();
            Map<String, String> units = new TreeMap<>();
            records.forEach(r -> {
                totals.merge(r.meter(), r.quantity(), Long::sum);
                units.put(r.meter(), r.unit());
            });
            totals.forEach((meter, q) -> out.printf("%-16s %10d %s%n", meter, q, units.get(meter)));
            out.printf("%d usage record(s) for tenant %s%n", records.size(), t.value());
            return OK;
        }
    }

    @Command(name = "serve", description = "Serve the HTTP API (/api/v1) on this machine until stopped.")
    static final class Serve implements Callable<Integer> {
        @CommandLine.ParentCommand
        FactoryCli parent;

        @Option(names = "--port", defaultValue = "7071", description = "Port (default ${DEFAULT-VALUE}).")
        int port;

        @Option(names = "--host", defaultValue = "127.0.0.1", description = "Address to listen on (default ${DEFAULT-VALUE}).")
        String host;

        @Override
        public Integer call() throws Exception {
            PrintWriter out = parent.spec.commandLine().getOut();
            FactorySettings s = parent.settings();
            try (FactoryApp app = noticesToStderr(new FactoryApp(s), parent.spec).dispatchLocally();
                 com.connectsoft.factory.api.LocalHost host = new com.connectsoft.factory.api.LocalHost(
                         new com.connectsoft.factory.api.FactoryApi(app,
                                 com.connectsoft.factory.platform.secrets.SecretsSelection.adminKey(FactorySettings.withLocalSettings(System.getenv(),
                                         Path.of(System.getProperty("factory.home", "."))))),
                         this.host, port)) {
                out.printf("factory API on http://%s:%d/api/v1 (OpenAPI: /api/openapi.json); store and bus: %s. Ctrl-C stops.%n",
                        this.host, host.port(), app.platformDescription());
                long unfinished = app.tenants.all().stream().flatMap(t -> app.runs.list(t).stream()).filter(r -> !r.terminal()).count();
                if (unfinished > 0) {
                    out.printf("continuing %d unfinished run(s)%n", unfinished);
                }
                java.util.concurrent.CountDownLatch stop = new java.util.concurrent.CountDownLatch(1);
                Runtime.getRuntime().addShutdownHook(new Thread(stop::countDown));
                stop.await();
                return OK;
            }
        }
    }

    @Command(name = "deploy", description = "Preview (or with --update, update) the Azure resources of a completed run's modules "
            + "with each module's infra/ Pulumi program, through the Pulumi Automation API (needs the Pulumi CLI).")
    static final class Deploy extends TenantCommand {
        @Parameters(index = "0", description = "Run id (a completed run).")
        String runId;

        @Option(names = "--stack", defaultValue = "dev", description = "Pulumi stack of every module (default ${DEFAULT-VALUE}).")
        String stack;

        @Option(names = "--update", description = "Update the stacks (pulumi up) instead of previewing them.")
        boolean update;

        @Override
        int run(PrintWriter out, PrintWriter err, FactoryApp app, TenantId t) {
            com.connectsoft.factory.deploy.application.DeployRun deploy = new com.connectsoft.factory.deploy.application.DeployRun(app.runs,
                    new com.connectsoft.factory.artifact.application.ModuleSources(app.content),
                    new com.connectsoft.factory.deploy.adapter.PulumiAutomationRunner(System.getenv()),
                    app.settings().dataDir().resolve("deploy"));
            com.connectsoft.factory.deploy.application.DeployRun.Outcome outcome;
            try {
                outcome = deploy.deploy(t, runId, stack, update);
            } catch (IllegalArgumentException e) {
                err.println("error: " + e.getMessage());
                return BAD_INPUT;
            }
            if (outcome instanceof com.connectsoft.factory.deploy.application.DeployRun.NoCli none) {
                err.println("error: no Pulumi CLI found (looked in " + none.whereLooked() + "), so nothing was previewed or deployed. "
                        + "Install it (https://www.pulumi.com/docs/iac/download-install/) and run this again, or run each ready program yourself:");
                for (var p : none.programs()) {
                    err.printf("  %s: cd %s && pulumi stack select --create %s%s && mvn -Pazure -f ../pom.xml package && pulumi %s%n",
                            p.module(), p.dir(), stack, p.config().entrySet().stream().map(e -> " && pulumi config set " + e.getKey() + " " + e.getValue())
                                    .collect(java.util.stream.Collectors.joining()), update ? "up" : "preview");
                }
                return NOT_AVAILABLE;
            }
            var ran = (com.connectsoft.factory.deploy.application.DeployRun.Ran) outcome;
            for (int i = 0; i < ran.programs().size(); i++) {
                out.printf("%s (stack %s): %s%n", ran.programs().get(i).module(), stack, ran.summaries().get(i));
            }
            return OK;
        }
    }

    @Command(name = "keys", description = "API keys for the HTTP API: create, list, revoke.",
            subcommands = {Keys.Create.class, Keys.ListKeys.class, Keys.Revoke.class})
    static final class Keys implements Callable<Integer> {
        @CommandLine.ParentCommand
        FactoryCli parent;

        @Override
        public Integer call() {
            parent.spec.commandLine().getSubcommands().get("keys").usage(parent.spec.commandLine().getOut());
            return BAD_INPUT;
        }

        @Command(name = "create", description = "Create an API key for a tenant (registered if new); it is shown once, on its own line.")
        static final class Create implements Callable<Integer> {
            @CommandLine.ParentCommand
            Keys keys;

            @Option(names = "--tenant", required = true)
            String tenant;

            @Option(names = "--expires-in", defaultValue = "90d",
                    description = "Lifetime: <n>d or <n>h, between 1h and 730d (default ${DEFAULT-VALUE}).")
            String expiresIn;

            @Override
            public Integer call() {
                TenantId t = TenantId.of(tenant);
                java.time.Duration lifetime = com.connectsoft.factory.tenancy.domain.KeyLifetime.parse(expiresIn);
                try (FactoryApp app = new FactoryApp(keys.parent.settings())) {
                    app.tenants.register(t, t.value(), com.connectsoft.factory.tenancy.domain.Tenant.DEFAULT_PLAN);
                    var issued = app.apiKeys.issue(t, lifetime);
                    keys.parent.spec.commandLine().getOut().println(issued.key());
                    keys.parent.spec.commandLine().getErr().printf("key %s for tenant %s expires %s%n", issued.info().keyId(), t.value(),
                            issued.info().expiresAt().map(Object::toString).orElse("never"));
                    return OK;
                }
            }
        }

        @Command(name = "list", description = "List a tenant's API keys: id, start of the key, status, created, expires, last used, revoked.")
        static final class ListKeys implements Callable<Integer> {
            @CommandLine.ParentCommand
            Keys keys;

            @Option(names = "--tenant", required = true)
            String tenant;

            @Override
            public Integer call() {
                TenantId t = TenantId.of(tenant);
                PrintWriter out = keys.parent.spec.commandLine().getOut();
                try (FactoryApp app = new FactoryApp(keys.parent.settings())) {
                    var all = app.apiKeys.list(t);
                    out.printf("%-24s %-20s %-8s %-20s %-20s %-20s %s%n", "key", "starts", "status", "created", "expires", "last used", "revoked");
                    for (var k : all) {
                        out.printf("%-24s %-20s %-8s %-20s %-20s %-20s %s%n", k.keyId(), k.prefix(), k.status().name().toLowerCase(java.util.Locale.ROOT),
                                second(k.createdAt()), k.expiresAt().map(FactoryCli::second).orElse("never"),
                                k.lastUsedAt().map(FactoryCli::second).orElse("-"), k.revokedAt().map(FactoryCli::second).orElse("-"));
                    }
                    out.printf("%d key(s) for tenant %s%n", all.size(), t.value());
                    return OK;
                }
            }
        }

        @Command(name = "revoke", description = "Revoke one of a tenant's API keys at once (revoking twice changes nothing).")
        static final class Revoke implements Callable<Integer> {
            @CommandLine.ParentCommand
            Keys keys;

            @Parameters(index = "0", description = "Key id (see ./factory keys list).")
            String keyId;

            @Option(names = "--tenant", required = true)
            String tenant;

            @Override
            public Integer call() {
                TenantId t = TenantId.of(tenant);
                try (FactoryApp app = new FactoryApp(keys.parent.settings())) {
                    var revoked = app.apiKeys.revoke(t, keyId);
                    if (revoked.isEmpty()) {
                        keys.parent.spec.commandLine().getErr().println("tenant " + t.value() + " has no key with that id (see ./factory keys list --tenant "
                                + t.value() + ")");
                        return BAD_INPUT;
                    }
                    keys.parent.spec.commandLine().getOut().printf("revoked key %s of tenant %s at %s%n", revoked.get().keyId(), t.value(),
                            revoked.get().revokedAt().map(FactoryCli::second).orElse("?"));
                    return OK;
                }
            }
        }
    }

    private static String second(java.time.Instant at) {
        return at.truncatedTo(java.time.temporal.ChronoUnit.SECONDS).toString();
    }

    @Command(name = "templates", description = "List the governed templates in the catalog.")
    static final class Templates implements Callable<Integer> {
        @CommandLine.ParentCommand
        FactoryCli parent;

        @Override
        public Integer call() {
            PrintWriter out = parent.spec.commandLine().getOut();
            var catalog = new com.connectsoft.factory.template.adapter.filesystem.FileSystemTemplateCatalog(parent.settings().templatesDir());
            List<TemplatePackage> all = new ArrayList<>(catalog.all());
            for (TemplatePackage p : all) {
                out.printf("%s %s  %s (%d files, %s)%n", p.id(), p.version(), p.name(), p.files().size(), p.contentHash().substring(0, 19) + "…");
            }
            return OK;
        }
    }
}
