package com.connectsoft.factory.orchestration;

import com.connectsoft.factory.orchestration.Contracts.ApprovalDecision;
import com.connectsoft.factory.orchestration.Contracts.ModuleOutcome;
import com.connectsoft.factory.orchestration.Contracts.ModulePlan;
import com.connectsoft.factory.run.vocabulary.BranchStatus;
import com.connectsoft.factory.run.vocabulary.Decision;
import com.connectsoft.factory.run.vocabulary.Step;
import com.connectsoft.factory.run.vocabulary.StepOutcome;
import com.microsoft.durabletask.Task;
import com.microsoft.durabletask.TaskCanceledException;
import com.microsoft.durabletask.TaskOrchestration;
import com.microsoft.durabletask.TaskOrchestrationContext;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * One module's branch of a run: render, every governance check at once, the governance gate (Deny stops the branch;
 * RequiresApproval waits for a human's answer until the policy's deadline, escalating to a second approver group when
 * the policy says so, and no answer in time is a rejection),
 * then build and test. The branch ends with an outcome instead of failing, so one module's failure stays its own.
 */
public final class FactoryModuleOrchestration implements TaskOrchestration {
    @Override
    public void run(TaskOrchestrationContext ctx) {
        ModulePlan plan = ctx.getInput(ModulePlan.class);
        Task<String> cancel = ctx.waitForExternalEvent(OrchestrationNames.CANCEL_EVENT, String.class);
        Steps steps = new Steps(ctx, plan.tenantId(), plan.runId(), plan.moduleId(), plan.name(), plan.policy(), cancel);
        ModuleOutcome outcome;
        try {
            outcome = branch(ctx, plan, steps, cancel);
        } catch (Steps.Cancelled c) {
            outcome = new ModuleOutcome(plan.moduleId(), plan.name(), BranchStatus.CANCELLED, "cancel", c.getMessage());
        }
        ctx.complete(outcome);
    }

    private static ModuleOutcome branch(TaskOrchestrationContext ctx, ModulePlan plan, Steps steps, Task<String> cancel) {
        StepOutcome render = steps.one(Step.RENDER, List.of());
        steps.record(Step.RENDER, render, null, null);
        if (!(render instanceof StepOutcome.Rendered)) {
            return failed(plan, Step.RENDER.wireName(), (render instanceof StepOutcome.NotRun ? "" : "refused: ")
                    + String.join("; ", render.reasons()));
        }

        List<Step> checkSteps = plan.checks().stream().map(Step::check).toList();
        Map<Step, StepOutcome> checks = steps.all(checkSteps, List.of());
        List<String> denials = new ArrayList<>();
        List<String> approvals = new ArrayList<>();
        for (Map.Entry<Step, StepOutcome> c : checks.entrySet()) {
            steps.record(c.getKey(), c.getValue(), null, null);
            String checkId = c.getKey().checkId();
            Decision decision = c.getValue() instanceof StepOutcome.PolicyDecided d && d.decision() != null ? d.decision() : Decision.Deny;
            List<String> reasons = c.getValue().reasons().stream().map(r -> checkId + ": " + r).toList();
            switch (decision) {
                case RequiresApproval -> approvals.addAll(reasons);
                case Deny -> denials.addAll(reasons.isEmpty() ? List.of(checkId + ": " + decision) : reasons);
                case Allow -> {
                }
                default -> throw new IllegalStateException("unhandled decision " + decision);
            }
        }
        if (!denials.isEmpty()) {
            return failed(plan, "governance", "denied: " + String.join("; ", denials));
        }
        if (!approvals.isEmpty()) {
            steps.record(Step.APPROVAL_REQUESTED, null, null, String.join("; ", approvals));
            ApprovalDecision decision = awaitApproval(ctx, plan, steps, cancel);
            steps.record(Step.APPROVAL, null, decision, null);
            if (!decision.approved()) {
                return failed(plan, "approval", "rejected by " + decision.by() + (decision.comment() == null || decision.comment().isBlank()
                        ? "" : ": " + decision.comment()));
            }
        }

        StepOutcome build = steps.one(Step.VALIDATE, List.of());
        steps.record(Step.VALIDATE, build, null, null);
        if (!(build instanceof StepOutcome.Validated v && v.passed())) {
            String why = build instanceof StepOutcome.Validated v ? buildFailure(v) : String.join("; ", build.reasons());
            return failed(plan, Step.VALIDATE.wireName(), why);
        }
        return new ModuleOutcome(plan.moduleId(), plan.name(), BranchStatus.PASSED, Step.VALIDATE.wireName(), null);
    }

    /**
     * A human's answer, or the deadline's. With escalation, nobody answering within the first wait records the
     * escalation to the second approver group, then waits for the rest of the deadline; an answer from either group
     * counts (the same approval event).
     */
    private static ApprovalDecision awaitApproval(TaskOrchestrationContext ctx, ModulePlan plan, Steps steps, Task<String> cancel) {
        java.time.Duration deadline = plan.policy().approvalTimeout();
        java.time.Duration firstWait = plan.policy().escalates() ? plan.policy().escalateAfter() : deadline;
        Task<ApprovalDecision> answer = ctx.waitForExternalEvent(OrchestrationNames.APPROVAL_EVENT, firstWait, ApprovalDecision.class);
        Steps.awaitUnlessCancelled(ctx, answer, cancel);
        try {
            return answer.await();
        } catch (TaskCanceledException nobodyAnswered) {
            if (!plan.policy().escalates()) {
                return ApprovalDecision.expired(deadline);
            }
        }
        steps.record(Step.APPROVAL_ESCALATED, null, null, plan.policy().escalationGroup());
        Task<ApprovalDecision> escalated = ctx.waitForExternalEvent(OrchestrationNames.APPROVAL_EVENT, deadline.minus(firstWait),
                ApprovalDecision.class);
        Steps.awaitUnlessCancelled(ctx, escalated, cancel);
        try {
            return escalated.await();
        } catch (TaskCanceledException deadlinePassed) {
            return ApprovalDecision.expired(deadline);
        }
    }

    /** "build failed: why", said once: a runner's reason often starts with it already (or with "infra/ build failed"). */
    static String buildFailure(StepOutcome.Validated v) {
        String said = "build " + v.status();
        if (v.reason().isBlank()) {
            return said;
        }
        return v.reason().startsWith(said) || v.reason().startsWith("infra/ " + said) ? v.reason() : said + ": " + v.reason();
    }

    private static ModuleOutcome failed(ModulePlan plan, String stage, String reason) {
        return new ModuleOutcome(plan.moduleId(), plan.name(), BranchStatus.FAILED, stage, reason);
    }
}
