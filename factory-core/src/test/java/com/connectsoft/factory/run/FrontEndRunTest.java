package com.connectsoft.factory.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.connectsoft.factory.app.Factory;
import com.connectsoft.factory.run.application.RunProgress;
import com.connectsoft.factory.run.application.StartRun;
import com.connectsoft.factory.run.domain.FactoryRun;
import com.connectsoft.factory.run.domain.ModuleResult;
import com.connectsoft.factory.run.vocabulary.BuildStatus;
import com.connectsoft.factory.run.vocabulary.RunStatus;
import com.connectsoft.factory.shared.domain.TenantId;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A module with options.frontend gets a front end beside it, rendered, built and committed like a module; by default none. */
class FrontEndRunTest {
    @TempDir
    Path dir;

    private static byte[] clinicWithFrontEnd(String extraModule) throws Exception {
        String text = new String(TestFactory.example("clinic-booking.blueprint.yaml"), StandardCharsets.UTF_8);
        String marker = "\n  - name: scheduling";
        assertTrue(text.contains(marker));
        return text.replace(marker, "\n    options: { frontend: true }\n" + extraModule + marker).getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void aModuleAskingForAFrontEndGetsOneBesideItBuiltAndCommitted() throws Exception {
        TestFactory.RecordingBuilds builds = new TestFactory.RecordingBuilds(BuildStatus.PASSED);
        try (Factory app = TestFactory.withRecordedBuilds(dir.resolve("data"), builds)) {
            FactoryRun run = assertInstanceOf(StartRun.Result.Finished.class, app.runs().start().run(new StartRun.Request(TenantId.of("acme"),
                    "clinic.blueprint.yaml", clinicWithFrontEnd(""), Optional.of(dir.resolve("out")), StartRun.DEFAULT_TEMPLATE),
                    RunProgress.SILENT)).run();

            assertEquals(RunStatus.COMPLETED, run.status(), run::failure);
            assertEquals(java.util.List.of("patients", "patients-web", "scheduling", "billing"), run.modules().stream().map(ModuleResult::name).toList());
            assertEquals(4, builds.calls.get());
            assertNotNull(run.commitId());
            Path web = dir.resolve("out/patients-web");
            assertTrue(Files.readString(web.resolve("package.json")).contains("\"name\": \"clinic-booking-patients-web\""));
            assertTrue(Files.isRegularFile(web.resolve("src/entities/Patient.test.tsx")));
            assertTrue(Files.readString(web.resolve("provenance.json")).contains("ConnectSoft.Template.WebFrontend"));
            assertTrue(Files.isRegularFile(dir.resolve("out/patients/pom.xml")));
        }
    }

    @Test
    void theDefaultExampleHasNoFrontEnd() throws Exception {
        TestFactory.RecordingBuilds builds = new TestFactory.RecordingBuilds(BuildStatus.PASSED);
        try (Factory app = TestFactory.withRecordedBuilds(dir.resolve("data"), builds)) {
            FactoryRun run = assertInstanceOf(StartRun.Result.Finished.class, app.runs().start().run(new StartRun.Request(TenantId.of("acme"),
                    "clinic-booking.blueprint.yaml", TestFactory.example("clinic-booking.blueprint.yaml"), Optional.of(dir.resolve("out")),
                    StartRun.DEFAULT_TEMPLATE), RunProgress.SILENT)).run();
            assertEquals(java.util.List.of("patients", "scheduling", "billing"), run.modules().stream().map(ModuleResult::name).toList());
            assertTrue(Files.notExists(dir.resolve("out/patients-web")));
        }
    }

    @Test
    void aFrontEndWhoseNameAModuleHasIsRefusedBeforeTheRunOpens() throws Exception {
        TestFactory.RecordingBuilds builds = new TestFactory.RecordingBuilds(BuildStatus.PASSED);
        try (Factory app = TestFactory.withRecordedBuilds(dir.resolve("data"), builds)) {
            String clash = "  - name: patients-web\n    entities:\n      - name: Note\n        fields:\n          - { name: text, type: string }\n";
            StartRun.Result.Rejected r = assertInstanceOf(StartRun.Result.Rejected.class, app.runs().start().run(new StartRun.Request(
                    TenantId.of("acme"), "clinic.blueprint.yaml", clinicWithFrontEnd(clash), Optional.empty(), StartRun.DEFAULT_TEMPLATE),
                    RunProgress.SILENT));
            assertTrue(r.problems().get(0).message().contains("the front end of module 'patients' would be called 'patients-web'"),
                    r.problems()::toString);
            assertEquals(0, builds.calls.get());
        }
    }
}
