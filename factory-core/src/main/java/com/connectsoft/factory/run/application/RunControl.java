package com.connectsoft.factory.run.application;

import com.connectsoft.factory.run.vocabulary.GovernanceStatus;
import com.connectsoft.factory.run.vocabulary.RunStatus;
import com.connectsoft.factory.capability.CapabilityRegistry;
import com.connectsoft.factory.orchestration.Contracts.ApprovalDecision;
import com.connectsoft.factory.orchestration.Contracts.PlannedModule;
import com.connectsoft.factory.orchestration.Contracts.RunPlan;
import com.connectsoft.factory.orchestration.OrchestrationNames;
import com.connectsoft.factory.orchestration.StepPolicy;
import com.connectsoft.factory.run.domain.FactoryRun;
import com.connectsoft.factory.run.domain.ModuleResult;
import com.connectsoft.factory.run.domain.Runs;
import com.connectsoft.factory.shared.domain.TenantId;
import java.util.List;

/**
 * What people do to a running run: approve or reject what governance asked a human about, cancel it. Each answer is
 * an event raised on the run's orchestration instances; answering twice is one answer.
 */
public final class RunControl {
    private final Runs runs;
    private final RunOrchestrations orchestrations;

    public RunControl(Runs runs, RunOrchestrations orchestrations) {
        this.runs = runs;
        this.orchestrations = orchestrations;
    }

    /** The plan a run's orchestration starts with: its modules, every governance check, the step policy. */
    public static RunPlan plan(FactoryRun run, List<String> moduleNames, StepPolicy policy) {
        List<PlannedModule> modules = new java.util.ArrayList<>();
        for (int i = 0; i < run.modules().size(); i++) {
            modules.add(new PlannedModule(run.modules().get(i).moduleId(), moduleNames.get(i)));
        }
        return new RunPlan(run.tenantId(), run.runId(), modules, List.copyOf(CapabilityRegistry.GOVERNANCE_CHECKS.keySet()), policy);
    }

    /** Approves (or rejects) every module of the run that waits for approval; returns their names. */
    public List<String> answer(TenantId tenant, String runId, boolean approve, String by, String comment) {
        FactoryRun run = find(tenant, runId);
        if (run.status() != RunStatus.WAITING_FOR_APPROVAL) {
            throw new IllegalStateException("run " + runId + " is " + run.status() + ", not waiting for approval; nothing to "
                    + (approve ? "approve" : "reject"));
        }
        List<ModuleResult> waiting = run.modules().stream().filter(m -> m.governance() == GovernanceStatus.REQUIRES_APPROVAL).toList();
        ApprovalDecision decision = new ApprovalDecision(approve, by, comment);
        for (ModuleResult m : waiting) {
            orchestrations.raise(tenant, OrchestrationNames.moduleInstance(runId, m.moduleId()), OrchestrationNames.APPROVAL_EVENT, decision,
                    "approval:" + runId + ":" + m.moduleId());
        }
        return waiting.stream().map(ModuleResult::name).toList();
    }

    /** Cancels a run that has not ended: its branches stop and what it left uncommitted is removed. */
    public void cancel(TenantId tenant, String runId, String reason) {
        FactoryRun run = find(tenant, runId);
        if (run.terminal()) {
            throw new IllegalStateException("run " + runId + " already ended (" + run.status() + "); nothing to cancel");
        }
        String why = reason == null || reason.isBlank() ? "cancelled by request" : reason;
        orchestrations.raise(tenant, OrchestrationNames.runInstance(runId), OrchestrationNames.CANCEL_EVENT, why, "cancel:" + runId);
        for (ModuleResult m : run.modules()) {
            orchestrations.raise(tenant, OrchestrationNames.moduleInstance(runId, m.moduleId()), OrchestrationNames.CANCEL_EVENT, why,
                    "cancel:" + runId);
        }
    }

    private FactoryRun find(TenantId tenant, String runId) {
        return runs.find(tenant, runId).orElseThrow(() -> new IllegalArgumentException("tenant " + tenant.value() + " has no run " + runId
                + "; ./factory runs --tenant " + tenant.value() + " lists them"));
    }
}
