package com.connectsoft.factory.build.application;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.connectsoft.factory.capability.ModuleSources;
import com.connectsoft.factory.artifact.domain.Artifact;
import com.connectsoft.factory.build.domain.BuildJob;
import com.connectsoft.factory.build.domain.BuildJobs;
import com.connectsoft.factory.build.domain.BuildReport;
import com.connectsoft.factory.platform.bus.PoisonEventException;
import com.connectsoft.factory.platform.content.filesystem.FileSystemContentStore;
import com.connectsoft.factory.platform.json.Json;
import com.connectsoft.factory.platform.store.sqlite.EmbeddedDatabase;
import com.connectsoft.factory.platform.store.sqlite.SqliteDocumentStore;
import com.connectsoft.factory.artifact.adapter.DocumentArtifacts;
import com.connectsoft.factory.build.adapter.DocumentBuildJobs;
import com.connectsoft.factory.run.domain.RunEvents;
import com.connectsoft.factory.shared.domain.Envelope;
import com.connectsoft.factory.shared.domain.TenantId;
import com.connectsoft.factory.template.domain.RenderedFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The build-validate capability with build jobs, on the embedded store, with the jobs in memory: handing over builds
 * nothing here, the answer comes from the job's output, once; a job belongs to its tenant; a bad report is a failed build.
 */
class BuildJobStepsTest {
    private static final TenantId ACME = TenantId.of("acme");

    /** Jobs in memory: what was submitted, and the output a job left (set by the test). */
    static final class MemoryJobs implements BuildJobs {
        final Map<String, List<RenderedFile>> submitted = new ConcurrentHashMap<>();
        final Map<String, Output> outputs = new ConcurrentHashMap<>();
        int submissions;
        int discards;

        @Override
        public void submit(BuildJob job, List<RenderedFile> sources) {
            submissions++;
            submitted.put(job.tenantId() + "/" + job.jobId(), sources);
        }

        @Override
        public Optional<Output> output(BuildJob job) {
            return Optional.ofNullable(outputs.get(job.tenantId() + "/" + job.jobId()));
        }

        @Override
        public void discard(BuildJob job) {
            discards++;
            outputs.remove(job.tenantId() + "/" + job.jobId());
        }

        @Override
        public String description() {
            return "memory";
        }
    }

    @TempDir
    Path dir;

    private EmbeddedDatabase db;
    private final MemoryJobs jobs = new MemoryJobs();
    private FileSystemContentStore content;
    private DocumentArtifacts artifacts;
    private DispatchBuildJobStep dispatch;
    private CompleteBuildJobStep complete;

    @BeforeEach
    void open() {
        db = EmbeddedDatabase.open(dir);
        SqliteDocumentStore store = new SqliteDocumentStore(db, Clock.systemUTC());
        content = new FileSystemContentStore(dir.resolve("content"));
        artifacts = new DocumentArtifacts(store);
        DocumentBuildJobs ledger = new DocumentBuildJobs(store);
        dispatch = new DispatchBuildJobStep(jobs, ledger, content, artifacts, Clock.systemUTC());
        complete = new CompleteBuildJobStep(jobs, ledger, content, artifacts, Duration.ofMinutes(15), Clock.systemUTC());
    }

    @AfterEach
    void close() {
        db.close();
    }

    private Envelope command(String eventId, String manifestHash) {
        RunEvents.RunRef run = new RunEvents.RunRef("run-1", "bp-1", 1, "art-bp", "ConnectSoft.Template.FunctionsMicroservice@1.2.0");
        return new Envelope(eventId, RunEvents.VALIDATE_MODULE, "acme", "proj-1", "mod-billing", "trace-1", "run-1", null, Instant.now(), 1,
                Json.payload(new RunEvents.ModuleCommand(run, "mod-billing", "billing", "art-src", manifestHash, null)));
    }

