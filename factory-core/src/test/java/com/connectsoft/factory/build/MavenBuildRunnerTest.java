package com.connectsoft.factory.build;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.connectsoft.factory.build.adapter.MavenBuildRunner;
import com.connectsoft.factory.build.adapter.sandbox.Sandbox;
import com.connectsoft.factory.build.adapter.sandbox.Unconfined;
import com.connectsoft.factory.build.domain.BuildReport;
import com.connectsoft.factory.build.domain.BuildRunner;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The build runner with a stand-in for Maven (unconfined; the sandbox has tests of its own): time limit, test counts,
 * the one-line reason of a failure, a cleared environment, sources left untouched, and preparation done once.
 */
class MavenBuildRunnerTest {
    @TempDir
    Path dir;
    private Path sources;
    private Path repository;

    @BeforeEach
    void module() throws Exception {
        sources = Files.createDirectories(dir.resolve("src-module"));
        Files.writeString(sources.resolve("pom.xml"), "<project/>");
        repository = Files.createDirectories(dir.resolve("repository"));
    }

    private MavenBuildRunner runner(String body) throws Exception {
        Path script = dir.resolve("fake-mvn");
        Files.writeString(script, "#!/bin/sh\n" + body + "\n");
        Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwxr-xr-x"));
        return new MavenBuildRunner(script.toString(), Path.of(System.getProperty("java.home")), repository,
                () -> new Unconfined(repository, "test"), java.util.Optional.empty());
    }

    @Test
    void aBuildOverItsTimeLimitIsKilledAndReportedAsTimedOut() throws Exception {
        long start = System.nanoTime();
        BuildReport r = runner("sleep 60").build("m", sources, dir.resolve("work"), Duration.ofMillis(500));
        assertEquals(com.connectsoft.factory.run.vocabulary.BuildStatus.TIMED_OUT, r.status());
        assertTrue(r.reason().startsWith("timed out after"), r.reason());
        assertTrue((System.nanoTime() - start) / 1_000_000 < 15_000, "the build was not stopped at its limit");
    }

    @Test
    void testCountsAndTheFailedTestsComeFromTheSurefireReports() throws Exception {
        BuildReport r = runner("""
                mkdir -p target/surefire-reports
                cat > target/surefire-reports/TEST-A.xml <<'X'
                <testsuite name="A" tests="7" failures="1" errors="1" skipped="2">
                  <testcase classname="com.x.PetServiceTest" name="createsAPet"><failure message="expected: &lt;201&gt; but was: &lt;500&gt;&#10;at line 2"/></testcase>
                  <testcase classname="com.x.PetServiceTest" name="listsPets"><error type="java.lang.NullPointerException"/></testcase>
                </testsuite>
                X
                echo '<testsuite name="B" tests="3" failures="0" errors="0" skipped="0"></testsuite>' > target/surefire-reports/TEST-B.xml
                echo "args: $*"
                for a in "$@"; do echo "arg[$a]"; done
                exit 1""").build("m", sources, dir.resolve("work"), Duration.ofSeconds(30));
        assertEquals(com.connectsoft.factory.run.vocabulary.BuildStatus.FAILED, r.status());
        assertEquals(10, r.testsRun());
        assertEquals(1, r.testsFailed());
        assertEquals(1, r.testsErrored());
        assertEquals(2, r.testsSkipped());
        assertEquals(6, r.testsPassed());
        assertEquals("build failed: 2 of 10 tests failed: PetServiceTest.createsAPet (expected: <201> but was: <500>); "
                + "PetServiceTest.listsPets (java.lang.NullPointerException)", r.reason());
        assertTrue(r.logTail().get(0).contains(" -o verify"), r.logTail().toString());
        assertTrue(r.logTail().get(0).contains("-Dmaven.repo.local=" + repository), r.logTail().toString());
        assertFalse(Files.exists(sources.resolve("target")), "the build runs in its own directory, not in the sources");
        assertTrue(Files.readString(dir.resolve("work/build.log")).contains("args: "), "the whole log is kept");
        assertTrue(Files.readString(dir.resolve("work/build.log")).contains("arg[-DargLine=-XX:TieredStopAtLevel=1 -XX:+UseSerialGC -XX:-UsePerfData]"),
                "the tests' JVMs get the quick JIT, as one argument");
        assertTrue(r.command().contains("'-DargLine=-XX:TieredStopAtLevel=1 -XX:+UseSerialGC -XX:-UsePerfData'"), r.command());
    }

