package com.connectsoft.factory.run.domain;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * One factory run: intent in, modules out. Status is running, waiting-for-approval, completed, partially-completed
 * (some modules committed, the others failed), failed or cancelled.
 */
@com.fasterxml.jackson.annotation.JsonIgnoreProperties(ignoreUnknown = true)
public record FactoryRun(
        String tenantId,
        String runId,
        String projectId,
        String productName,
        String blueprintId,
        int blueprintVersion,
        String templateRef,
        String traceId,
        String correlationId,
        String status,
        List<StageRecord> stages,
        List<ModuleResult> modules,
        String branch,
        String commitId,
        String outputDir,
        String failure,
        Instant createdAt,
        Instant updatedAt) {

    public static final String RUNNING = "running";
    public static final String COMPLETED = "completed";
    public static final String FAILED = "failed";
    public static final String WAITING_FOR_APPROVAL = "waiting-for-approval";
    public static final String PARTIALLY_COMPLETED = "partially-completed";
    public static final String CANCELLED = "cancelled";

    public FactoryRun {
        stages = List.copyOf(stages);
        modules = List.copyOf(modules);
    }

    public FactoryRun withStage(StageRecord stage, Instant now) {
        List<StageRecord> s = new ArrayList<>(stages);
        s.add(stage);
        return new FactoryRun(tenantId, runId, projectId, productName, blueprintId, blueprintVersion, templateRef, traceId, correlationId,
                status, s, modules, branch, commitId, outputDir, failure, createdAt, now);
    }

    public boolean hasStage(String name) {
        return stages.stream().anyMatch(s -> s.name().equals(name));
    }

    /** Ended: completed, partially-completed, failed or cancelled. */
    public boolean terminal() {
        return !RUNNING.equals(status) && !WAITING_FOR_APPROVAL.equals(status);
    }

    public FactoryRun withStatus(String newStatus, Instant now) {
        return new FactoryRun(tenantId, runId, projectId, productName, blueprintId, blueprintVersion, templateRef, traceId, correlationId,
                newStatus, stages, modules, branch, commitId, outputDir, failure, createdAt, now);
    }

    public java.util.Optional<ModuleResult> module(String moduleId) {
        return modules.stream().filter(m -> m.moduleId().equals(moduleId)).findFirst();
    }

    /** The run with one module replaced (matched by moduleId). */
    public FactoryRun withModule(ModuleResult m, Instant now) {
        return withModules(modules.stream().map(x -> x.moduleId().equals(m.moduleId()) ? m : x).toList(), now);
    }

    public FactoryRun withModules(List<ModuleResult> m, Instant now) {
        return new FactoryRun(tenantId, runId, projectId, productName, blueprintId, blueprintVersion, templateRef, traceId, correlationId,
                status, stages, m, branch, commitId, outputDir, failure, createdAt, now);
    }

    public FactoryRun withCommit(String branchName, String commit, Instant now) {
        return new FactoryRun(tenantId, runId, projectId, productName, blueprintId, blueprintVersion, templateRef, traceId, correlationId,
                status, stages, modules, branchName, commit, outputDir, failure, createdAt, now);
    }

    public FactoryRun finished(String finalStatus, String why, Instant now) {
        return new FactoryRun(tenantId, runId, projectId, productName, blueprintId, blueprintVersion, templateRef, traceId, correlationId,
                finalStatus, stages, modules, branch, commitId, outputDir, why, createdAt, now);
    }
}
