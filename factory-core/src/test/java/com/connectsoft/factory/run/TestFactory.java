package com.connectsoft.factory.run;

import com.connectsoft.factory.app.Factory;
import com.connectsoft.factory.app.FactorySettings;
import com.connectsoft.factory.build.domain.BuildReport;
import com.connectsoft.factory.build.domain.BuildRunner;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/** Shared fixtures: the repository root, the examples, and a factory on a temporary data directory. */
public final class TestFactory {
    public static final Path ROOT = Path.of(System.getProperty("factory.repoRoot", "..")).toAbsolutePath().normalize();
    public static final Path EXAMPLES = ROOT.resolve("examples");

    /** A one-module blueprint whose IBAN field makes the governance policy ask for approval before the build. */
    public static final String NEEDS_APPROVAL = """
            blueprint: 1
            product: { name: Payroll, description: Pay employees every month., package: com.contoso.payroll }
            modules:
              - name: employees
                entities:
                  - name: Employee
                    fields:
                      - { name: fullName, type: string, required: true, maxLength: 200 }
                      - { name: iban, type: string, maxLength: 34 }
            """;

    private TestFactory() {
    }

    public static FactorySettings settings(Path dataDir) {
        return FactorySettings.from(Map.of(), dataDir, ROOT).withDataDir(dataDir);
    }

    /** A factory whose builds are recorded but not run (for tests about everything around the build). */
    public static Factory withRecordedBuilds(Path dataDir, RecordingBuilds builds) {
        return Factory.with(settings(dataDir)).builds(builds).clock(Clock.systemUTC()).open().dispatchLocally();
    }

    /**
     * A run's failure, then the last lines of each module's build log that did not pass ({@code <data>/builds/<tenant>/<run>/<module>}):
     * what a failed assertion on a real build should show, so a failure seen only in CI can be read there.
     */
    public static java.util.function.Supplier<String> failureWithBuildLogs(Path dataDir, com.connectsoft.factory.run.domain.FactoryRun run) {
        return () -> {
            StringBuilder out = new StringBuilder(String.valueOf(run.failure()));
            for (var m : run.modules()) {
                if (m.build() == com.connectsoft.factory.run.vocabulary.BuildStatus.PASSED) {
                    continue;
                }
                Path log = dataDir.resolve("builds").resolve(run.tenantId()).resolve(run.runId()).resolve(m.name()).resolve("build.log");
                out.append("\n--- ").append(m.name()).append(" (").append(m.build()).append("): ").append(log);
                try {
                    List<String> lines = Files.isRegularFile(log) ? Files.readAllLines(log) : List.of("(no build log)");
                    lines.subList(Math.max(0, lines.size() - 40), lines.size()).forEach(l -> out.append("\n  ").append(l));
                } catch (java.io.IOException | java.io.UncheckedIOException e) {
                    out.append("\n  (unreadable: ").append(e.getMessage()).append(')');
                }
            }
            return out.toString();
        };
    }

    public static byte[] example(String name) throws java.io.IOException {
        return Files.readAllBytes(EXAMPLES.resolve(name));
    }

    /** Records which modules were handed to the build; reports them passed or failed as told. */
    public static final class RecordingBuilds implements BuildRunner {
        public final AtomicInteger calls = new AtomicInteger();
        private final com.connectsoft.factory.run.vocabulary.BuildStatus status;

        public RecordingBuilds(com.connectsoft.factory.run.vocabulary.BuildStatus status) {
            this.status = status;
        }

        @Override
        public BuildReport build(String module, Path sources, Path workDir, Duration timeout) {
            calls.incrementAndGet();
            if (!Files.isRegularFile(sources.resolve("pom.xml")) && !Files.isRegularFile(sources.resolve("package.json"))) {
                throw new AssertionError("the build got no sources for " + module);
            }
            boolean passed = status == com.connectsoft.factory.run.vocabulary.BuildStatus.PASSED;
            return new BuildReport(module, status, 10, passed ? 0 : 1, 0, 0, 5, "recorded",
                    passed ? "" : "1 of 10 tests failed: RecordedTest.fails", List.of(), null);
        }

        /** Recorded builds need nothing resolved. */
        @Override
        public Preparation prepare(Path trustedSources, Path workDir, Duration timeout, Runnable starting) {
            return new Preparation.Ready(false, 0);
        }

        /** The runtime libraries a preparation was asked to install (each must be a folder with a pom). */
        public final java.util.List<Path> libraries = new java.util.concurrent.CopyOnWriteArrayList<>();

        @Override
        public Preparation prepare(Path trustedSources, java.util.List<Path> libraries, Path workDir, Duration timeout, Runnable starting) {
            for (Path library : libraries) {
                if (!java.nio.file.Files.isRegularFile(library.resolve("pom.xml"))) {
                    return new Preparation.Failed("no pom.xml in " + library, List.of());
                }
                this.libraries.add(library);
            }
            return prepare(trustedSources, workDir, timeout, starting);
        }

        @Override
        public String description() {
            return "recorded builds (tests)";
        }
    }
}