    @Test
    void aPomThatSetsItsOwnArgLineKeepsIt() throws Exception {
        Files.createDirectories(sources.resolve("infra"));
        Files.writeString(sources.resolve("infra/pom.xml"), "<project><properties><argLine>--add-opens java.base/java.lang=ALL-UNNAMED</argLine>"
                + "</properties></project>");
        BuildReport r = runner("""
                for a in "$@"; do echo "arg[$a]"; done
                exit 0""").build("m", sources, dir.resolve("work"), Duration.ofSeconds(30));
        assertEquals(com.connectsoft.factory.run.vocabulary.BuildStatus.PASSED, r.status(), r.reason());
        assertFalse(Files.readString(dir.resolve("work/module.log")).contains("-DargLine"),
                "infra/ sets its own, and one -D would override it in both projects: left alone");
        Files.writeString(sources.resolve("infra/pom.xml"), "<project/>");
        runner("for a in \"$@\"; do echo \"arg[$a]\"; done").build("m", sources, dir.resolve("work"), Duration.ofSeconds(30));
        assertTrue(Files.readString(dir.resolve("work/module.log")).contains("arg[-DargLine="), "neither sets one: quick JIT");
    }

    /** A stand-in for Maven building the factory's reactor: checks it was given one, announces the projects as Maven does. */
    private static final String REACTOR = """
            grep -q '<module>module/infra</module>' pom.xml || { echo "not a reactor: $(cat pom.xml)"; exit 9; }
            [ -f module/pom.xml ] && [ -f module/infra/pom.xml ] || { echo 'module not staged'; exit 9; }
            mkdir -p module/target/surefire-reports module/infra/target/surefire-reports
            echo '[INFO] Building clinic-booking-patients 1.0.0                             [1/3]'
            """;

    @Test
    void aModuleAndItsInfraProgramBuildInOneMavenRunAndTheirTestsAddUp() throws Exception {
        Files.createDirectories(sources.resolve("infra"));
        Files.writeString(sources.resolve("infra/pom.xml"), "<project/>");
        Path counter = dir.resolve("count");
        BuildReport r = runner("echo x >> " + counter + "\n" + REACTOR + """
                echo '<testsuite name="A" tests="71" failures="0" errors="0" skipped="0"></testsuite>' > module/target/surefire-reports/TEST-A.xml
                echo '[INFO] Building patients infrastructure (Pulumi) 1.0.0                    [2/3]'
                echo '<testsuite name="I" tests="16" failures="0" errors="0" skipped="1"></testsuite>' > module/infra/target/surefire-reports/TEST-I.xml
                echo '[INFO] Building factory-build-reactor 1                                   [3/3]'
                exit 0""").build("m", sources, dir.resolve("work"), Duration.ofSeconds(30));
        assertEquals(com.connectsoft.factory.run.vocabulary.BuildStatus.PASSED, r.status(), r.reason());
        assertEquals(87, r.testsRun(), "the module's 71 and infra/'s 16");
        assertEquals(1, r.testsSkipped());
        assertEquals(1, Files.readAllLines(counter).size(), "one Maven run");
        assertTrue(r.command().endsWith(" -o verify (the module and infra/ in one reactor)"), r.command());
        assertFalse(Files.exists(sources.resolve("target")) || Files.exists(sources.resolve("infra/target")), "the sources stay as rendered");
        assertFalse(Files.exists(sources.resolve("../pom.xml")) || Files.exists(sources.resolve("module")), "the reactor is not in the sources");
        assertFalse(Files.exists(dir.resolve("work/stage")), "the staging copy is gone after the build");
    }

