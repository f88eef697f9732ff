package com.connectsoft.factory.orchestration;

import com.connectsoft.factory.orchestration.Contracts.CompensateRequest;
import com.connectsoft.factory.orchestration.Contracts.Compensation;
import com.connectsoft.factory.orchestration.Contracts.FinishRequest;
import com.connectsoft.factory.orchestration.Contracts.ModuleOutcome;
import com.connectsoft.factory.orchestration.Contracts.ModulePlan;
import com.connectsoft.factory.orchestration.Contracts.PlannedModule;
import com.connectsoft.factory.orchestration.Contracts.RunPlan;
import com.connectsoft.factory.run.vocabulary.BranchStatus;
import com.connectsoft.factory.run.vocabulary.RunStatus;
import com.connectsoft.factory.run.vocabulary.Step;
import com.connectsoft.factory.run.vocabulary.StepOutcome;
import com.microsoft.durabletask.Task;
import com.microsoft.durabletask.TaskFailedException;
import com.microsoft.durabletask.TaskOrchestration;
import com.microsoft.durabletask.TaskOrchestrationContext;
import java.util.ArrayList;
import java.util.List;

/**
 * The factory run: one FactoryModule sub-orchestration per module, fanned out and in; then one commit of every module
 * that passed. All passed: completed. Some: partially-completed, with what failed where. None: failed. A cancel event
 * (raised on the run and on each module instance: Durable Task 1.4.0 cannot replay an orchestration's own sendEvent)
 * stops the branches, compensates (removes what the run recorded but did not commit, and its branch) and ends the run
 * as cancelled. The result is the {@link FinishRequest} the run ended with.
 */
public final class FactoryRunOrchestration implements TaskOrchestration {
    @Override
    public void run(TaskOrchestrationContext ctx) {
        RunPlan plan = ctx.getInput(RunPlan.class);
        Task<String> cancel = ctx.waitForExternalEvent(OrchestrationNames.CANCEL_EVENT, String.class);
        List<Task<ModuleOutcome>> branches = new ArrayList<>();
        for (PlannedModule m : plan.modules()) {
            branches.add(ctx.callSubOrchestrator(OrchestrationNames.FACTORY_MODULE, new ModulePlan(plan.tenantId(), plan.runId(),
                    m.moduleId(), m.name(), plan.checks(), plan.policy()), OrchestrationNames.moduleInstance(plan.runId(), m.moduleId()),
                    ModuleOutcome.class));
        }
        FinishRequest end;
        try {
            Steps.awaitUnlessCancelled(ctx, ctx.allOf(branches), cancel);
            end = publish(ctx, plan, cancel, outcomes(plan, branches));
        } catch (Steps.Cancelled c) {
            end = cancelled(ctx, plan, c.getMessage(), List.of());
        }
        ctx.callActivity(OrchestrationNames.FINISH_RUN, end, plan.policy().activityOptions(), Void.class).await();
        ctx.complete(end);
    }

    private static List<ModuleOutcome> outcomes(RunPlan plan, List<Task<ModuleOutcome>> branches) {
        List<ModuleOutcome> outcomes = new ArrayList<>();
        for (int i = 0; i < branches.size(); i++) {
            PlannedModule m = plan.modules().get(i);
            try {
                outcomes.add(branches.get(i).await());
            } catch (TaskFailedException e) {
                outcomes.add(new ModuleOutcome(m.moduleId(), m.name(), BranchStatus.FAILED, "orchestration",
                        e.getErrorDetails().getErrorMessage()));
            }
        }
        return outcomes;
    }

    private static FinishRequest publish(TaskOrchestrationContext ctx, RunPlan plan, Task<String> cancel, List<ModuleOutcome> outcomes) {
        List<ModuleOutcome> passed = outcomes.stream().filter(ModuleOutcome::passed).toList();
        String failures = String.join("; ", outcomes.stream().filter(o -> !o.passed())
                .map(o -> o.name() + " (" + o.stage() + "): " + o.reason()).toList());
        if (passed.isEmpty()) {
            return new FinishRequest(plan.tenantId(), plan.runId(), RunStatus.FAILED, "no module passed: " + failures, outcomes);
        }
        Steps steps = new Steps(ctx, plan.tenantId(), plan.runId(), null, null, plan.policy(), cancel);
        StepOutcome commit;
        try {
            commit = steps.one(Step.PUBLISH, passed.stream().map(ModuleOutcome::moduleId).toList());
        } catch (Steps.Cancelled c) {
            return cancelled(ctx, plan, c.getMessage(), outcomes);
        }
        steps.record(Step.PUBLISH, commit, null, null);
        if (!(commit instanceof StepOutcome.Committed c) || c.commitId() == null || c.commitId().isBlank()) {
            return new FinishRequest(plan.tenantId(), plan.runId(), RunStatus.FAILED, "publish: "
                    + String.join("; ", commit.reasons()), outcomes);
        }
        if (passed.size() == outcomes.size()) {
            return new FinishRequest(plan.tenantId(), plan.runId(), RunStatus.COMPLETED, null, outcomes);
        }
        return new FinishRequest(plan.tenantId(), plan.runId(), RunStatus.PARTIALLY_COMPLETED, passed.size() + " of "
                + outcomes.size() + " modules committed; not committed: " + failures, outcomes);
    }

    private static FinishRequest cancelled(TaskOrchestrationContext ctx, RunPlan plan, String reason, List<ModuleOutcome> outcomes) {
        Compensation c = ctx.callActivity(OrchestrationNames.COMPENSATE_RUN, new CompensateRequest(plan.tenantId(), plan.runId(), reason),
                plan.policy().activityOptions(), Compensation.class).await();
        return new FinishRequest(plan.tenantId(), plan.runId(), RunStatus.CANCELLED, (reason == null || reason.isBlank()
                ? "cancelled" : "cancelled: " + reason) + "; " + c.summary(), outcomes);
    }
}
