package com.connectsoft.factory.run.application;

import com.connectsoft.factory.orchestration.Contracts.ApprovalDecision;
import com.connectsoft.factory.orchestration.OrchestrationNames;
import com.connectsoft.factory.run.domain.FactoryRun;
import com.connectsoft.factory.run.domain.ModuleResult;
import com.connectsoft.factory.run.domain.Runs;
import com.connectsoft.factory.run.vocabulary.GovernanceStatus;
import com.connectsoft.factory.run.vocabulary.RunStatus;
import com.connectsoft.factory.shared.domain.TenantId;
import java.util.List;

/**
 * Approves or rejects what governance asked a human about in a run: every module that waits gets the answer, raised
 * on its orchestration instance with a dedupe key, so answering twice is one answer.
 */
public final class AnswerApproval {
    private final Runs runs;
    private final RunOrchestrations orchestrations;

    public AnswerApproval(Runs runs, RunOrchestrations orchestrations) {
        this.runs = runs;
        this.orchestrations = orchestrations;
    }

    /**
     * @return the names of the modules answered
     * @throws IllegalArgumentException when the tenant has no such run
     * @throws IllegalStateException    when the run does not wait for an approval
     */
    public List<String> answer(TenantId tenant, String runId, boolean approve, String by, String comment) {
        FactoryRun run = RunLookup.find(runs, tenant, runId);
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
}
