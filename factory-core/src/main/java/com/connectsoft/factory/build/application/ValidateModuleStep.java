package com.connectsoft.factory.build.application;

import com.connectsoft.factory.capability.Lineage;
import com.connectsoft.factory.capability.ModuleSources;
import com.connectsoft.factory.artifact.domain.Artifacts;
import com.connectsoft.factory.build.domain.BuildPreparation;
import com.connectsoft.factory.build.domain.BuildReport;
import com.connectsoft.factory.build.domain.BuildRunner;
import com.connectsoft.factory.platform.bus.PoisonEventException;
import com.connectsoft.factory.platform.content.ContentStore;
import com.connectsoft.factory.platform.files.Directories;
import com.connectsoft.factory.run.domain.RunEvents.ModuleCommand;
import com.connectsoft.factory.shared.domain.Envelope;
import com.connectsoft.factory.shared.domain.TenantId;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * The build-validate capability: {@code ValidateModule} → {@code ModuleValidated}. Makes sure builds of the run's
 * template are prepared, writes the module's sources from the artifact store under the build root, builds and tests
 * them in the build sandbox within the time limit, and records the BuildReport artifact (status, counts, the reason
 * in one line) and the BuildLog artifact (the whole log). A redelivered command answers from the recorded report and
 * builds nothing.
 */
public final class ValidateModuleStep implements Function<Envelope, List<Envelope>> {
    public static final String SKILL = BuildOutcomes.SKILL;

    private final BuildRunner builds;
    private final BuildPreparation preparation;
    private final ModuleSources sources;
    private final BuildOutcomes outcomes;
    private final Path buildRoot;
    private final Duration timeout;

    public ValidateModuleStep(BuildRunner builds, BuildPreparation preparation, ContentStore content, Artifacts artifacts, Path buildRoot,
                              Duration timeout, Clock clock) {
        this.builds = builds;
        this.preparation = preparation;
        this.sources = new ModuleSources(content);
        this.outcomes = new BuildOutcomes(content, artifacts, clock);
        this.buildRoot = buildRoot;
        this.timeout = timeout;
    }

    @Override
    public List<Envelope> apply(Envelope command) {
        ModuleCommand c = Lineage.payload(command, ModuleCommand.class);
        Optional<List<Envelope>> answered = outcomes.answered(command, c);
        if (answered.isPresent()) {
            return answered.get();
        }
        TenantId tenant = command.tenant();
        Path runDir = buildRoot.resolve(tenant.value()).resolve(c.run().runId());
        Path sourceDir = runDir.resolve(c.moduleName() + ".sources");
        Path workDir = runDir.resolve(c.moduleName());
        BuildReport report;
        try {
            // the template the module was rendered with (a run's front ends use the web template, not the run's)
            Optional<String> unprepared = preparation.prepare(sources.manifest(tenant, c.manifestHash()).template());
            if (unprepared.isPresent()) {
                report = new BuildReport(c.moduleName(), com.connectsoft.factory.run.vocabulary.BuildStatus.FAILED, 0, 0, 0, 0, 0, "", unprepared.get(), List.of(), null);
            } else {
                sources.materialize(tenant, c.manifestHash(), sourceDir);
                report = builds.build(c.moduleName(), sourceDir, workDir, timeout);
            }
        } catch (ModuleSources.MissingSources e) {
            throw new PoisonEventException(e.getMessage());
        } finally {
            try {
                Directories.delete(sourceDir, true);
            } catch (IOException ignored) {
                // a leftover copy of the sources under the build root; the next build of this module empties it
            }
        }
        return outcomes.record(command, c, report, fullLog(workDir.resolve("build.log")));
    }

    /** The build's whole log, when it left one. */
    private static Optional<byte[]> fullLog(Path log) {
        try {
            if (!java.nio.file.Files.isRegularFile(log)) {
                return Optional.empty();
            }
            return Optional.of(java.nio.file.Files.readAllBytes(log));
        } catch (IOException e) {
            return Optional.empty();
        }
    }
}
