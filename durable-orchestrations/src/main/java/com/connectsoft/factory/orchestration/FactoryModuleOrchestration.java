package com.connectsoft.factory.orchestration;

import com.connectsoft.factory.orchestration.Contracts.ApprovalDecision;
import com.connectsoft.factory.orchestration.Contracts.ModuleOutcome;
import com.connectsoft.factory.orchestration.Contracts.ModulePlan;
import com.connectsoft.factory.orchestration.Contracts.StepResult;
import com.microsoft.durabletask.Task;
import com.microsoft.durabletask.TaskCanceledException;
import com.microsoft.durabletask.TaskOrchestration;
import com.microsoft.durabletask.TaskOrchestrationContext;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * One module's branch of a run: render, every governance check at once, the governance gate (Deny stops the branch;
 * RequiresApproval waits for a human's answer until the policy's deadline, and no answer in time is a rejection),
 * then build and test. The branch ends with an outcome instead of failing, so one module's failure stays its own.
 */
public final class FactoryModuleOrchestration implements TaskOrchestration {
    public static final String ALLOW = "Allow";
    public static final String DENY = "Deny";
    public static final String REQUIRES_APPROVAL = "RequiresApproval";

    @Override
    public void run(TaskOrchestrationContext ctx) {
        ModulePlan plan = ctx.getInput(ModulePlan.class);
        Task<String> cancel = ctx.waitForExternalEvent(OrchestrationNames.CANCEL_EVENT, String.class);
        Steps steps = new Steps(ctx, plan.tenantId(), plan.runId(), plan.moduleId(), plan.name(), plan.policy(), cancel);
        ModuleOutcome outcome;
        try {
            outcome = branch(ctx, plan, steps, cancel);
        } catch (Steps.Cancelled c) {
            outcome = new ModuleOutcome(plan.moduleId(), plan.name(), ModuleOutcome.CANCELLED, "cancel", c.getMessage());
        }
        ctx.complete(outcome);
    }

    private static ModuleOutcome branch(TaskOrchestrationContext ctx, ModulePlan plan, Steps steps, Task<String> cancel) {
        StepResult render = steps.one(OrchestrationNames.RENDER, List.of());
        steps.record(OrchestrationNames.RENDER, render, null, null);
        if (render.failedToRun() || !"rendered".equals(render.field("status"))) {
            return failed(plan, OrchestrationNames.RENDER, (render.failedToRun() ? "" : "refused: ") + String.join("; ", render.reasons()));
        }

        List<String> checkSteps = plan.checks().stream().map(OrchestrationNames::checkStep).toList();
        Map<String, StepResult> checks = steps.all(checkSteps, List.of());
        List<String> denials = new ArrayList<>();
        List<String> approvals = new ArrayList<>();
        for (Map.Entry<String, StepResult> c : checks.entrySet()) {
            steps.record(c.getKey(), c.getValue(), null, null);
            String checkId = c.getKey().substring(OrchestrationNames.CHECK_PREFIX.length());
            String decision = c.getValue().failedToRun() ? DENY : c.getValue().field("decision");
            List<String> reasons = c.getValue().reasons().stream().map(r -> checkId + ": " + r).toList();
            if (REQUIRES_APPROVAL.equals(decision)) {
                approvals.addAll(reasons);
            } else if (!ALLOW.equals(decision)) {
                denials.addAll(reasons.isEmpty() ? List.of(checkId + ": " + decision) : reasons);
            }
        }
        if (!denials.isEmpty()) {
            return failed(plan, "governance", "denied: " + String.join("; ", denials));
        }
        if (!approvals.isEmpty()) {
            steps.record(OrchestrationNames.APPROVAL_REQUESTED, null, null, String.join("; ", approvals));
            Task<ApprovalDecision> answer = ctx.waitForExternalEvent(OrchestrationNames.APPROVAL_EVENT, plan.policy().approvalTimeout(),
                    ApprovalDecision.class);
            Steps.awaitUnlessCancelled(ctx, answer, cancel);
            ApprovalDecision decision;
            try {
                decision = answer.await();
            } catch (TaskCanceledException deadlinePassed) {
                decision = ApprovalDecision.expired(plan.policy().approvalTimeout());
            }
            steps.record(OrchestrationNames.APPROVAL, null, decision, null);
            if (!decision.approved()) {
                return failed(plan, "approval", "rejected by " + decision.by() + (decision.comment() == null || decision.comment().isBlank()
                        ? "" : ": " + decision.comment()));
            }
        }

        StepResult build = steps.one(OrchestrationNames.VALIDATE, List.of());
        steps.record(OrchestrationNames.VALIDATE, build, null, null);
        if (build.failedToRun() || !"passed".equals(build.field("status"))) {
            String why = build.field("reason");
            return failed(plan, OrchestrationNames.VALIDATE, build.failedToRun() ? build.failure()
                    : "build " + build.field("status") + (why.isBlank() ? "" : ": " + why));
        }
        return new ModuleOutcome(plan.moduleId(), plan.name(), ModuleOutcome.PASSED, OrchestrationNames.VALIDATE, null);
    }

    private static ModuleOutcome failed(ModulePlan plan, String stage, String reason) {
        return new ModuleOutcome(plan.moduleId(), plan.name(), ModuleOutcome.FAILED, stage, reason);
    }
}