    @Test
    void aFailureInTheModuleIsNotBlamedOnItsInfraProgram() throws Exception {
        Files.createDirectories(sources.resolve("infra"));
        Files.writeString(sources.resolve("infra/pom.xml"), "<project/>");
        BuildReport r = runner(REACTOR + """
                cat > module/target/surefire-reports/TEST-A.xml <<'X'
                <testsuite name="A" tests="5" failures="1" errors="0" skipped="0">
                  <testcase classname="com.x.PetServiceTest" name="createsAPet"><failure message="expected: &lt;201&gt; but was: &lt;500&gt;"/></testcase>
                </testsuite>
                X
                echo '[ERROR] Failed to execute goal org.apache.maven.plugins:maven-surefire-plugin:3.5.3:test (default-test) on project x: There are test failures.'
                exit 1""").build("m", sources, dir.resolve("work"), Duration.ofSeconds(30));
        assertEquals(com.connectsoft.factory.run.vocabulary.BuildStatus.FAILED, r.status());
        assertEquals("build failed: 1 of 5 tests failed: PetServiceTest.createsAPet (expected: <201> but was: <500>)", r.reason());
    }

    @Test
    void aMissingDependencyInAnOfflineBuildIsOneLineNamingTheArtifact() throws Exception {
        Files.createDirectories(sources.resolve("infra"));
        Files.writeString(sources.resolve("infra/pom.xml"), "<project/>");
        BuildReport r = runner(REACTOR + """
                echo '<testsuite name="A" tests="71" failures="0" errors="0" skipped="0"></testsuite>' > module/target/surefire-reports/TEST-A.xml
                echo '[INFO] Building patients infrastructure (Pulumi) 1.0.0                    [2/3]'
                printf '\\033[1;31m[ERROR]\\033[m Failed to execute goal on project x-infra: Could not resolve dependencies for project c:x-infra:jar:1.0.0: The following artifacts could not be resolved: org.yaml:snakeyaml:jar:2.3, org.slf4j:slf4j-api:jar:1.7.32: Cannot access central (https://repo.maven.apache.org/maven2) in offline mode and the artifact org.yaml:snakeyaml:jar:2.3 has not been downloaded from it before. -> [Help 1]\\n'
                exit 1""").build("m", sources, dir.resolve("work"), Duration.ofSeconds(30));
        assertEquals(com.connectsoft.factory.run.vocabulary.BuildStatus.FAILED, r.status());
        assertEquals("infra/ build failed: dependencies org.yaml:snakeyaml:2.3, org.slf4j:slf4j-api:1.7.32 are not in the local "
                + "repository (offline build)", r.reason());
        assertEquals(71, r.testsRun());
        assertTrue(r.logTail().stream().noneMatch(l -> l.contains("\u001b")), "no terminal escapes: " + r.logTail());
    }

    @Test
    void anInfraPomMavenCannotReadIsBlamedOnInfra() throws Exception {
        Files.createDirectories(sources.resolve("infra"));
        Files.writeString(sources.resolve("infra/pom.xml"), "<project>");
        BuildReport r = runner("""
                echo '[ERROR] Some problems were encountered while processing the POMs:'
                echo '[FATAL] Non-parseable POM /build/module/infra/pom.xml: end tag name </projec> must match start tag name <project>'
                exit 1""").build("m", sources, dir.resolve("work"), Duration.ofSeconds(30));
        assertTrue(r.reason().startsWith("infra/ build failed: "), r.reason());
    }

    @Test
    void aCompilationErrorNamesTheFileAndLine() throws Exception {
        BuildReport r = runner("""
                echo '[ERROR] COMPILATION ERROR :'
                echo '[ERROR] /build/src/main/java/com/x/Pet.java:[12,5] cannot find symbol'
                echo '[ERROR] /build/src/main/java/com/x/Owner.java:[3,1] class, interface, enum, or record expected'
                exit 1""").build("m", sources, dir.resolve("work"), Duration.ofSeconds(30));
        assertEquals("build failed: compilation failed: Pet.java:12: cannot find symbol (and 1 more error)", r.reason());
    }

    @Test
    void buildsSeeOnlyTheEnvironmentMavenNeeds() throws Exception {
        BuildReport r = runner("env; exit 1").build("m", sources, dir.resolve("work"), Duration.ofSeconds(30));
        String log = Files.readString(dir.resolve("work/build.log"));
        assertTrue(log.contains("JAVA_HOME="), log);
        for (String name : System.getenv().keySet()) {
            if (!name.equals("PATH") && !name.equals("HOME") && !name.equals("LANG") && !name.equals("TZ") && !name.equals("PWD")
                    && !name.equals("SHLVL") && !name.equals("_") && !name.equals("JAVA_HOME")) {
                assertFalse(log.contains("\n" + name + "="), "the build saw " + name);
            }
        }
        assertEquals(com.connectsoft.factory.run.vocabulary.BuildStatus.FAILED, r.status());
    }

