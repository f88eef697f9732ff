package com.connectsoft.factory.run.domain;

import java.util.List;

/** What happened to one module in a run. */
public record ModuleResult(String moduleId, String name, String outputDir, int files, long lines, long renderMs,
                           String governance, List<String> governanceReasons, String build, int testsRun, int testsPassed,
                           int testsFailed, long buildMs) {
    public ModuleResult {
        governanceReasons = List.copyOf(governanceReasons);
    }

    public ModuleResult withGovernance(String decision, List<String> reasons) {
        return new ModuleResult(moduleId, name, outputDir, files, lines, renderMs, decision, reasons, build, testsRun,
                testsPassed, testsFailed, buildMs);
    }

    public ModuleResult withBuild(String status, int run, int passed, int failed, long ms) {
        return new ModuleResult(moduleId, name, outputDir, files, lines, renderMs, governance, governanceReasons, status,
                run, passed, failed, ms);
    }

    public boolean succeeded() {
        return "Allow".equals(governance) && "passed".equals(build);
    }
}
