package com.connectsoft.factory.run;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import com.connectsoft.factory.app.Factory;
import com.connectsoft.factory.build.domain.BuildReport;
import com.connectsoft.factory.run.application.StartRun;
import com.connectsoft.factory.run.application.RunProgress;
import com.connectsoft.factory.run.domain.FactoryRun;
import com.connectsoft.factory.shared.domain.TenantId;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.io.TempDir;

/** The same blueprint for the same tenant gives byte-identical sources; only provenance.json names the run. */
class ReproducibilityTest {
    @TempDir
    Path dir;

    private static List<Path> files(Path root) throws Exception {
        try (Stream<Path> s = Files.walk(root)) {
            return s.filter(Files::isRegularFile).map(root::relativize).sorted().toList();
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"clinic-booking.blueprint.yaml", "invoicing.blueprint.yaml"})
    void twoRunsGiveIdenticalSources(String example) throws Exception {
        TenantId t = TenantId.of("acme");
        try (Factory app = TestFactory.withRecordedBuilds(dir.resolve("data"), new TestFactory.RecordingBuilds(com.connectsoft.factory.run.vocabulary.BuildStatus.PASSED))) {
            FactoryRun first = run(app, t, example, dir.resolve("one"));
            FactoryRun second = run(app, t, example, dir.resolve("two"));
            assertNotEquals(first.runId(), second.runId());
            assertEquals(first.blueprintVersion(), second.blueprintVersion(), "unchanged blueprint content keeps its version");
            List<Path> one = files(dir.resolve("one"));
            assertEquals(one, files(dir.resolve("two")));
            assertFalse(one.isEmpty());
            for (Path f : one) {
                byte[] a = Files.readAllBytes(dir.resolve("one").resolve(f));
                byte[] b = Files.readAllBytes(dir.resolve("two").resolve(f));
                if (f.getFileName().toString().equals("provenance.json")) {
                    assertFalse(java.util.Arrays.equals(a, b), "provenance names the run");
                } else {
                    assertArrayEquals(a, b, f.toString());
                }
            }
        }
    }

    private static FactoryRun run(Factory app, TenantId t, String example, Path out) throws Exception {
        return assertInstanceOf(StartRun.Result.Finished.class, app.runs().start().run(new StartRun.Request(t, example,
                TestFactory.example(example), Optional.of(out), StartRun.DEFAULT_TEMPLATE), RunProgress.SILENT)).run();
    }
}
