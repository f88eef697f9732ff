package com.connectsoft.factory.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.connectsoft.factory.app.Factory;
import com.connectsoft.factory.artifact.domain.Artifact;
import com.connectsoft.factory.build.domain.BuildReport;
import com.connectsoft.factory.run.application.StartRun;
import com.connectsoft.factory.run.application.RunProgress;
import com.connectsoft.factory.run.domain.FactoryRun;
import com.connectsoft.factory.shared.domain.TenantId;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FailedRunTest {
    @TempDir
    Path dir;

    @Test
    void aModuleThatFailsItsBuildFailsTheRunAndNothingIsCommitted() throws Exception {
        TestFactory.RecordingBuilds builds = new TestFactory.RecordingBuilds(com.connectsoft.factory.run.vocabulary.BuildStatus.FAILED);
        try (Factory app = TestFactory.withRecordedBuilds(dir.resolve("data"), builds)) {
            TenantId t = TenantId.of("acme");
            FactoryRun run = assertInstanceOf(StartRun.Result.Finished.class, app.runs().start().run(new StartRun.Request(t,
                    "clinic-booking.blueprint.yaml", TestFactory.example("clinic-booking.blueprint.yaml"), Optional.of(dir.resolve("out")),
                    StartRun.DEFAULT_TEMPLATE), RunProgress.SILENT)).run();
            assertEquals(com.connectsoft.factory.run.vocabulary.RunStatus.FAILED, run.status());
            assertEquals(3, builds.calls.get());
            assertNull(run.commitId());
            assertTrue(run.failure().contains("build failed"), run.failure());
            assertEquals(com.connectsoft.factory.run.vocabulary.StageStatus.SKIPPED, run.stages().stream().filter(s -> s.name() == com.connectsoft.factory.run.vocabulary.Stage.PUBLISH).findFirst().orElseThrow().status());
            assertTrue(app.artifacts().ledger().byRun(t, run.runId()).stream().noneMatch(a -> a.artifactType().equals(Artifact.COMMIT)));
            assertTrue(app.artifacts().ledger().byRun(t, run.runId()).stream().filter(a -> a.artifactType().equals(Artifact.BUILD_REPORT))
                    .allMatch(a -> a.status().equals("Rejected")));
        }
    }
}
