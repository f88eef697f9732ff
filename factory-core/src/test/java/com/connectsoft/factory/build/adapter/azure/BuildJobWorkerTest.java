package com.connectsoft.factory.build.adapter.azure;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.connectsoft.factory.build.domain.BuildReport;
import com.connectsoft.factory.build.domain.BuildRunner;
import com.connectsoft.factory.platform.json.Json;
import com.connectsoft.factory.shared.domain.Hashing;
import com.connectsoft.factory.template.domain.RenderedFile;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.commons.compress.archivers.zip.ZipArchiveEntry;
import org.apache.commons.compress.archivers.zip.ZipArchiveOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** One build job execution, with the queues and blobs in memory and a build runner that records what it was given. */
class BuildJobWorkerTest {
    private static final String TEMPLATE = "ConnectSoft.Template.FunctionsMicroservice@1.1.0";
    private static final String JOB = "bjob-0123456789abcdef0123";
    private static final String BASE = "https://acct.blob.core.windows.net/build-jobs/acme/" + JOB + "/";
    private static final Instant NOW = Instant.parse("2026-12-01T10:00:00Z");

    @TempDir
    Path dir;

    private final MemoryQueues queues = new MemoryQueues();
    private final MemorySasBlobs blobs = new MemorySasBlobs();
    private final List<String> logLines = new CopyOnWriteArrayList<>();
    private final AtomicInteger builds = new AtomicInteger();

