package com.connectsoft.factory.build.application;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.connectsoft.factory.build.domain.BuildReport;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A build job's report is untrusted: bounded, checked, the module the factory's; a bad one is a failed build saying why. */
class BuildJobReportsTest {
    private static BuildReport read(String json) {
        return BuildJobReports.read(json.getBytes(StandardCharsets.UTF_8), "billing", Duration.ofMinutes(15));
    }

    @Test
    void aGoodReportIsKeptWithTheFactorysModuleName() {
        BuildReport r = read("{\"module\":\"someone-else\",\"status\":\"failed\",\"testsRun\":10,\"testsFailed\":2,\"testsErrored\":1,"
                + "\"testsSkipped\":1,\"durationMs\":1234,\"command\":\"mvn -o verify\",\"reason\":\"build failed: 3 of 10 tests\","
                + "\"logTail\":[\"a\",\"b\"],\"logHash\":\"sha256:forged\"}");
        assertEquals(new BuildReport("billing", com.connectsoft.factory.run.vocabulary.BuildStatus.FAILED, 10, 2, 1, 1, 1234, "mvn -o verify", "build failed: 3 of 10 tests", List.of("a", "b"),
                null), r);
    }

    @Test
    void whatDoesNotAddUpIsAFailedBuildSayingWhy() {
        assertUnreadable("not json", "not JSON");
        assertUnreadable("[]", "not a JSON object");
        assertUnreadable("{\"status\":\"green\"}", "status");
        assertUnreadable("{\"status\":\"passed\",\"testsRun\":1,\"testsFailed\":2}", "add up");
        assertUnreadable("{\"status\":\"passed\",\"testsRun\":-1}", "add up");
        assertUnreadable("{\"status\":\"passed\",\"testsRun\":\"10\"}", "add up");
        assertUnreadable("{\"status\":\"passed\",\"testsRun\":10,\"testsFailed\":1}", "passed with failed tests");
        assertUnreadable("{\"status\":\"passed\",\"testsRun\":10,\"reason\":\"" + "x".repeat(300_000) + "\"}", "more than");
    }

    @Test
    void textsAreBoundedAndDurationsCannotExceedTheJobsTime() {
        String line = "y".repeat(2000);
        StringBuilder tail = new StringBuilder("[");
        for (int i = 0; i < 100; i++) {
            tail.append(i == 0 ? "" : ",").append('"').append(i).append(line).append('"');
        }
        BuildReport r = read("{\"status\":\"timed-out\",\"testsRun\":0,\"durationMs\":999999999999,\"reason\":\"a\\u001b[31mb\\nc"
                + "x".repeat(5000) + "\",\"logTail\":" + tail + "]}");
        assertEquals(Duration.ofMinutes(15).toMillis(), r.durationMs(), "metered as build time: cut to what the job could run");
        assertEquals(BuildJobReports.MAX_TAIL_LINES, r.logTail().size());
        assertTrue(r.logTail().get(0).startsWith("60y"), "the last lines are kept");
        assertTrue(r.logTail().stream().allMatch(l -> l.length() <= BuildJobReports.MAX_TAIL_LINE + 1));
        assertTrue(r.reason().length() <= BuildJobReports.MAX_TEXT + 1);
        assertTrue(r.reason().startsWith("a [31mb c"), r.reason().substring(0, 20));
    }

    private static void assertUnreadable(String json, String why) {
        BuildReport r = read(json);
        assertEquals(com.connectsoft.factory.run.vocabulary.BuildStatus.FAILED, r.status());
        assertTrue(r.reason().startsWith("the build job's report could not be read: "), r.reason());
        assertTrue(r.reason().contains(why), r.reason());
        assertEquals("billing", r.module());
    }
}