    @Test
    void preparingTwiceResolvesOnce() throws Exception {
        Path counter = dir.resolve("count");
        MavenBuildRunner runner = runner("echo x >> " + counter + "; case \"$*\" in *' -o '*) exit 7;; esac; exit 0");
        Path trusted = Files.createDirectories(dir.resolve("sample/mod"));
        Files.writeString(trusted.resolve("pom.xml"), "<project><artifactId>a</artifactId></project>");
        Files.createDirectories(trusted.resolve("infra"));
        Files.writeString(trusted.resolve("infra/pom.xml"), "<project><artifactId>a-infra</artifactId></project>");
        AtomicInteger started = new AtomicInteger();
        BuildRunner.Preparation first = runner.prepare(dir.resolve("sample"), dir.resolve("prep"), Duration.ofSeconds(30), started::incrementAndGet);
        BuildRunner.Preparation second = runner.prepare(dir.resolve("sample"), dir.resolve("prep"), Duration.ofSeconds(30), started::incrementAndGet);
        assertEquals(new BuildRunner.Preparation.Ready(true, ((BuildRunner.Preparation.Ready) first).durationMs()), first);
        assertEquals(false, ((BuildRunner.Preparation.Ready) second).resolvedNow());
        assertEquals(2, Files.readAllLines(counter).size(), "the module and its infra/ were each resolved once, online");
        assertEquals(1, started.get());

        Files.writeString(trusted.resolve("infra/pom.xml"), "<project><artifactId>a-infra</artifactId><version>2</version></project>");
        runner.prepare(dir.resolve("sample"), dir.resolve("prep"), Duration.ofSeconds(30), started::incrementAndGet);
        assertEquals(4, Files.readAllLines(counter).size(), "a changed build file is prepared again");
    }

    @Test
    void preparationDropsTheRecordsOfWhichRemoteRepositoryAnArtifactCameFrom() throws Exception {
        Path artifact = Files.createDirectories(repository.resolve("org/x/a/1.0"));
        Files.writeString(artifact.resolve("a-1.0.jar"), "jar");
        Files.writeString(artifact.resolve("_remote.repositories"), "a-1.0.jar>corp-mirror=\n");
        Files.writeString(artifact.resolve("a-1.0.pom.lastUpdated"), "x");
        Files.setPosixFilePermissions(artifact, PosixFilePermissions.fromString("rwxr-x---"));
        Path trusted = Files.createDirectories(dir.resolve("sample/mod"));
        Files.writeString(trusted.resolve("pom.xml"), "<project/>");
        assertInstanceOf(BuildRunner.Preparation.Ready.class, runner("exit 0").prepare(dir.resolve("sample"), dir.resolve("prep"),
                Duration.ofSeconds(30), () -> { }));
        assertTrue(Files.exists(artifact.resolve("a-1.0.jar")));
        assertFalse(Files.exists(artifact.resolve("_remote.repositories")));
        assertFalse(Files.exists(artifact.resolve("a-1.0.pom.lastUpdated")));
        assertEquals("rwxr-xr-x", PosixFilePermissions.toString(Files.getPosixFilePermissions(artifact)),
                "the sandbox's unprivileged user can read the build repository");
    }

    @Test
    void aPreparationThatFailsSaysWhyAndLeavesNoMarker() throws Exception {
        Path trusted = Files.createDirectories(dir.resolve("sample/mod"));
        Files.writeString(trusted.resolve("pom.xml"), "<project/>");
        MavenBuildRunner failing = runner("echo '[ERROR] Plugin org.apache.maven.plugins:maven-surefire-plugin:3.5.3 or one of its "
                + "dependencies could not be resolved: Could not transfer artifact'; exit 1");
        BuildRunner.Preparation p = failing.prepare(dir.resolve("sample"), dir.resolve("prep"), Duration.ofSeconds(30), () -> { });
        BuildRunner.Preparation.Failed f = assertInstanceOf(BuildRunner.Preparation.Failed.class, p);
        assertEquals("mod/ plugin org.apache.maven.plugins:maven-surefire-plugin:3.5.3 could not be downloaded (check the network, "
                + "proxy and Maven mirror settings)", f.reason());
        assertInstanceOf(BuildRunner.Preparation.Failed.class, failing.prepare(dir.resolve("sample"), dir.resolve("prep"),
                Duration.ofSeconds(30), () -> { }), "a failed preparation is tried again");
    }

