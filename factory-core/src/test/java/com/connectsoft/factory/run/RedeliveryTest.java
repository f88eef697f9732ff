package com.connectsoft.factory.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.connectsoft.factory.app.Factory;
import com.connectsoft.factory.artifact.domain.Artifact;
import com.connectsoft.factory.build.domain.BuildReport;
import com.connectsoft.factory.capability.Capability;
import com.connectsoft.factory.capability.CapabilityRegistry;
import com.connectsoft.factory.platform.bus.RetryPolicy;
import com.connectsoft.factory.platform.bus.Subscription;
import com.connectsoft.factory.run.application.StartRun;
import com.connectsoft.factory.run.application.RunProgress;
import com.connectsoft.factory.run.domain.FactoryRun;
import com.connectsoft.factory.shared.domain.Envelope;
import com.connectsoft.factory.shared.domain.TenantId;
import com.connectsoft.factory.usage.domain.UsageRecord;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * At-least-once delivery: every command and result of a finished run is delivered to its capability a second
 * time. Nothing is built again, no artifact or commit is duplicated, no usage is counted twice, the run is unchanged.
 */
class RedeliveryTest {
    @TempDir
    Path dir;

    @Test
    void deliveringEveryMessageOfARunAgainDoesNoWorkTwice() throws Exception {
        TestFactory.RecordingBuilds builds = new TestFactory.RecordingBuilds(com.connectsoft.factory.run.vocabulary.BuildStatus.PASSED);
        TenantId t = TenantId.of("acme");
        try (Factory app = TestFactory.withRecordedBuilds(dir.resolve("data"), builds)) {
            List<Envelope> seen = new CopyOnWriteArrayList<>();
            app.bus().subscribe(new Subscription("recorder", Set.of(), RetryPolicy.standard()), seen::add);
            FactoryRun run = ((StartRun.Result.Finished) app.runs().start().run(new StartRun.Request(t, "clinic-booking.blueprint.yaml",
                    TestFactory.example("clinic-booking.blueprint.yaml"), Optional.of(dir.resolve("out")), StartRun.DEFAULT_TEMPLATE),
                    RunProgress.SILENT)).run();
            assertEquals(com.connectsoft.factory.run.vocabulary.RunStatus.COMPLETED, run.status(), run.failure());
            assertTrue(app.drain(Duration.ofSeconds(30)));
            int buildsBefore = builds.calls.get();
            Set<String> artifactsBefore = app.artifacts().ledger().byRun(t, run.runId()).stream().map(Artifact::artifactId).collect(Collectors.toSet());
            long usageBefore = app.usage().ledger().byRun(t, run.runId()).stream().mapToLong(UsageRecord::quantity).sum();
            int usageRecordsBefore = app.usage().ledger().byRun(t, run.runId()).size();

            int redelivered = 0;
            for (Envelope e : List.copyOf(seen)) {
                for (Capability c : CapabilityRegistry.all()) {
                    if (c.accepts(e.eventType())) {
                        app.capabilities().handle(c, e, app.bus());
                        redelivered++;
                    }
                }
            }
            assertTrue(app.drain(Duration.ofSeconds(30)));
            assertTrue(redelivered >= 3 * (1 + 3 + 1) * 2, "every command and result went again: " + redelivered);

            assertEquals(buildsBefore, builds.calls.get(), "no module is built twice");
            assertEquals(artifactsBefore, app.artifacts().ledger().byRun(t, run.runId()).stream().map(Artifact::artifactId).collect(Collectors.toSet()));
            assertEquals(usageRecordsBefore, app.usage().ledger().byRun(t, run.runId()).size(), "no usage record twice");
            assertEquals(usageBefore, app.usage().ledger().byRun(t, run.runId()).stream().mapToLong(UsageRecord::quantity).sum());
            FactoryRun after = app.runs().queries().find(t, run.runId()).orElseThrow();
            assertEquals(run.stages(), after.stages());
            assertEquals(run.commitId(), after.commitId());
            assertEquals(1, app.publish().git().files(t, run.projectId(), run.commitId()).stream().filter(f -> f.endsWith("pom.xml")).count() > 0 ? 1 : 0);
        }
    }
}
