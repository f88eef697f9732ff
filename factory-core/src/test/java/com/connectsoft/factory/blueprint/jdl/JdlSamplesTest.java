package com.connectsoft.factory.blueprint.jdl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.connectsoft.factory.app.Factory;
import com.connectsoft.factory.blueprint.domain.ParseOutcome;
import com.connectsoft.factory.build.domain.BuildReport;
import com.connectsoft.factory.run.TestFactory;
import com.connectsoft.factory.run.application.StartRun;
import com.connectsoft.factory.run.application.RunProgress;
import com.connectsoft.factory.run.domain.FactoryRun;
import com.connectsoft.factory.run.domain.ModuleResult;
import com.connectsoft.factory.shared.domain.TenantId;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Every JDL file in ../shared/samples/jdl (and our edge cases) imports, generates, and every module builds and passes its tests. */
@Tag("maven-build")
class JdlSamplesTest {
    static final Path SAMPLES = TestFactory.ROOT.resolve("../shared/samples/jdl").normalize();

    @TempDir
    Path dir;

    /** Our own edge cases (unique on every type, Duration, LocalTime, byte limits, self references ...). */
    static final Path EDGE_CASES = TestFactory.ROOT.resolve("factory-core/src/test/resources/jdl");

    static Stream<Path> samples() throws Exception {
        List<Path> all = new ArrayList<>(jdlFiles(EDGE_CASES));
        all.addAll(Files.isDirectory(SAMPLES) ? jdlFiles(SAMPLES) : List.of(SAMPLES.resolve("(missing)")));
        return all.stream();
    }

    private static List<Path> jdlFiles(Path dir) throws Exception {
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(p -> p.toString().endsWith(".jdl") || p.toString().endsWith(".jh")).sorted().toList();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("samples")
    void aSampleIsGeneratedBuiltAndTested(Path sample) throws Exception {
        Assumptions.assumeTrue(Files.isRegularFile(sample), "the JDL samples are read from " + SAMPLES + ", which is absent here");
        byte[] content = Files.readAllBytes(sample);
        ParseOutcome parsed = com.connectsoft.factory.blueprint.BlueprintConfiguration.READERS.read(sample.toString(), content);
        int modules = assertInstanceOf(ParseOutcome.Accepted.class, parsed, () -> parsed.toString()).blueprint().modules().size();
        try (Factory app = Factory.open(TestFactory.settings(dir.resolve("data"))).dispatchLocally()) {
            StartRun.Result r = app.runs().start().run(new StartRun.Request(TenantId.of("jdl"), sample.toString(), content,
                    Optional.of(dir.resolve("out")), StartRun.DEFAULT_TEMPLATE), RunProgress.SILENT);
            FactoryRun run = assertInstanceOf(StartRun.Result.Finished.class, r).run();
            assertEquals(com.connectsoft.factory.run.vocabulary.RunStatus.COMPLETED, run.status(), TestFactory.failureWithBuildLogs(dir.resolve("data"), run));
            assertEquals(modules, run.modules().size());
            for (ModuleResult m : run.modules()) {
                assertEquals(com.connectsoft.factory.run.vocabulary.BuildStatus.PASSED, m.build(), m.name());
                // what is not passed is skipped (the Cosmos DB emulator tests without an emulator), never failed
                assertTrue(m.testsRun() > 0 && m.testsFailed() == 0 && m.testsPassed() >= m.testsRun() * 9 / 10,
                        m.name() + ": " + m.testsPassed() + "/" + m.testsRun() + ", " + m.testsFailed() + " failed");
            }
            assertEquals("jdl", app.projects().blueprints().latest(TenantId.of("jdl"), run.blueprintId()).orElseThrow().format());
        }
    }
}
