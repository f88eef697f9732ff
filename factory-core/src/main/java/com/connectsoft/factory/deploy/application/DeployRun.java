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

    /** One module's program and the config it gets. */
    public record Program(String module, Path dir, String project, Map<String, String> config) {
    }

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
            programs.add(new Program(m.name(), infra, project, config));
        }
        if (!runner.available()) {
            return new NoCli(programs, runner.whereLooked());
        }
        List<String> summaries = new ArrayList<>();
        for (Program p : programs) {
            summaries.add(runner.run(p.dir(), stack, p.config(), update));
        }
        return new Ran(programs, summaries, update);
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
