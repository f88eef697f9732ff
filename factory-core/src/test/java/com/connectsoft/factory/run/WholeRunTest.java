package com.connectsoft.factory.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.connectsoft.factory.app.Factory;
import com.connectsoft.factory.artifact.domain.Artifact;
import com.connectsoft.factory.capability.CapabilityRegistry;
import com.connectsoft.factory.build.domain.BuildReport;
import com.connectsoft.factory.run.application.StartRun;
import com.connectsoft.factory.run.application.RunProgress;
import com.connectsoft.factory.run.domain.FactoryRun;
import com.connectsoft.factory.run.domain.ModuleResult;
import com.connectsoft.factory.run.domain.StageRecord;
import com.connectsoft.factory.shared.domain.TenantId;
import com.connectsoft.factory.usage.domain.UsageRecord;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** A whole run in-process on the embedded adapters, with real Maven builds, for every example blueprint. */
@Tag("maven-build")
class WholeRunTest {
    static Stream<String> examples() throws java.io.IOException {
        try (Stream<Path> s = Files.list(TestFactory.EXAMPLES)) {
            return s.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".blueprint.yaml")).sorted().toList().stream();
        }
    }

    static final TenantId T = TenantId.of("acme");

    @TempDir
    Path dir;

    @ParameterizedTest
    @MethodSource("examples")
    void anExampleIsGeneratedBuiltTestedCommittedAndRecorded(String example) throws Exception {
        int modules = ((com.connectsoft.factory.blueprint.domain.ParseOutcome.Accepted) new com.connectsoft.factory.blueprint.adapter.yaml
                .YamlBlueprintReader().read(example, TestFactory.example(example))).blueprint().modules().size();
        try (Factory app = Factory.open(TestFactory.settings(dir.resolve("data"))).dispatchLocally()) {
            StartRun.Result result = app.runs().start().run(new StartRun.Request(T, example,
                    TestFactory.example(example), Optional.of(dir.resolve("out")), StartRun.DEFAULT_TEMPLATE),
                    RunProgress.SILENT);
            FactoryRun run = assertInstanceOf(StartRun.Result.Finished.class, result).run();
            assertEquals(com.connectsoft.factory.run.vocabulary.RunStatus.COMPLETED, run.status(), TestFactory.failureWithBuildLogs(dir.resolve("data"), run));
            assertNull(run.failure());
            assertEquals(List.of("intake", "plan", "render", "governance", "validate", "publish", "done"),
                    run.stages().stream().map(s -> s.name().key()).toList());

            for (ModuleResult m : run.modules()) {
                assertEquals(com.connectsoft.factory.run.vocabulary.GovernanceStatus.ALLOW, m.governance(), m.governanceReasons()::toString);
                assertEquals(com.connectsoft.factory.run.vocabulary.BuildStatus.PASSED, m.build());
                assertTrue(m.testsRun() >= 40, m.name() + " ran " + m.testsRun() + " tests");
                assertEquals(0, m.testsFailed(), m.name());
                assertTrue(m.testsPassed() >= m.testsRun() * 9 / 10, m.name() + ": " + m.testsPassed() + "/" + m.testsRun()
                        + " passed; the rest may only be skipped (the Cosmos DB emulator tests without an emulator)");
                assertTrue(Files.isRegularFile(Path.of(m.outputDir(), "provenance.json")));
            }

            // lineage: blueprint -> module sources -> governance and build reports -> commit
            List<Artifact> artifacts = app.artifacts().ledger().byRun(T, run.runId());
            Map<String, List<Artifact>> byType = artifacts.stream().collect(Collectors.groupingBy(Artifact::artifactType));
            assertEquals(1, byType.get(Artifact.BLUEPRINT).size());
            assertEquals(modules, run.modules().size());
            assertEquals(modules, byType.get(Artifact.MODULE_SOURCE).size());
            // one report per governance check (each check is its own capability)
            assertEquals(modules * CapabilityRegistry.GOVERNANCE_CHECKS.size(), byType.get(Artifact.GOVERNANCE_REPORT).size());
            assertEquals(modules, byType.get(Artifact.BUILD_REPORT).size());
            assertEquals(modules, byType.get(Artifact.BUILD_LOG).size(), "every build keeps its whole log");
            Artifact commit = byType.get(Artifact.COMMIT).get(0);
            String blueprintId = byType.get(Artifact.BLUEPRINT).get(0).artifactId();
            for (Artifact source : byType.get(Artifact.MODULE_SOURCE)) {
                assertEquals(List.of(blueprintId), source.inputArtifactIds());
                assertTrue(commit.inputArtifactIds().contains(source.artifactId()));
                assertTrue(app.content().exists(T, source.contentHash()));
            }
            for (Artifact a : artifacts) {
                assertEquals(run.traceId(), a.traceId());
                assertTrue(a.contentHash().startsWith("sha256:"));
            }

            // the commit holds exactly the generated files
            List<String> committed = app.publish().git().files(T, run.projectId(), run.commitId());
            List<String> onDisk;
            try (Stream<Path> s = Files.walk(dir.resolve("out"))) {
                onDisk = s.filter(Files::isRegularFile).map(p -> dir.resolve("out").relativize(p).toString()).sorted().toList();
            }
            assertEquals(onDisk, committed);

            // usage went through the bus into the ledger, once each
            assertTrue(app.drain(Duration.ofSeconds(10)));
            Map<String, Long> usage = app.usage().ledger().byRun(T, run.runId()).stream()
                    .collect(Collectors.groupingBy(UsageRecord::meter, Collectors.summingLong(UsageRecord::quantity)));
            assertEquals(1L, usage.get("runs"));
            assertEquals((long) modules, usage.get("renders"));
            assertNotNull(usage.get("build-seconds"));
        }
    }
}
