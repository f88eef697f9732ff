package com.connectsoft.factory.run.domain;

import com.connectsoft.factory.governance.domain.CheckResult;
import com.connectsoft.factory.run.vocabulary.BuildStatus;
import com.connectsoft.factory.run.vocabulary.GovernanceStatus;
import com.connectsoft.factory.run.vocabulary.RenderStatus;
import java.util.ArrayList;
import java.util.List;

/**
 * What happened to one module in a run, stage by stage: its render, each governance check's result and the overall
 * governance (then a human's answer where one was needed), and its build with why it failed in one line.
 * {@code templateRef} is the template version it is generated with ({@code id@version}), decided when the run opened;
 * null in runs recorded before modules had their own (they use the run's).
 */
public record ModuleResult(String moduleId, String name, String outputDir, RenderStatus render, int files, long lines, long renderMs,
                           String sourceArtifactId, String manifestHash, List<CheckResult> checks, GovernanceStatus governance,
                           List<String> governanceReasons, BuildStatus build, int testsRun, int testsPassed, int testsFailed,
                           long buildMs, String buildArtifactId, String buildReason, String templateRef) {

    public ModuleResult {
        render = render == null ? RenderStatus.PENDING : render;
        governance = governance == null ? GovernanceStatus.PENDING : governance;
        build = build == null ? BuildStatus.PENDING : build;
        checks = checks == null ? List.of() : List.copyOf(checks);
        governanceReasons = governanceReasons == null ? List.of() : List.copyOf(governanceReasons);
        buildReason = buildReason == null ? "" : buildReason;
    }

    public static ModuleResult planned(String moduleId, String name, String outputDir) {
        return planned(moduleId, name, outputDir, null);
    }

    /** A module to be generated with the template version {@code templateRef} ({@code id@version}). */
    public static ModuleResult planned(String moduleId, String name, String outputDir, String templateRef) {
        return new ModuleResult(moduleId, name, outputDir, RenderStatus.PENDING, 0, 0, 0, null, null, List.of(), GovernanceStatus.PENDING,
                List.of(), BuildStatus.PENDING, 0, 0, 0, 0, null, "", templateRef);
    }

    ModuleResult rendered(int fileCount, long lineCount, long ms, String sourceArtifact, String manifest) {
        return new ModuleResult(moduleId, name, outputDir, RenderStatus.RENDERED, fileCount, lineCount, ms, sourceArtifact, manifest, checks,
                governance, governanceReasons, build, testsRun, testsPassed, testsFailed, buildMs, buildArtifactId, buildReason, templateRef);
    }

    /** Refused by the template (or its render never ran): nothing to check or build. */
    ModuleResult refused(List<String> reasons) {
        return new ModuleResult(moduleId, name, outputDir, RenderStatus.REFUSED, 0, 0, 0, null, null, checks, GovernanceStatus.NOT_RENDERED,
                reasons, BuildStatus.SKIPPED, 0, 0, 0, 0, null, "", templateRef);
    }

    ModuleResult withCheck(CheckResult result) {
        List<CheckResult> all = new ArrayList<>(checks);
        all.add(result);
        return new ModuleResult(moduleId, name, outputDir, render, files, lines, renderMs, sourceArtifactId, manifestHash, all,
                governance, governanceReasons, build, testsRun, testsPassed, testsFailed, buildMs, buildArtifactId, buildReason, templateRef);
    }

    ModuleResult withGovernance(GovernanceStatus decision, List<String> reasons) {
        return new ModuleResult(moduleId, name, outputDir, render, files, lines, renderMs, sourceArtifactId, manifestHash, checks,
                decision, reasons, build, testsRun, testsPassed, testsFailed, buildMs, buildArtifactId, buildReason, templateRef);
    }

    ModuleResult withBuild(BuildStatus status, int run, int passed, int failed, long ms, String artifactId, String reason) {
        return new ModuleResult(moduleId, name, outputDir, render, files, lines, renderMs, sourceArtifactId, manifestHash, checks,
                governance, governanceReasons, status, run, passed, failed, ms, artifactId, reason, templateRef);
    }

    ModuleResult skipped() {
        return withBuild(BuildStatus.SKIPPED, 0, 0, 0, 0, null, "");
    }

    public boolean hasCheck(String checkId) {
        return checks.stream().anyMatch(c -> c.checkId().equals(checkId));
    }

    /** Allowed by governance, built, and its tests passed. */
    public boolean succeeded() {
        return governance == GovernanceStatus.ALLOW && build == BuildStatus.PASSED;
    }
}
