package com.connectsoft.factory.template;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.connectsoft.factory.app.Factory;
import com.connectsoft.factory.build.domain.BuildReport;
import com.connectsoft.factory.run.TestFactory;
import com.connectsoft.factory.run.application.StartRun;
import com.connectsoft.factory.run.application.RunProgress;
import com.connectsoft.factory.run.domain.FactoryRun;
import com.connectsoft.factory.run.domain.ModuleResult;
import com.connectsoft.factory.shared.domain.TenantId;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The hostile blueprint of {@link HostileRenderTest}, generated, compiled and tested for real: its text stays data. */
@Tag("maven-build")
class HostileBlueprintBuildTest {
    @TempDir
    Path dir;

    @Test
    void aBlueprintFullOfBreakersGeneratesAModuleThatCompilesAndPassesItsTests() throws Exception {
        byte[] content = HostileRenderTest.YAML.getBytes(StandardCharsets.UTF_8);
        try (Factory app = Factory.open(TestFactory.settings(dir.resolve("data"))).dispatchLocally()) {
            StartRun.Result r = app.runs().start().run(new StartRun.Request(TenantId.of("evil"), "hostile.blueprint.yaml", content,
                    Optional.of(dir.resolve("out")), StartRun.DEFAULT_TEMPLATE), RunProgress.SILENT);
            FactoryRun run = assertInstanceOf(StartRun.Result.Finished.class, r).run();
            assertEquals(com.connectsoft.factory.run.vocabulary.RunStatus.COMPLETED, run.status(), run::failure);
            for (ModuleResult m : run.modules()) {
                assertEquals(com.connectsoft.factory.run.vocabulary.BuildStatus.PASSED, m.build(), m.buildReason());
                // what is not passed is skipped (the Cosmos DB emulator tests without an emulator), never failed
                assertTrue(m.testsRun() > 0 && m.testsFailed() == 0 && m.testsPassed() >= m.testsRun() * 9 / 10,
                        m.name() + ": " + m.testsPassed() + "/" + m.testsRun() + ", " + m.testsFailed() + " failed");
            }
            String entity = Files.readString(dir.resolve("out/orders/src/main/java/com/evil/shop/orders/order/Order.java"));
            assertTrue(entity.contains("E *\\057 PWNED(); /* \\\\u002a/ PWNED4();"), entity);
        }
    }
}