    /** Builds pass when the sources have a pom.xml, and leave a log. */
    private final BuildRunner runner = new BuildRunner() {
        @Override
        public BuildReport build(String module, Path sources, Path workDir, Duration timeout) {
            builds.incrementAndGet();
            try {
                Files.createDirectories(workDir);
                Files.writeString(workDir.resolve("build.log"), "== module: mvn -o verify\nTests run: 3\n");
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
            boolean ok = Files.isRegularFile(sources.resolve("pom.xml"));
            return new BuildReport(module, ok ? com.connectsoft.factory.run.vocabulary.BuildStatus.PASSED : com.connectsoft.factory.run.vocabulary.BuildStatus.FAILED, 3, 0, 0, 0, 1500, "mvn -o verify",
                    ok ? "" : "no pom.xml", List.of(), null);
        }

        @Override
        public Preparation prepare(Path trustedSources, Path workDir, Duration timeout, Runnable starting) {
            throw new AssertionError("a build job never prepares");
        }

        @Override
        public String description() {
            return "recording";
        }
    };

    private BuildJobWorker worker(Set<String> prepared) {
        return new BuildJobWorker(runner, blobs, new BuildJobWorker.Settings(dir.resolve("work"), 3, prepared, SourceArchive.Limits.DEFAULT),
                Clock.fixed(NOW, ZoneOffset.UTC), logLines::add);
    }

    private BuildJobWorker worker() {
        return worker(Set.of(TEMPLATE));
    }

    private BuildJobRequest request(byte[] archive, Instant notAfter) {
        blobs.blobs.put(MemorySasBlobs.path(BASE + "sources.zip"), archive);
        BuildJobRequest r = new BuildJobRequest(1, JOB, "acme", "run-1", "mod-billing", "billing", TEMPLATE, 600, notAfter,
                BASE + "sources.zip?sp=r&sig=READ", archive.length, Hashing.sha256Hex(archive), BASE + "report.json?sp=cw&sig=W1",
                BASE + "build.log?sp=cw&sig=W2");
        queues.add(JOB, r.toBytes());
        return r;
    }

    private static byte[] module() {
        return SourceArchive.write(List.of(new RenderedFile("pom.xml", "<project/>".getBytes(StandardCharsets.UTF_8)),
                new RenderedFile("src/main/java/App.java", "class App {}".getBytes(StandardCharsets.UTF_8))));
    }

    private BuildReport report() {
        return Json.fromTree(Json.read(new String(blobs.blobs.get(MemorySasBlobs.path(BASE + "report.json")), StandardCharsets.UTF_8)),
                BuildReport.class);
    }

    @Test
    void aRequestIsBuiltItsLogAndReportWrittenAnnouncedAndCompleted() throws Exception {
        request(module(), NOW.plusSeconds(60));
        BuildJobWorker.Outcome o = worker().runOnce(queues, queues, Duration.ofSeconds(1));
        assertEquals(new BuildJobWorker.Outcome.Answered(JOB, com.connectsoft.factory.run.vocabulary.BuildStatus.PASSED), o);
        assertEquals(com.connectsoft.factory.run.vocabulary.BuildStatus.PASSED, report().status());
        assertEquals(3, report().testsRun());
        assertTrue(new String(blobs.blobs.get(MemorySasBlobs.path(BASE + "build.log")), StandardCharsets.UTF_8).contains("Tests run: 3"));
        assertEquals(List.of(new BuildJobCompletion(JOB, "acme")), queues.notices);
        assertEquals(List.of(JOB), queues.completed);
        assertEquals(List.of(BASE + "sources.zip?sp=r&sig=READ", BASE + "build.log?sp=cw&sig=W2", BASE + "report.json?sp=cw&sig=W1"),
                blobs.urls, "the log before the report: the report is the factory's sign that both are there");
        assertFalse(Files.exists(dir.resolve("work").resolve(JOB)), "the job's files are gone");
        assertNoUrlOrSignatureIn(logLines);
        assertInstanceOf(BuildJobWorker.Outcome.NoRequest.class, worker().runOnce(queues, queues, Duration.ofMillis(10)));
    }

    @Test
    void aStaleRequestIsDroppedAndAMalformedOneDeadLettered() {
        request(module(), NOW.minusSeconds(1));
        assertInstanceOf(BuildJobWorker.Outcome.Dropped.class, worker().runOnce(queues, queues, Duration.ofSeconds(1)));
        assertEquals(List.of(JOB), queues.completed);
        assertEquals(0, builds.get());
        assertTrue(queues.notices.isEmpty(), "the run has asked again by now: no answer for this one");

        queues.add("m-2", "{\"jobId\":\"../x\"}".getBytes(StandardCharsets.UTF_8));
        assertInstanceOf(BuildJobWorker.Outcome.DeadLettered.class, worker().runOnce(queues, queues, Duration.ofSeconds(1)));
        assertEquals(1, queues.deadLettered.size());
        assertTrue(queues.deadLettered.get(0).startsWith("m-2 MalformedRequest: "), queues.deadLettered.get(0));
    }

    @Test
    void anUnpreparedTemplateABadChecksumOrAHostileArchiveIsAFailedReportSayingWhy() throws IOException {
        request(module(), NOW.plusSeconds(60));
        assertEquals(new BuildJobWorker.Outcome.Answered(JOB, com.connectsoft.factory.run.vocabulary.BuildStatus.FAILED),
                worker(Set.of("ConnectSoft.Template.Other@1.0.0")).runOnce(queues, queues, Duration.ofSeconds(1)));
        assertTrue(report().reason().startsWith("this build job's image was not prepared for template " + TEMPLATE), report().reason());

        BuildJobRequest r = request(module(), NOW.plusSeconds(60));
        blobs.blobs.put(MemorySasBlobs.path(r.sourcesUrl()), module().clone());
        blobs.blobs.get(MemorySasBlobs.path(r.sourcesUrl()))[10] ^= 1;
        worker().runOnce(queues, queues, Duration.ofSeconds(1));
        assertEquals("the sources archive does not match the size and sha256 the request names", report().reason());

        ByteArrayOutputStream slip = new ByteArrayOutputStream();
        try (ZipArchiveOutputStream z = new ZipArchiveOutputStream(slip)) {
            z.putArchiveEntry(new ZipArchiveEntry("../../../../etc/cron.d/x"));
            z.write("* * * * * root sh".getBytes(StandardCharsets.UTF_8));
            z.closeArchiveEntry();
        }
        request(slip.toByteArray(), NOW.plusSeconds(60));
        worker().runOnce(queues, queues, Duration.ofSeconds(1));
        assertTrue(report().reason().startsWith("the sources archive was refused: entry '../../../../etc/cron.d/x'"), report().reason());
        assertEquals(0, builds.get(), "nothing was built");
        assertEquals(3, queues.notices.size());
    }

    @Test
    void aStorageFaultGivesTheRequestBackAndTheLastDeliveryReportsIt() {
        request(module(), NOW.plusSeconds(60));
        blobs.failNext.set(100);
        BuildJobWorker.Outcome first = worker().runOnce(queues, queues, Duration.ofSeconds(1));
        assertEquals(new BuildJobWorker.Outcome.Retried(JOB, "I/O error (IOException)"), first);
        assertInstanceOf(BuildJobWorker.Outcome.Retried.class, worker().runOnce(queues, queues, Duration.ofSeconds(1)));
        assertEquals(List.of(JOB, JOB), queues.abandoned);
        blobs.failNext.set(1); // the third (last) delivery cannot fetch either, but can report
        assertEquals(new BuildJobWorker.Outcome.Answered(JOB, com.connectsoft.factory.run.vocabulary.BuildStatus.FAILED), worker().runOnce(queues, queues, Duration.ofSeconds(1)));
        assertEquals("the build job could not run after 3 attempts: I/O error (IOException)", report().reason());
        assertEquals(List.of(JOB), queues.completed);
        assertNoUrlOrSignatureIn(logLines);

        request(module(), NOW.plusSeconds(60));
        queues.requests.add(new MemoryQueues.Message(JOB, queues.requests.poll().body(), 2));
        blobs.failNext.set(100); // nothing works on the last delivery: set aside with the reason
        assertInstanceOf(BuildJobWorker.Outcome.DeadLettered.class, worker().runOnce(queues, queues, Duration.ofSeconds(1)));
        assertEquals(List.of(JOB + " BuildJobFailed: I/O error (IOException)"), queues.deadLettered);
    }

    private static void assertNoUrlOrSignatureIn(List<String> lines) {
        for (String l : lines) {
            assertFalse(l.contains("http") || l.contains("sig=") || l.contains("SECRET"), l);
            assertTrue(l.startsWith("build-job "), l);
        }
    }
}