    private String sources() {
        return new ModuleSources(content).store(ACME, "t@1", 1, List.of(new RenderedFile("pom.xml", "<project/>".getBytes(StandardCharsets.UTF_8))))
                .contentHash();
    }

    @Test
    void handingOverAnswersNothingAndTheJobsOutputIsRecordedAndRepliedToOnce() {
        Envelope command = command("evt-1", sources());
        String job = DispatchBuildJobStep.jobId(command);
        assertEquals(List.of(), dispatch.apply(command));
        assertEquals(List.of(), dispatch.apply(command), "redelivered: handed over again, the same job");
        assertEquals(2, jobs.submissions);
        assertEquals(1, jobs.submitted.size());
        assertEquals("pom.xml", jobs.submitted.get("acme/" + job).get(0).path());

        assertInstanceOf(CompleteBuildJobStep.Outcome.Ignored.class, complete.complete(ACME, job), "no report yet");
        jobs.outputs.put("acme/" + job, new BuildJobs.Output(("{\"status\":\"failed\",\"testsRun\":4,\"testsFailed\":1,\"durationMs\":900,"
                + "\"reason\":\"build failed: 1 of 4 tests failed\"}").getBytes(StandardCharsets.UTF_8),
                Optional.of("the log".getBytes(StandardCharsets.UTF_8))));
        List<Envelope> events = ((CompleteBuildJobStep.Outcome.Answered) complete.complete(ACME, job)).events();
        RunEvents.ModuleValidatedResult r = Json.fromPayload(events.get(0).payload(), RunEvents.ModuleValidatedResult.class);
        assertEquals(com.connectsoft.factory.run.vocabulary.BuildStatus.FAILED, r.status());
        assertEquals(3, r.testsPassed());
        assertEquals("build failed: 1 of 4 tests failed", r.reason());
        assertEquals(1, jobs.discards);
        assertEquals(List.of("Rejected", "Rejected"), artifacts.byRun(ACME, "run-1").stream().map(Artifact::status).toList());

        List<Envelope> again = ((CompleteBuildJobStep.Outcome.Answered) complete.complete(ACME, job)).events();
        assertEquals(List.of(events.get(0).eventId()), again.stream().map(Envelope::eventId).toList(), "the same reply, nothing recorded twice");
        assertEquals(2, artifacts.byRun(ACME, "run-1").size());
        assertEquals(List.of(events.get(0).eventId()), dispatch.apply(command).stream().map(Envelope::eventId).toList(),
                "the command delivered again is answered from the record, not handed over");
        assertEquals(2, jobs.submissions);
        assertInstanceOf(CompleteBuildJobStep.Outcome.Ignored.class, complete.complete(TenantId.of("globex"), job),
                "another tenant's notice finds no job");
    }

    @Test
    void aJobWhoseReportDoesNotReadFailsTheBuildSayingSo() {
        Envelope command = command("evt-2", sources());
        String job = DispatchBuildJobStep.jobId(command);
        dispatch.apply(command);
        jobs.outputs.put("acme/" + job, new BuildJobs.Output("{\"status\":\"passed\",\"testsRun\":-5}".getBytes(StandardCharsets.UTF_8),
                Optional.empty()));
        List<Envelope> events = ((CompleteBuildJobStep.Outcome.Answered) complete.complete(ACME, job)).events();
        RunEvents.ModuleValidatedResult r = Json.fromPayload(events.get(0).payload(), RunEvents.ModuleValidatedResult.class);
        assertEquals(com.connectsoft.factory.run.vocabulary.BuildStatus.FAILED, r.status());
        assertTrue(r.reason().startsWith("the build job's report could not be read"), r.reason());
    }

    @Test
    void aCommandWhoseSourcesAreGoneIsPoisonAndNothingIsHandedOver() {
        assertThrows(PoisonEventException.class, () -> dispatch.apply(command("evt-3", "sha256:" + "0".repeat(64))));
        assertEquals(0, jobs.submissions);
    }
}
