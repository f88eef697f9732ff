package com.connectsoft.factory.build.application;

import com.connectsoft.factory.build.domain.BuildJobs;
import com.connectsoft.factory.build.domain.BuildReport;
import com.connectsoft.factory.platform.json.Json;
import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Reads a build job's report, which comes from where generated code ran and is treated as untrusted input: bounded in
 * size, a known status, counts that add up, a duration no longer than the job could have run, and bounded texts
 * without control characters. The module name is the factory's, whatever the report says. A report that does not
 * read is a failed build saying so, never an exception: the job answered, and the run should learn why it failed.
 */
public final class BuildJobReports {
    static final int MAX_TEXT = 2000;
    static final int MAX_TAIL_LINES = 40;
    static final int MAX_TAIL_LINE = 1000;
    private static final int MAX_COUNT = 1_000_000;
    private static final java.util.Set<com.connectsoft.factory.run.vocabulary.BuildStatus> STATUSES = java.util.Set.of(
            com.connectsoft.factory.run.vocabulary.BuildStatus.PASSED, com.connectsoft.factory.run.vocabulary.BuildStatus.FAILED,
            com.connectsoft.factory.run.vocabulary.BuildStatus.TIMED_OUT);

    private BuildJobReports() {
    }

    /**
     * @param module  the module the factory asked the job to build
     * @param longest how long the job may have run: a longer duration is cut to this (it is metered as build time)
     */
    public static BuildReport read(byte[] json, String module, Duration longest) {
        if (json.length > BuildJobs.MAX_REPORT_BYTES) {
            return unreadable(module, "it is " + json.length + " bytes, more than " + BuildJobs.MAX_REPORT_BYTES);
        }
        JsonNode n;
        try {
            n = Json.read(new String(json, StandardCharsets.UTF_8));
        } catch (RuntimeException e) {
            return unreadable(module, "it is not JSON");
        }
        if (!n.isObject()) {
            return unreadable(module, "it is not a JSON object");
        }
        com.connectsoft.factory.run.vocabulary.BuildStatus status;
        try {
            status = com.connectsoft.factory.run.vocabulary.BuildStatus.of(n.path("status").asText(""));
        } catch (IllegalArgumentException e) {
            status = null;
        }
        if (status == null || !STATUSES.contains(status)) {
            return unreadable(module, "its status is not one of " + STATUSES);
        }
        int run = count(n, "testsRun");
        int failed = count(n, "testsFailed");
        int errored = count(n, "testsErrored");
        int skipped = count(n, "testsSkipped");
        if (run < 0 || failed < 0 || errored < 0 || skipped < 0 || (long) failed + errored + skipped > run) {
            return unreadable(module, "its test counts are not whole numbers from 0 to " + MAX_COUNT + " that add up");
        }
        if (status == com.connectsoft.factory.run.vocabulary.BuildStatus.PASSED && failed + errored > 0) {
            return unreadable(module, "it says passed with failed tests");
        }
        long duration = n.path("durationMs").canConvertToLong() ? Math.max(0, n.path("durationMs").asLong()) : 0;
        duration = Math.min(duration, longest.toMillis());
        List<String> tail = new ArrayList<>();
        JsonNode lines = n.path("logTail");
        if (lines.isArray()) {
            for (int i = Math.max(0, lines.size() - MAX_TAIL_LINES); i < lines.size(); i++) {
                tail.add(text(lines.get(i).asText(""), MAX_TAIL_LINE));
            }
        }
        return new BuildReport(module, status, run, failed, errored, skipped, duration, text(n.path("command").asText(""), MAX_TEXT),
                text(n.path("reason").asText(""), MAX_TEXT), tail, null);
    }

    private static BuildReport unreadable(String module, String why) {
        return new BuildReport(module, com.connectsoft.factory.run.vocabulary.BuildStatus.FAILED, 0, 0, 0, 0, 0, "", "the build job's report could not be read: " + why,
                List.of(), null);
    }

    private static int count(JsonNode n, String field) {
        JsonNode v = n.path(field);
        if (v.isMissingNode()) {
            return 0;
        }
        if (!v.isIntegralNumber() || !v.canConvertToInt() || v.asInt() > MAX_COUNT) {
            return -1;
        }
        return v.asInt();
    }

    /** At most {@code max} characters, control characters (but tabs) replaced by spaces. */
    static String text(String s, int max) {
        StringBuilder b = new StringBuilder(Math.min(s.length(), max));
        for (int i = 0; i < s.length() && b.length() < max; i++) {
            char ch = s.charAt(i);
            b.append(Character.isISOControl(ch) && ch != '\t' ? ' ' : ch);
        }
        return b.length() < s.length() ? b.append('…').toString() : b.toString();
    }
}