    private static final String AZURE_POM = "<project><profiles><profile><id>azure</id><build><plugins><plugin>"
            + "<artifactId>azure-functions-maven-plugin</artifactId></plugin></plugins></build></profile></profiles></project>";

    private static final String PET_FUNCTIONS = """
            package com.x;
            import com.microsoft.azure.functions.annotation.*;
            public final class PetFunctions {
                @FunctionName("PetGet")
                public Object get(@HttpTrigger(name = "req", methods = {HttpMethod.GET}, authLevel = AuthorizationLevel.FUNCTION,
                        route = "v1/pets/{id}") Object request) {
                    return null;
                }
            }
            """;

    /** A stand-in for the azure packaging: writes PetGet's function.json with {@code route}, under {@code dir}. */
    private static String packaging(String dir, String route) {
        return """
                case "$*" in *-Pazure*) ;; *) echo "no -Pazure: $*"; exit 9;; esac
                mkdir -p %1$starget/azure-functions/pets-app/PetGet
                cat > %1$starget/azure-functions/pets-app/PetGet/function.json <<'X'
                { "scriptFile" : "../pets.jar", "entryPoint" : "com.x.PetFunctions.get",
                  "bindings" : [ { "type" : "httpTrigger", "direction" : "in", "name" : "req", "route" : "%2$s", "methods" : [ "GET" ], "authLevel" : "FUNCTION" },
                                 { "type" : "http", "direction" : "out", "name" : "$return" } ] }
                X
                """.formatted(dir, route);
    }

    private void azureModule() throws Exception {
        Files.writeString(sources.resolve("pom.xml"), AZURE_POM);
        Path src = Files.createDirectories(sources.resolve("src/main/java/com/x"));
        Files.writeString(src.resolve("PetFunctions.java"), PET_FUNCTIONS);
    }

    @Test
    void theAzurePackagingRunsAndAFunctionJsonThatDisagreesWithTheSourcesFailsTheBuild() throws Exception {
        azureModule();
        BuildReport ok = runner(packaging("", "v1/pets/{id}") + "exit 0").build("m", sources, dir.resolve("work"), Duration.ofSeconds(30));
        assertEquals(com.connectsoft.factory.run.vocabulary.BuildStatus.PASSED, ok.status(), ok.reason());
        assertTrue(ok.command().contains(" -Pazure "), ok.command());

        BuildReport planted = runner(packaging("", "v1/pet/{id}") + "exit 0").build("m", sources, dir.resolve("work"), Duration.ofSeconds(30));
        assertEquals(com.connectsoft.factory.run.vocabulary.BuildStatus.FAILED, planted.status());
        assertEquals("function.json check: PetGet: route is 'v1/pet/{id}' in function.json but 'v1/pets/{id}' in the sources", planted.reason());
        assertTrue(Files.readString(dir.resolve("work/build.log")).contains("== function.json check: PetGet"), "the reason is in the kept log");

        BuildReport none = runner("exit 0").build("m", sources, dir.resolve("work"), Duration.ofSeconds(30));
        assertEquals(com.connectsoft.factory.run.vocabulary.BuildStatus.FAILED, none.status(), "no -Pazure: the stand-in refused");
        BuildReport unpackaged = runner("case \"$*\" in *-Pazure*) exit 0;; esac; exit 9").build("m", sources, dir.resolve("work"), Duration.ofSeconds(30));
        assertEquals("function.json check: the azure packaging wrote no function.json (no target/azure-functions)", unpackaged.reason());
    }

