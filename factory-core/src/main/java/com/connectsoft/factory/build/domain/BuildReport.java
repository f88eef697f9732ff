package com.connectsoft.factory.build.domain;

import com.connectsoft.factory.run.vocabulary.BuildStatus;
import java.util.List;

/**
 * The outcome of building and testing one generated module: its status, its test counts, why it failed in one line
 * ({@code reason}, empty when it passed), the last lines of the failing step's log, and the whole log's content hash
 * ({@code logHash}, when the log was kept).
 */
public record BuildReport(String module, BuildStatus status, int testsRun, int testsFailed, int testsErrored, int testsSkipped,
                          long durationMs, String command, String reason, List<String> logTail, String logHash) {
    public BuildReport {
        reason = reason == null ? "" : reason;
        logTail = logTail == null ? List.of() : List.copyOf(logTail);
    }

    public int testsPassed() {
        return testsRun - testsFailed - testsErrored - testsSkipped;
    }

    public boolean passed() {
        return status == BuildStatus.PASSED;
    }

    /** The same report, its whole log kept under {@code hash}. */
    public BuildReport withLogHash(String hash) {
        return new BuildReport(module, status, testsRun, testsFailed, testsErrored, testsSkipped, durationMs, command, reason, logTail, hash);
    }
}
