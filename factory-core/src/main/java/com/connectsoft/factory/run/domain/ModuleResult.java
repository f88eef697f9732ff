package com.connectsoft.factory.run.domain;

import com.connectsoft.factory.governance.domain.CheckResult;
import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.util.ArrayList;
import java.util.List;

/**
 * What happened to one module in a run, stage by stage: render ({@code pending}, {@code rendered}, {@code refused}),
 * each governance check's result and the overall decision ({@code pending}, Allow, Deny, RequiresApproval,
 * NotRendered), and the build ({@code pending}, passed, failed, timed-out, skipped) with why it failed in one line.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record ModuleResult(String moduleId, String name, String outputDir, String render, int files, long lines, long renderMs,
                           String sourceArtifactId, String manifestHash, List<CheckResult> checks, String governance,
                           List<String> governanceReasons, String build, int testsRun, int testsPassed, int testsFailed,
                           long buildMs, String buildArtifactId, String buildReason) {
    public static final String PENDING = "pending";
    /** The governance decision of a module a human (or the approval deadline) rejected. */
    public static final String REJECTED = "Rejected";

    public ModuleResult {
        render = render == null ? PENDING : render;
        governance = governance == null ? PENDING : governance;
        build = build == null ? PENDING : build;
        checks = checks == null ? List.of() : List.copyOf(checks);
        governanceReasons = governanceReasons == null ? List.of() : List.copyOf(governanceReasons);
        buildReason = buildReason == null ? "" : buildReason;
    }

    public static ModuleResult planned(String moduleId, String name, String outputDir) {
        return new ModuleResult(moduleId, name, outputDir, PENDING, 0, 0, 0, null, null, List.of(), PENDING, List.of(), PENDING,
                0, 0, 0, 0, null, "");
    }

    public ModuleResult rendered(int fileCount, long lineCount, long ms, String sourceArtifact, String manifest) {
        return new ModuleResult(moduleId, name, outputDir, "rendered", fileCount, lineCount, ms, sourceArtifact, manifest, checks,
                governance, governanceReasons, build, testsRun, testsPassed, testsFailed, buildMs, buildArtifactId, buildReason);
    }

    /** Refused by the template: nothing to check or build. */
    public ModuleResult refused(List<String> reasons) {
        return new ModuleResult(moduleId, name, outputDir, "refused", 0, 0, 0, null, null, checks, "NotRendered", reasons,
                "skipped", 0, 0, 0, 0, null, "");
    }

    public ModuleResult withCheck(CheckResult result) {
        List<CheckResult> all = new ArrayList<>(checks);
        all.add(result);
        return new ModuleResult(moduleId, name, outputDir, render, files, lines, renderMs, sourceArtifactId, manifestHash, all,
                governance, governanceReasons, build, testsRun, testsPassed, testsFailed, buildMs, buildArtifactId, buildReason);
    }

    public ModuleResult withGovernance(String decision, List<String> reasons) {
        return new ModuleResult(moduleId, name, outputDir, render, files, lines, renderMs, sourceArtifactId, manifestHash, checks,
                decision, reasons, build, testsRun, testsPassed, testsFailed, buildMs, buildArtifactId, buildReason);
    }

    public ModuleResult withBuild(String status, int run, int passed, int failed, long ms, String artifactId, String reason) {
        return new ModuleResult(moduleId, name, outputDir, render, files, lines, renderMs, sourceArtifactId, manifestHash, checks,
                governance, governanceReasons, status, run, passed, failed, ms, artifactId, reason);
    }

    public boolean hasCheck(String checkId) {
        return checks.stream().anyMatch(c -> c.checkId().equals(checkId));
    }

    @JsonIgnore
    public boolean succeeded() {
        return "Allow".equals(governance) && "passed".equals(build);
    }
}
