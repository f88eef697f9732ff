package com.connectsoft.factory.build;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.connectsoft.factory.build.adapter.MavenBuildRunner;
import com.connectsoft.factory.build.domain.BuildReport;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The build runner with a stand-in for Maven: time limit, test counts, failures, and sources left untouched. */
class MavenBuildRunnerTest {
    @TempDir
    Path dir;
    private Path sources;

    @BeforeEach
    void module() throws Exception {
        sources = Files.createDirectories(dir.resolve("src-module"));
        Files.writeString(sources.resolve("pom.xml"), "<project/>");
    }

    private Path fakeMaven(String body) throws Exception {
        Path script = dir.resolve("fake-mvn");
        Files.writeString(script, "#!/bin/sh\n" + body + "\n");
        Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwxr-xr-x"));
        return script;
    }

    @Test
    void aBuildOverItsTimeLimitIsKilledAndReportedAsTimedOut() throws Exception {
        Path mvn = fakeMaven("sleep 60");
        long start = System.nanoTime();
        BuildReport r = new MavenBuildRunner(mvn.toString(), true).build("m", sources, dir.resolve("work"), Duration.ofMillis(500));
        assertEquals(BuildReport.TIMED_OUT, r.status());
        assertTrue((System.nanoTime() - start) / 1_000_000 < 15_000, "the build was not stopped at its limit");
    }

    @Test
    void testCountsComeFromTheSurefireReports() throws Exception {
        Path mvn = fakeMaven("""
                mkdir -p target/surefire-reports
                echo '<testsuite name="A" tests="7" failures="1" errors="1" skipped="2"></testsuite>' > target/surefire-reports/TEST-A.xml
                echo '<testsuite name="B" tests="3" failures="0" errors="0" skipped="0"></testsuite>' > target/surefire-reports/TEST-B.xml
                echo "offline=$1 $2 $3 $4 $5"
                exit 1""");
        BuildReport r = new MavenBuildRunner(mvn.toString(), true).build("m", sources, dir.resolve("work"), Duration.ofSeconds(30));
        assertEquals(BuildReport.FAILED, r.status());
        assertEquals(10, r.testsRun());
        assertEquals(1, r.testsFailed());
        assertEquals(1, r.testsErrored());
        assertEquals(2, r.testsSkipped());
        assertEquals(6, r.testsPassed());
        assertTrue(r.logTail().get(0).contains("-o verify"), r.logTail().toString());
        assertFalse(Files.exists(sources.resolve("target")), "the build runs in its own directory, not in the sources");
    }
}