    @Test
    void theFunctionJsonCheckReadsTheModuleOfAReactorBuild() throws Exception {
        azureModule();
        Files.createDirectories(sources.resolve("infra"));
        Files.writeString(sources.resolve("infra/pom.xml"), "<project/>");
        BuildReport planted = runner(REACTOR + packaging("module/", "v1/pets/{id}").replace("\"GET\"", "\"GET\", \"POST\"") + "exit 0")
                .build("m", sources, dir.resolve("work"), Duration.ofSeconds(30));
        assertEquals("function.json check: PetGet: methods is 'GET,POST' in function.json but 'GET' in the sources", planted.reason());
        BuildReport ok = runner(REACTOR + packaging("module/", "v1/pets/{id}") + "exit 0").build("m", sources, dir.resolve("work"), Duration.ofSeconds(30));
        assertEquals(com.connectsoft.factory.run.vocabulary.BuildStatus.PASSED, ok.status(), ok.reason());
    }

    @Test
    void aModuleWithoutTheAzureProfileIsNotPackaged() throws Exception {
        BuildReport r = runner("case \"$*\" in *-Pazure*) exit 9;; esac; exit 0").build("m", sources, dir.resolve("work"), Duration.ofSeconds(30));
        assertEquals(com.connectsoft.factory.run.vocabulary.BuildStatus.PASSED, r.status(), r.reason());
        assertFalse(r.command().contains("-Pazure"), r.command());
    }

    @Test
    void preparationPackagesForAzureTooSoOfflineBuildsFindThePlugin() throws Exception {
        Path args = dir.resolve("args");
        Path trusted = Files.createDirectories(dir.resolve("sample/mod"));
        Files.writeString(trusted.resolve("pom.xml"), AZURE_POM);
        assertInstanceOf(BuildRunner.Preparation.Ready.class, runner("echo \"$*\" >> " + args + "; exit 0").prepare(dir.resolve("sample"),
                dir.resolve("prep"), Duration.ofSeconds(30), () -> { }));
        assertTrue(Files.readString(args).contains("-Pazure"), Files.readString(args));
        assertFalse(Files.readString(args).contains(" -o "), "preparing is online");
    }

    /** Runs jobs unconfined and records what each asked of the sandbox. */
    private static final class Recording implements Sandbox {
        final java.util.List<Job> jobs = new java.util.ArrayList<>();
        private final Sandbox inner;

        Recording(Sandbox inner) {
            this.inner = inner;
        }

        @Override
        public Result run(Job job) {
            jobs.add(job);
            return inner.run(job);
        }

        @Override
        public Path repositoryInside() {
            return inner.repositoryInside();
        }

        @Override
        public boolean confined() {
            return inner.confined();
        }

        @Override
        public String description() {
            return inner.description();
        }
    }

    @Test
    void aBuildHasTheSandboxsOwnLoopbackButNoNetworkAndOnlyPreparationDownloads() throws Exception {
        Path script = dir.resolve("fake-mvn");
        Files.writeString(script, "#!/bin/sh\nexit 0\n");
        Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwxr-xr-x"));
        Recording sandbox = new Recording(new Unconfined(repository, "test"));
        MavenBuildRunner r = new MavenBuildRunner(script.toString(), Path.of(System.getProperty("java.home")), repository, () -> sandbox,
                java.util.Optional.empty());
        r.build("m", sources, dir.resolve("work"), Duration.ofSeconds(30));
        assertEquals(1, sandbox.jobs.size());
        assertTrue(sandbox.jobs.get(0).loopback(), "the module's tests may serve and call its local server on the sandbox's own loopback");
        assertFalse(sandbox.jobs.get(0).downloads(), "a build never has the network");
        r.prepare(sources, dir.resolve("prepare"), Duration.ofSeconds(30), () -> { });
        assertTrue(sandbox.jobs.get(1).downloads(), "preparing downloads what builds resolve");
    }

    @Test
    void aSandboxThatCannotBeMadeRefusesTheBuild() throws Exception {
        MavenBuildRunner r = new MavenBuildRunner("mvn", Path.of(System.getProperty("java.home")), repository, () -> {
            throw new Sandbox.SandboxUnavailable("no namespaces here");
        }, java.util.Optional.empty());
        BuildReport report = r.build("m", sources, dir.resolve("work"), Duration.ofSeconds(5));
        assertEquals(com.connectsoft.factory.run.vocabulary.BuildStatus.FAILED, report.status());
        assertEquals("refused to build: no namespaces here", report.reason());
    }
}
