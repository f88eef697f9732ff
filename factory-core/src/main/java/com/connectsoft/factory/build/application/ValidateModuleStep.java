package com.connectsoft.factory.build.application;

import com.connectsoft.factory.artifact.application.Lineage;
import com.connectsoft.factory.artifact.application.ModuleSources;
import com.connectsoft.factory.artifact.domain.Artifact;
import com.connectsoft.factory.artifact.domain.Artifacts;
import com.connectsoft.factory.build.domain.BuildPreparation;
import com.connectsoft.factory.build.domain.BuildReport;
import com.connectsoft.factory.build.domain.BuildRunner;
import com.connectsoft.factory.platform.bus.PoisonEventException;
import com.connectsoft.factory.platform.content.ContentRef;
import com.connectsoft.factory.platform.content.ContentStore;
import com.connectsoft.factory.platform.files.Directories;
import com.connectsoft.factory.platform.json.Json;
import com.connectsoft.factory.run.domain.RunEvents;
import com.connectsoft.factory.run.domain.RunEvents.ModuleCommand;
import com.connectsoft.factory.run.domain.RunEvents.ModuleValidatedResult;
import com.connectsoft.factory.shared.domain.Envelope;
import com.connectsoft.factory.shared.domain.TenantId;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
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
    public static final String SKILL = "ConnectSoft.Skill.ValidateBuild";

    private static final int MAX_LOG_BYTES = 4 << 20;

    private final BuildRunner builds;
    private final BuildPreparation preparation;
    private final ContentStore content;
    private final ModuleSources sources;
    private final Artifacts artifacts;
    private final Path buildRoot;
    private final Duration timeout;
    private final Clock clock;

    public ValidateModuleStep(BuildRunner builds, BuildPreparation preparation, ContentStore content, Artifacts artifacts, Path buildRoot,
                              Duration timeout, Clock clock) {
        this.builds = builds;
        this.preparation = preparation;
        this.content = content;
        this.sources = new ModuleSources(content);
        this.artifacts = artifacts;
        this.buildRoot = buildRoot;
        this.timeout = timeout;
        this.clock = clock;
    }

    @Override
    public List<Envelope> apply(Envelope command) {
        ModuleCommand c = Lineage.payload(command, ModuleCommand.class);
        TenantId tenant = command.tenant();
        String runId = c.run().runId();
        Optional<Artifact> done = artifacts.find(tenant, Lineage.artifactId(tenant.value(), runId, Artifact.BUILD_REPORT, c.moduleId()));
        if (done.isPresent()) {
            BuildReport recorded = Json.fromTree(Lineage.recorded(content, tenant, done.get()), BuildReport.class);
            return List.of(reply(command, c, recorded, done.get()));
        }
        Path runDir = buildRoot.resolve(tenant.value()).resolve(runId);
        Path sourceDir = runDir.resolve(c.moduleName() + ".sources");
        Path workDir = runDir.resolve(c.moduleName());
        BuildReport report;
        try {
            Optional<String> unprepared = preparation.prepare(c.run().templateRef());
            if (unprepared.isPresent()) {
                report = new BuildReport(c.moduleName(), BuildReport.FAILED, 0, 0, 0, 0, 0, "", unprepared.get(), List.of(), null);
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
        boolean ok = report.passed();
        List<Envelope> out = new java.util.ArrayList<>();
        Optional<byte[]> log = fullLog(workDir.resolve("build.log"));
        if (log.isPresent()) {
            ContentRef logRef = content.put(tenant, log.get());
            report = report.withLogHash(logRef.contentHash());
            Artifact logArtifact = artifacts.record(tenant, Lineage.artifact(command, runId, c.run().blueprintId(), Artifact.BUILD_LOG,
                    c.moduleName() + " build log", c.moduleId(), logRef, List.of(c.sourceArtifactId()), SKILL, ok ? "Validated" : "Rejected",
                    clock.instant()));
            out.add(Lineage.created(command, logArtifact, clock.instant()));
        }
        ContentRef ref = content.put(tenant, Json.pretty(report).getBytes(StandardCharsets.UTF_8));
        Artifact a = artifacts.record(tenant, Lineage.artifact(command, runId, c.run().blueprintId(), Artifact.BUILD_REPORT,
                c.moduleName() + " build", c.moduleId(), ref, List.of(c.sourceArtifactId()), SKILL, ok ? "Validated" : "Rejected",
                clock.instant()));
        out.add(0, reply(command, c, report, a));
        out.add(Lineage.created(command, a, clock.instant()));
        return out;
    }

    /** The build's whole log, at most 4 MiB of it (its end, where failures are). */
    private static Optional<byte[]> fullLog(Path log) {
        try {
            if (!java.nio.file.Files.isRegularFile(log)) {
                return Optional.empty();
            }
            byte[] bytes = java.nio.file.Files.readAllBytes(log);
            if (bytes.length <= MAX_LOG_BYTES) {
                return Optional.of(bytes);
            }
            byte[] end = java.util.Arrays.copyOfRange(bytes, bytes.length - MAX_LOG_BYTES, bytes.length);
            byte[] note = ("(the first " + (bytes.length - MAX_LOG_BYTES) + " bytes of this log were dropped)\n")
                    .getBytes(StandardCharsets.UTF_8);
            byte[] both = java.util.Arrays.copyOf(note, note.length + end.length);
            System.arraycopy(end, 0, both, note.length, end.length);
            return Optional.of(both);
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    private Envelope reply(Envelope command, ModuleCommand c, BuildReport r, Artifact a) {
        return Lineage.reply(command, RunEvents.MODULE_VALIDATED, new ModuleValidatedResult(c.run().runId(), c.moduleId(), r.status(),
                r.testsRun(), r.testsPassed(), r.testsFailed() + r.testsErrored(), r.durationMs(), a.artifactId(), r.reason(), r.logTail()),
                clock.instant());
    }
}
