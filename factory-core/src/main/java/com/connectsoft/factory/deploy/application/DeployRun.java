package com.connectsoft.factory.deploy.application;

import com.connectsoft.factory.capability.ModuleSources;
import com.connectsoft.factory.deploy.domain.StackRunner;
import com.connectsoft.factory.platform.files.Directories;
import com.connectsoft.factory.run.domain.FactoryRun;
import com.connectsoft.factory.run.domain.ModuleResult;
import com.connectsoft.factory.run.domain.Runs;
import com.connectsoft.factory.shared.domain.TenantId;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Deploys what a completed run generated: each module's {@code infra/} Pulumi program, materialised from the
 * artifact store, with the stack config the program needs (tenantId, projectId, traceId of the run). Where no Pulumi
 * CLI is installed it does nothing and says where the ready programs are.
 */
public final class DeployRun {
    private static final Pattern PROJECT_NAME = Pattern.compile("(?m)^name:\\s*([A-Za-z0-9._-]+)\\s*$");
    private final Runs runs;
    private final ModuleSources sources;
    private final StackRunner runner;
    private final Path workRoot;

    public DeployRun(Runs runs, ModuleSources sources, StackRunner runner, Path workRoot) {
        this.runs = runs;
        this.sources = sources;
        this.runner = runner;
        this.workRoot = workRoot;
    }

