package com.connectsoft.factory.build.application;

import com.connectsoft.factory.capability.Lineage;
import com.connectsoft.factory.artifact.domain.Artifact;
import com.connectsoft.factory.artifact.domain.Artifacts;
import com.connectsoft.factory.build.domain.BuildReport;
import com.connectsoft.factory.platform.content.ContentRef;
import com.connectsoft.factory.platform.content.ContentStore;
import com.connectsoft.factory.platform.json.Json;
import com.connectsoft.factory.run.domain.RunEvents;
import com.connectsoft.factory.run.domain.RunEvents.ModuleCommand;
import com.connectsoft.factory.run.domain.RunEvents.ModuleValidatedResult;
import com.connectsoft.factory.shared.domain.Envelope;
import com.connectsoft.factory.shared.domain.TenantId;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * How the build-validate capability answers a {@code ValidateModule} command, wherever the build ran: the BuildLog
 * artifact (the whole log, at most its last 4 MiB) and the BuildReport artifact (ids derived from the run and module,
 * so recording twice records once), their ArtifactCreated events and the {@code ModuleValidated} reply (its id derived
 * from the command's, so a reply sent twice is one event). A command whose report is recorded is answered from it.
 */
public final class BuildOutcomes {
    public static final String SKILL = "ConnectSoft.Skill.ValidateBuild";
    /** The most of a build's log that is kept (its end, where failures are). */
    public static final int MAX_LOG_BYTES = 4 << 20;

    private final ContentStore content;
    private final Artifacts artifacts;
    private final Clock clock;

    public BuildOutcomes(ContentStore content, Artifacts artifacts, Clock clock) {
        this.content = content;
        this.artifacts = artifacts;
        this.clock = clock;
    }

    /** The reply to {@code command} from its recorded BuildReport, when one is recorded (in the command's tenant). */
    public Optional<List<Envelope>> answered(Envelope command, ModuleCommand c) {
        TenantId tenant = command.tenant();
        Optional<Artifact> done = artifacts.find(tenant, Lineage.artifactId(tenant.value(), c.run().runId(), Artifact.BUILD_REPORT, c.moduleId()));
        return done.map(a -> List.of(reply(command, c, Json.fromTree(Lineage.recorded(content, tenant, a), BuildReport.class), a)));
    }

    /** Records the build's log (when there is one) and report, and returns the reply and the ArtifactCreated events. */
    public List<Envelope> record(Envelope command, ModuleCommand c, BuildReport report, Optional<byte[]> log) {
        TenantId tenant = command.tenant();
        String runId = c.run().runId();
        String status = report.passed() ? "Validated" : "Rejected";
        List<Envelope> out = new ArrayList<>();
        if (log.isPresent()) {
            ContentRef logRef = content.put(tenant, bounded(log.get()));
            report = report.withLogHash(logRef.contentHash());
            Artifact logArtifact = artifacts.record(tenant, Lineage.artifact(command, runId, c.run().blueprintId(), Artifact.BUILD_LOG,
                    c.moduleName() + " build log", c.moduleId(), logRef, List.of(c.sourceArtifactId()), SKILL, status, clock.instant()));
            out.add(Lineage.created(command, logArtifact, clock.instant()));
        }
        ContentRef ref = content.put(tenant, Json.pretty(report).getBytes(StandardCharsets.UTF_8));
        Artifact a = artifacts.record(tenant, Lineage.artifact(command, runId, c.run().blueprintId(), Artifact.BUILD_REPORT,
                c.moduleName() + " build", c.moduleId(), ref, List.of(c.sourceArtifactId()), SKILL, status, clock.instant()));
        out.add(0, reply(command, c, report, a));
        out.add(Lineage.created(command, a, clock.instant()));
        return out;
    }

    /** A log as kept: whole up to 4 MiB, else its last 4 MiB after a line saying how much was dropped. */
    public static byte[] bounded(byte[] log) {
        if (log.length <= MAX_LOG_BYTES) {
            return log;
        }
        byte[] end = Arrays.copyOfRange(log, log.length - MAX_LOG_BYTES, log.length);
        byte[] note = ("(the first " + (log.length - MAX_LOG_BYTES) + " bytes of this log were dropped)\n").getBytes(StandardCharsets.UTF_8);
        byte[] both = Arrays.copyOf(note, note.length + end.length);
        System.arraycopy(end, 0, both, note.length, end.length);
        return both;
    }

    private Envelope reply(Envelope command, ModuleCommand c, BuildReport r, Artifact a) {
        return Lineage.reply(command, RunEvents.MODULE_VALIDATED, new ModuleValidatedResult(c.run().runId(), c.moduleId(), r.status(),
                r.testsRun(), r.testsPassed(), r.testsFailed() + r.testsErrored(), r.durationMs(), a.artifactId(), r.reason(), r.logTail()),
                clock.instant());
    }
}
