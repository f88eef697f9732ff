package com.connectsoft.factory.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
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
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A module chooses its service template ({@code options.template}); the others keep the run's. Each module records its
 * template version when the run opens and is rendered, built and described with it; an unknown or non-service template is
 * refused before the run opens.
 */
class ModuleTemplateRunTest {
    static final String SPRING = "ConnectSoft.Template.SpringBootService";

    @TempDir
    Path dir;

    /** The clinic example with {@code template: <value>} among the scheduling module's options. */
    private static byte[] clinicWith(String template) throws Exception {
        String text = new String(TestFactory.example("clinic-booking.blueprint.yaml"), StandardCharsets.UTF_8);
        String marker = "    options:\n      defaultPageSize: 25\n";
        assertTrue(text.contains(marker));
        return text.replace(marker, marker + "      template: " + template + "\n").getBytes(StandardCharsets.UTF_8);
    }

    private static StartRun.Result run(Factory app, byte[] blueprint, Path out, String template) {
        return app.runs().start().run(new StartRun.Request(TenantId.of("acme"), "clinic.blueprint.yaml", blueprint, Optional.of(out), template),
                RunProgress.SILENT);
    }

    @Test
    void aModuleChoosingSpringBootIsRenderedWithItAndTheOthersWithTheRunsTemplate() throws Exception {
        TestFactory.RecordingBuilds builds = new TestFactory.RecordingBuilds(BuildStatus.PASSED);
        try (Factory app = TestFactory.withRecordedBuilds(dir.resolve("data"), builds)) {
            String spring = app.templates().catalog().latest(SPRING).orElseThrow().ref();
            String functions = app.templates().catalog().latest(StartRun.DEFAULT_TEMPLATE).orElseThrow().ref();
            FactoryRun run = assertInstanceOf(StartRun.Result.Finished.class, run(app, clinicWith(SPRING),
                    dir.resolve("out"), StartRun.DEFAULT_TEMPLATE)).run();
            assertEquals(RunStatus.COMPLETED, run.status(), run::failure);
            assertEquals(functions, run.templateRef(), "the run's own template is still the default");
            assertEquals(List.of(functions, spring, functions), run.modules().stream().map(ModuleResult::templateRef).toList());
            assertTrue(Files.isRegularFile(dir.resolve("out/scheduling/Dockerfile")));
            assertTrue(Files.readString(dir.resolve("out/scheduling/pom.xml")).contains("connectsoft-extensions-runtime"));
            assertTrue(Files.readString(dir.resolve("out/scheduling/provenance.json")).contains(SPRING));
            assertTrue(Files.isRegularFile(dir.resolve("out/patients/host.json")), "patients keeps the Functions template");
            assertTrue(Files.notExists(dir.resolve("out/patients/Dockerfile")));
            assertTrue(run.stages().get(1).detail().contains(spring + " (1 module)"), run.stages().get(1).detail());
            assertTrue(run.stages().get(1).detail().contains(functions + " (2 modules)"), run.stages().get(1).detail());
            assertEquals(3, builds.calls.get());
            assertTrue(builds.libraries.stream().anyMatch(l -> l.endsWith("extensions-runtime-1.0.0")), builds.libraries.toString());
        }
    }

    @Test
    void theRunsTemplateChoosesForEveryModuleThatNamesNone() throws Exception {
        TestFactory.RecordingBuilds builds = new TestFactory.RecordingBuilds(BuildStatus.PASSED);
        try (Factory app = TestFactory.withRecordedBuilds(dir.resolve("data"), builds)) {
            FactoryRun run = assertInstanceOf(StartRun.Result.Finished.class, run(app, TestFactory.example("clinic-booking.blueprint.yaml"),
                    dir.resolve("out"), SPRING)).run();
            assertEquals(RunStatus.COMPLETED, run.status(), run::failure);
            String spring = app.templates().catalog().latest(SPRING).orElseThrow().ref();
            assertEquals(spring, run.templateRef());
            run.modules().forEach(m -> assertEquals(spring, m.templateRef(), m.name()));
            for (String module : List.of("patients", "scheduling", "billing")) {
                assertTrue(Files.isRegularFile(dir.resolve("out/" + module + "/Dockerfile")), module);
            }
        }
    }

    @Test
    void anUnknownOrNonServiceTemplateIsRefusedBeforeTheRunOpens() throws Exception {
        TestFactory.RecordingBuilds builds = new TestFactory.RecordingBuilds(BuildStatus.PASSED);
        try (Factory app = TestFactory.withRecordedBuilds(dir.resolve("data"), builds)) {
            StartRun.Result.Rejected unknown = assertInstanceOf(StartRun.Result.Rejected.class, run(app,
                    clinicWith("ConnectSoft.Template.NoSuchThing"), dir.resolve("out"), StartRun.DEFAULT_TEMPLATE));
            assertTrue(unknown.problems().get(0).message().contains("module 'scheduling' asks for template ConnectSoft.Template.NoSuchThing, "
                    + "which is not in the catalog"), unknown.problems()::toString);
            assertTrue(unknown.problems().get(0).render().contains(SPRING), unknown.problems().get(0).render());
            StartRun.Result.Rejected web = assertInstanceOf(StartRun.Result.Rejected.class, run(app,
                    clinicWith("ConnectSoft.Template.WebFrontend"), dir.resolve("out2"), StartRun.DEFAULT_TEMPLATE));
            assertTrue(web.problems().get(0).message().contains("not a service template"), web.problems()::toString);
            StartRun.Result.Rejected malformed = assertInstanceOf(StartRun.Result.Rejected.class, run(app,
                    clinicWith("\"not a template\""), dir.resolve("out3"), StartRun.DEFAULT_TEMPLATE));
            assertTrue(malformed.problems().get(0).render().contains("template"), malformed.problems()::toString);
            assertEquals(0, builds.calls.get());
            assertTrue(app.runs().runs().list(TenantId.of("acme")).isEmpty(), "nothing was opened");
        }
    }
}
