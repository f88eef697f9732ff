package com.connectsoft.factory.build.domain;

import java.util.List;

/** The outcome of building and testing one generated module. */
public record BuildReport(String module, String status, int testsRun, int testsFailed, int testsErrored, int testsSkipped,
                          long durationMs, String command, List<String> logTail) {
    public static final String PASSED = "passed";
    public static final String FAILED = "failed";
    public static final String TIMED_OUT = "timed-out";

    public BuildReport {
        logTail = List.copyOf(logTail);
    }

    public int testsPassed() {
        return testsRun - testsFailed - testsErrored - testsSkipped;
    }
}
