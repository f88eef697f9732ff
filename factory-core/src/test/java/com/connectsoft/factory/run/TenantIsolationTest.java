package com.connectsoft.factory.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.connectsoft.factory.app.Factory;
import com.connectsoft.factory.artifact.domain.Artifact;
import com.connectsoft.factory.build.domain.BuildReport;
import com.connectsoft.factory.run.application.StartRun;
import com.connectsoft.factory.run.application.RunProgress;
import com.connectsoft.factory.run.domain.FactoryRun;
import com.connectsoft.factory.shared.domain.TenantId;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Tenant A's projects, blueprints, runs, artifacts, bytes and usage are invisible and untouchable for tenant B. */
class TenantIsolationTest {
    static final TenantId A = TenantId.of("tenant-a");
    static final TenantId B = TenantId.of("tenant-b");

    @TempDir
    Path dir;

    private static FactoryRun run(Factory app, TenantId t, Path out) throws Exception {
        StartRun.Result r = app.runs().start().run(new StartRun.Request(t, "invoicing.blueprint.yaml",
                TestFactory.example("invoicing.blueprint.yaml"), Optional.of(out), StartRun.DEFAULT_TEMPLATE), RunProgress.SILENT);
        FactoryRun run = assertInstanceOf(StartRun.Result.Finished.class, r).run();
        assertEquals(com.connectsoft.factory.run.vocabulary.RunStatus.COMPLETED, run.status(), run::failure);
        app.drain(Duration.ofSeconds(10));
        return run;
    }

    @Test
    void oneTenantCannotSeeOrChangeAnothersRecords() throws Exception {
        try (Factory app = TestFactory.withRecordedBuilds(dir.resolve("data"), new TestFactory.RecordingBuilds(com.connectsoft.factory.run.vocabulary.BuildStatus.PASSED))) {
            FactoryRun a = run(app, A, dir.resolve("out-a"));
            List<Artifact> aArtifacts = app.artifacts().ledger().byRun(A, a.runId());
            assertEquals(14, aArtifacts.size(), "blueprint, 2 x (sources, 4 governance reports, build report), commit");

            // reads: nothing of A is visible to B
            assertTrue(app.runs().queries().find(B, a.runId()).isEmpty());
            assertTrue(app.runs().queries().list(B).isEmpty());
            assertTrue(app.projects().queries().find(B, a.projectId()).isEmpty());
            assertTrue(app.projects().queries().list(B).isEmpty());
            assertTrue(app.projects().blueprints().latest(B, a.blueprintId()).isEmpty());
            assertTrue(app.artifacts().ledger().byRun(B, a.runId()).isEmpty());
            assertTrue(app.usage().ledger().all(B).isEmpty());
            for (Artifact art : aArtifacts) {
                assertTrue(app.artifacts().ledger().find(B, art.artifactId()).isEmpty());
                assertTrue(app.artifacts().ledger().derivedFrom(B, art.artifactId()).isEmpty());
                assertFalse(app.content().exists(B, art.contentHash()), "B must not read A's bytes");
            }

            // writes: B's run of the same blueprint creates B's own records and leaves A's untouched
            FactoryRun b = run(app, B, dir.resolve("out-b"));
            assertEquals(1, b.blueprintVersion(), "B's first blueprint version is its own, not A's next one");
            assertEquals(1, app.runs().queries().list(A).size());
            assertEquals(a, app.runs().queries().find(A, a.runId()).orElseThrow());
            assertEquals(aArtifacts, app.artifacts().ledger().byRun(A, a.runId()));
            assertTrue(app.artifacts().ledger().byRun(A, b.runId()).isEmpty());
            assertEquals(5, app.usage().ledger().all(A).stream().filter(u -> a.runId().equals(u.runId())).count());
            assertTrue(app.usage().ledger().all(A).stream().allMatch(u -> u.tenantId().equals(A.value())));

            // git: each tenant's repository holds only its own branch
            assertEquals(app.publish().git().files(A, a.projectId(), a.commitId()).size(), app.publish().git().files(B, b.projectId(), b.commitId()).size());
            assertThrows(RuntimeException.class, () -> app.publish().git().files(B, a.projectId(), a.commitId()));
        }
    }

    @Test
    void storesRefuseAnOperationWithoutATenant() {
        try (Factory app = TestFactory.withRecordedBuilds(dir.resolve("data"), new TestFactory.RecordingBuilds(com.connectsoft.factory.run.vocabulary.BuildStatus.PASSED))) {
            assertThrows(NullPointerException.class, () -> app.runs().queries().list(null));
            assertThrows(NullPointerException.class, () -> app.artifacts().ledger().find(null, "art-x"));
            assertThrows(NullPointerException.class, () -> app.projects().queries().list(null));
            assertThrows(NullPointerException.class, () -> app.usage().ledger().all(null));
            assertThrows(NullPointerException.class, () -> app.content().get(null, "sha256:" + "0".repeat(64)));
            assertThrows(NullPointerException.class, () -> app.runs().start().run(new StartRun.Request(null, "x.yaml", new byte[0],
                    Optional.empty(), StartRun.DEFAULT_TEMPLATE), RunProgress.SILENT));
        }
    }
}