    /**
     * One module's program, the config it gets, and the config keys it needs that nobody gave (the sign-in keys of a
     * program that signs callers in with Entra ID when no app registration was given; only without a Pulumi CLI).
     */
    public record Program(String module, Path dir, String project, Map<String, String> config, List<String> missing) {
        public Program {
            config = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(config));
            missing = List.copyOf(missing);
        }
    }

    /**
     * The Entra ID app registration callers of the generated APIs get tokens from: programs that sign callers in
     * (FunctionsMicroservice 1.4.0 and later) require it as the stack config {@code entraTenantId}, {@code entraClientId}
     * and optionally {@code entraAudience} (default: the client id).
     */
    public record SignIn(String directoryId, String clientId, Optional<String> audience) {
        private static final Pattern GUID = Pattern.compile("[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");
        private static final Pattern AUDIENCE = Pattern.compile("[A-Za-z0-9][A-Za-z0-9:/._~%-]{0,199}");

        public SignIn {
            if (directoryId == null || !GUID.matcher(directoryId).matches()) {
                throw new IllegalArgumentException("the Entra ID directory (tenant) id '" + directoryId + "' is not a GUID: give the "
                        + "'Directory (tenant) ID' of the app registration, e.g. 72f988bf-86f1-41af-91ab-2d7cd011db47");
            }
            if (clientId == null || !GUID.matcher(clientId).matches()) {
                throw new IllegalArgumentException("the Entra ID client id '" + clientId + "' is not a GUID: give the "
                        + "'Application (client) ID' of the app registration");
            }
            if (audience.isPresent() && !AUDIENCE.matcher(audience.get()).matches()) {
                throw new IllegalArgumentException("the audience '" + audience.get() + "' is not an application id URI or a client id "
                        + "(letters, digits and :/._~%-, at most 200 characters), e.g. api://invoicing");
            }
        }

        /** From the three options as given; none is no sign-in, some but not both ids is an error. */
        public static Optional<SignIn> of(String directoryId, String clientId, String audience) {
            boolean any = directoryId != null || clientId != null || audience != null;
            if (!any) {
                return Optional.empty();
            }
            if (directoryId == null || clientId == null) {
                throw new IllegalArgumentException("give both the Entra ID directory (tenant) id and the application (client) id"
                        + " of the app registration (--entra-tenant and --entra-client), or neither");
            }
            return Optional.of(new SignIn(directoryId, clientId, Optional.ofNullable(audience)));
        }
    }

    /** The stack config keys of a program that signs callers in. */
    static final List<String> SIGN_IN_KEYS = List.of("entraTenantId", "entraClientId");

    public sealed interface Outcome {
        List<Program> programs();
    }

    /** No Pulumi CLI here: the programs are ready where listed. */
    public record NoCli(List<Program> programs, String whereLooked) implements Outcome {
    }

    /** Each module's preview or update summary, in module order. */
    public record Ran(List<Program> programs, List<String> summaries, boolean update) implements Outcome {
    }

    public Outcome deploy(TenantId tenant, String runId, String stack, boolean update) {
        return deploy(tenant, runId, stack, update, Optional.empty());
    }

    /**
     * @param signIn the app registration for programs that sign callers in; without it such a program is refused
     *               when a Pulumi CLI would run it, and listed with the keys still to set when none is installed
     */
    public Outcome deploy(TenantId tenant, String runId, String stack, boolean update, Optional<SignIn> signIn) {
        if (!stack.matches("[A-Za-z0-9._-]{1,100}")) {
            throw new IllegalArgumentException("stack name '" + stack + "' is invalid: use letters, digits, '.', '_' or '-', e.g. dev");
        }
        FactoryRun run = runs.find(tenant, runId).orElseThrow(() -> new IllegalArgumentException(
                "run " + runId + " not found for tenant " + tenant.value() + " (see ./factory runs)"));
        if (run.status() != com.connectsoft.factory.run.vocabulary.RunStatus.COMPLETED) {
            throw new IllegalArgumentException("run " + runId + " is " + run.status() + ": only a completed run (every module built, "
                    + "tested and committed) can be deployed");
        }
        List<Program> programs = new ArrayList<>();
        Path root = workRoot.resolve(tenant.value()).resolve(runId);
        try {
            Directories.delete(root, true);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot clear the deploy directory " + root, e);
        }
        for (ModuleResult m : run.modules()) {
            Path dir = root.resolve(m.name());
            sources.materialize(tenant, m.manifestHash(), dir);
            Path infra = dir.resolve("infra");
            Path pulumiYaml = infra.resolve("Pulumi.yaml");
            if (!Files.isRegularFile(pulumiYaml)) {
                throw new IllegalArgumentException("module " + m.name() + " of run " + runId + " has no infra/Pulumi.yaml: it was rendered "
                        + "by a template version without an infrastructure program; run the factory again to regenerate it");
            }
            String project = project(pulumiYaml);
            Map<String, String> config = new LinkedHashMap<>();
            config.put(project + ":tenantId", tenant.value());
            config.put(project + ":projectId", run.projectId());
            config.put(project + ":traceId", run.traceId());
            List<String> missing = new ArrayList<>();
            if (signsCallersIn(infra)) {
                if (signIn.isPresent()) {
                    config.put(project + ":entraTenantId", signIn.get().directoryId());
                    config.put(project + ":entraClientId", signIn.get().clientId());
                    signIn.get().audience().ifPresent(a -> config.put(project + ":entraAudience", a));
                } else {
                    SIGN_IN_KEYS.forEach(k -> missing.add(project + ":" + k));
                }
            }
            programs.add(new Program(m.name(), infra, project, config, missing));
        }
        if (!runner.available()) {
            return new NoCli(programs, runner.whereLooked());
        }
        List<String> unsigned = programs.stream().filter(p -> !p.missing().isEmpty()).map(Program::module).toList();
        if (!unsigned.isEmpty()) {
            throw new IllegalArgumentException("module" + (unsigned.size() == 1 ? " " : "s ") + String.join(", ", unsigned)
                    + " of run " + runId + " sign" + (unsigned.size() == 1 ? "s" : "") + " callers in with Entra ID, so the stack needs the"
                    + " app registration callers get tokens from: give --entra-tenant <directory (tenant) id> --entra-client"
                    + " <application (client) id> [--entra-audience <application id URI>] (see the module README, 'Sign-in'); nothing"
                    + " was previewed or deployed");
        }
        List<String> summaries = new ArrayList<>();
        for (Program p : programs) {
            summaries.add(runner.run(p.dir(), stack, p.config(), update));
        }
        return new Ran(programs, summaries, update);
    }

    /** Whether the module's program reads the sign-in config (a Java source of infra/src/main names the key). */
    static boolean signsCallersIn(Path infra) {
        Path src = infra.resolve("src/main/java");
        if (!Files.isDirectory(src)) {
            return false;
        }
        try (var files = Files.walk(src, 16)) {
            return files.filter(f -> f.toString().endsWith(".java") && Files.isRegularFile(f)).anyMatch(f -> {
                try {
                    return Files.readString(f).contains("\"" + SIGN_IN_KEYS.get(0) + "\"");
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the infrastructure program in " + infra, e);
        }
    }

    private static String project(Path pulumiYaml) {
        try {
            Matcher m = PROJECT_NAME.matcher(Files.readString(pulumiYaml));
            if (!m.find()) {
                throw new IllegalArgumentException(pulumiYaml + " names no project (a 'name:' line)");
            }
            return m.group(1);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
