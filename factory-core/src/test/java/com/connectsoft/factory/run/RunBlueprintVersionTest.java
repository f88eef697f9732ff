package com.connectsoft.factory.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import com.connectsoft.factory.app.Factory;
import com.connectsoft.factory.build.domain.BuildReport;
import com.connectsoft.factory.project.application.RegisterBlueprint;
import com.connectsoft.factory.run.application.StartRun;
import com.connectsoft.factory.run.application.RunProgress;
import com.connectsoft.factory.run.domain.FactoryRun;
import com.connectsoft.factory.shared.domain.TenantId;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A run is opened on the blueprint version that holds its content, whichever version that is. */
class RunBlueprintVersionTest {
    private static final TenantId T = TenantId.of("acme");

    @TempDir
    Path dir;

    @Test
    void aRunOfAnOlderVersionsContentUsesThatVersionAndAddsNone() throws Exception {
        byte[] first = TestFactory.example("invoicing.blueprint.yaml");
        byte[] second = new String(first, StandardCharsets.UTF_8).replace("Issue invoices to customers", "Issue invoices to clients")
                .getBytes(StandardCharsets.UTF_8);
        try (Factory app = TestFactory.withRecordedBuilds(dir.resolve("data"), new TestFactory.RecordingBuilds(com.connectsoft.factory.run.vocabulary.BuildStatus.PASSED))) {
            app.tenancy().administration().register(T, "acme", "developer");
            assertEquals(1, assertInstanceOf(RegisterBlueprint.Result.Registered.class,
                    app.projects().registerBlueprint().register(T, "invoicing.blueprint.yaml", first)).version().version());
            assertEquals(2, assertInstanceOf(RegisterBlueprint.Result.Registered.class,
                    app.projects().registerBlueprint().register(T, "invoicing.blueprint.yaml", second)).version().version());

            StartRun.Result r = app.runs().start().run(new StartRun.Request(T, "invoicing.blueprint.yaml", first, Optional.empty(),
                    StartRun.DEFAULT_TEMPLATE), RunProgress.SILENT);
            FactoryRun run = assertInstanceOf(StartRun.Result.Finished.class, r).run();
            assertEquals(1, run.blueprintVersion(), "the run names the version that holds its content");
            assertEquals(2, app.projects().blueprints().versions(T, "bp-invoicing").size(), "starting a run recorded no new version");
        }
    }
}
