package com.connectsoft.factory.build.application;

import com.connectsoft.factory.artifact.domain.Artifact;
import com.connectsoft.factory.artifact.domain.Artifacts;
import com.connectsoft.factory.build.domain.BuildPreparation;
import com.connectsoft.factory.build.domain.MutationReport;
import com.connectsoft.factory.build.domain.MutationTesting;
import com.connectsoft.factory.capability.Lineage;
import com.connectsoft.factory.capability.ModuleSources;
import com.connectsoft.factory.platform.content.ContentRef;
import com.connectsoft.factory.platform.content.ContentStore;
import com.connectsoft.factory.platform.files.Directories;
import com.connectsoft.factory.platform.json.Json;
import com.connectsoft.factory.run.domain.FactoryRun;
import com.connectsoft.factory.run.domain.ModuleResult;
import com.connectsoft.factory.run.domain.Runs;
import com.connectsoft.factory.run.vocabulary.RunStatus;
import com.connectsoft.factory.shared.domain.TenantId;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Measures the mutation score of each module of a completed run: materialises the module's recorded sources (never
 * the workspace, which a user may have edited), makes sure the run's template is prepared (PIT included), runs PIT where
 * builds run, and records each module's figures as a MutationReport artifact derived from the module's sources. Only
 * the tenant's own run is read; measuring again records a new report only when the figures differ.
 */
public final class MeasureMutations {
    public static final String SKILL = "ConnectSoft.Skill.MeasureMutations";

    private final Runs runs;
    private final ModuleSources sources;
    private final ContentStore content;
    private final Artifacts artifacts;
    private final BuildPreparation preparation;
    private final MutationTesting mutations;
    private final Path workRoot;
    private final Clock clock;

    public MeasureMutations(Runs runs, ContentStore content, Artifacts artifacts, BuildPreparation preparation,
                            MutationTesting mutations, Path workRoot, Clock clock) {
        this.runs = runs;
        this.sources = new ModuleSources(content);
        this.content = content;
        this.artifacts = artifacts;
        this.preparation = preparation;
        this.mutations = mutations;
        this.workRoot = workRoot;
        this.clock = clock;
    }

    /** One module's figures and the artifact that records them (absent when the measurement failed). */
    public record Measured(MutationReport report, Optional<String> artifactId) {
    }

    /**
     * The modules of {@code runId} to measure: all, or the one named {@code module}.
     *
     * @throws IllegalArgumentException for an unknown run or module, or a run that did not complete
     */
    public List<ModuleResult> modules(TenantId tenant, String runId, Optional<String> module) {
        FactoryRun run = run(tenant, runId);
        List<ModuleResult> chosen = run.modules().stream().filter(m -> module.isEmpty() || m.name().equals(module.get())).toList();
        if (chosen.isEmpty()) {
            throw new IllegalArgumentException("run " + runId + " has no module '" + module.orElse("") + "'; its modules are "
                    + String.join(", ", run.modules().stream().map(ModuleResult::name).toList()));
        }
        return chosen;
    }

    /** Measures {@code modules} of the run one after the other, telling {@code progress} about each as it ends. */
    public List<Measured> measure(TenantId tenant, String runId, List<ModuleResult> modules, Duration timeout, Consumer<Measured> progress) {
        FactoryRun run = run(tenant, runId);
        Optional<String> unprepared = preparation.prepare(run.templateRef());
        List<Measured> out = new ArrayList<>();
        for (ModuleResult m : modules) {
            Measured measured = unprepared.isPresent()
                    ? new Measured(MutationReport.failed(m.name(), 0, unprepared.get()), Optional.empty())
                    : measure(tenant, run, m, timeout);
            progress.accept(measured);
            out.add(measured);
        }
        return out;
    }

    private Measured measure(TenantId tenant, FactoryRun run, ModuleResult m, Duration timeout) {
        Path dir = workRoot.resolve(tenant.value()).resolve(run.runId());
        Path sourceDir = dir.resolve(m.name() + ".sources");
        MutationReport report;
        try {
            sources.materialize(tenant, m.manifestHash(), sourceDir);
            report = mutations.measure(m.name(), sourceDir, dir.resolve(m.name()), timeout);
        } finally {
            try {
                Directories.delete(sourceDir, true);
            } catch (IOException ignored) {
                // a leftover copy of the sources in the factory's own scratch; the next measurement empties it
            }
        }
        if (!report.measured()) {
            return new Measured(report, Optional.empty());
        }
        ContentRef ref = content.put(tenant, Json.pretty(withoutDuration(report)).getBytes(StandardCharsets.UTF_8));
        Artifact a = artifacts.record(tenant, new Artifact(tenant.value(),
                Lineage.artifactId(tenant.value(), run.runId(), Artifact.MUTATION_REPORT, m.moduleId() + " " + ref.contentHash()),
                Artifact.MUTATION_REPORT, m.name() + " mutation score", run.projectId(), m.moduleId(), run.runId(), "1.0.0",
                ref.contentHash(), Lineage.AGENT, SKILL, run.traceId(), run.blueprintId(), List.of(m.sourceArtifactId()),
                ref.storageRef(), "Internal", "Measured", clock.instant()));
        return new Measured(report, Optional.of(a.artifactId()));
    }

    /** The figures as recorded: the same figures make the same bytes, so measuring twice records once. */
    private static MutationReport withoutDuration(MutationReport r) {
        return new MutationReport(r.module(), r.measured(), r.mutants(), r.killed(), r.survived(), r.noCoverage(), 0, r.classes(), r.reason());
    }

    private FactoryRun run(TenantId tenant, String runId) {
        FactoryRun run = runs.find(tenant, runId).orElseThrow(() -> new IllegalArgumentException(
                "run " + runId + " not found for tenant " + tenant.value() + " (see ./factory runs)"));
        if (run.status() != RunStatus.COMPLETED) {
            throw new IllegalArgumentException("run " + runId + " is " + run.status() + ": only a completed run (every module built and "
                    + "tested) can be measured; see ./factory status " + runId);
        }
        return run;
    }
}
