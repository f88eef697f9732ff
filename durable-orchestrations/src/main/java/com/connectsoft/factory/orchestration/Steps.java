package com.connectsoft.factory.orchestration;

import com.connectsoft.factory.orchestration.Contracts.StepRequest;
import com.connectsoft.factory.run.vocabulary.Step;
import com.connectsoft.factory.run.vocabulary.StepOutcome;
import com.microsoft.durabletask.Task;
import com.microsoft.durabletask.TaskCanceledException;
import com.microsoft.durabletask.TaskFailedException;
import com.microsoft.durabletask.TaskOrchestrationContext;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Runs steps of one orchestration instance the same way everywhere: an activity publishes each step's command
 * (eventId from instance, step and attempt), then the instance waits for each result as an external event with the
 * policy's timeout. Steps that time out are sent again after the policy's backoff; after the last attempt they get a
 * failed result. A cancel event stops the wait at once. Steps given together run together (fan-out, fan-in).
 */
final class Steps {
    /** The run was cancelled while a step was running. */
    static final class Cancelled extends RuntimeException {
        Cancelled(String reason) {
            super(reason, null, false, false);
        }
    }

    private final TaskOrchestrationContext ctx;
    private final String tenantId;
    private final String runId;
    private final String moduleId;
    private final String moduleName;
    private final StepPolicy policy;
    private final Task<String> cancel;

    Steps(TaskOrchestrationContext ctx, String tenantId, String runId, String moduleId, String moduleName, StepPolicy policy,
          Task<String> cancel) {
        this.ctx = ctx;
        this.tenantId = tenantId;
        this.runId = runId;
        this.moduleId = moduleId;
        this.moduleName = moduleName;
        this.policy = policy;
        this.cancel = cancel;
    }

    StepOutcome one(Step step, List<String> moduleIds) {
        return all(List.of(step), moduleIds).get(step);
    }

    /** Runs the steps together; every step gets an outcome ({@link StepOutcome.NotRun} when no result ever came). */
    Map<Step, StepOutcome> all(List<Step> steps, List<String> moduleIds) {
        Map<Step, StepOutcome> results = new LinkedHashMap<>();
        List<Step> pending = new ArrayList<>(steps);
        for (int attempt = 1; !pending.isEmpty(); attempt++) {
            List<Task<Void>> dispatched = new ArrayList<>();
            for (Step step : pending) {
                StepRequest request = new StepRequest(tenantId, runId, ctx.getInstanceId(), moduleId, moduleName, step, attempt,
                        OrchestrationNames.commandEventId(ctx.getInstanceId(), step, attempt), moduleIds);
                dispatched.add(ctx.callActivity(OrchestrationNames.DISPATCH_STEP, request, policy.activityOptions(), Void.class));
            }
            List<Step> waiting = new ArrayList<>();
            for (int i = 0; i < pending.size(); i++) {
                try {
                    dispatched.get(i).await();
                    waiting.add(pending.get(i));
                } catch (TaskFailedException e) {
                    results.put(pending.get(i), new StepOutcome.NotRun("its command could not be published: "
                            + e.getErrorDetails().getErrorMessage()));
                }
            }
            List<Task<StepOutcome>> waits = new ArrayList<>();
            for (Step step : waiting) {
                waits.add(ctx.waitForExternalEvent(OrchestrationNames.resultEvent(step), policy.stepTimeout(), StepOutcome.class));
            }
            if (!waits.isEmpty()) {
                awaitUnlessCancelled(ctx, ctx.allOf(waits), cancel);
            }
            List<Step> timedOut = new ArrayList<>();
            for (int i = 0; i < waiting.size(); i++) {
                try {
                    results.put(waiting.get(i), waits.get(i).await());
                } catch (TaskCanceledException e) {
                    timedOut.add(waiting.get(i));
                }
            }
            if (!timedOut.isEmpty() && attempt >= policy.maxAttempts()) {
                for (Step step : timedOut) {
                    results.put(step, new StepOutcome.NotRun("no result after " + attempt + " attempt(s) of "
                            + policy.stepTimeoutSeconds() + " s each"));
                }
                timedOut.clear();
            }
            if (!timedOut.isEmpty()) {
                awaitUnlessCancelled(ctx, ctx.createTimer(policy.backoff(attempt)), cancel);
            }
            pending = timedOut;
        }
        Map<Step, StepOutcome> ordered = new LinkedHashMap<>();
        steps.forEach(s -> ordered.put(s, results.get(s)));
        return ordered;
    }

    /**
     * Waits until {@code work} is done (successfully or not: the caller reads its outcome) or the cancel event came;
     * throws {@link Cancelled} in the second case.
     */
    static void awaitUnlessCancelled(TaskOrchestrationContext ctx, Task<?> work, Task<String> cancel) {
        try {
            ctx.anyOf(work, cancel).await();
        } catch (RuntimeException e) {
            if (!work.isDone() && !cancel.isDone()) {
                throw e; // the engine's signal that the orchestration waits: never swallowed
            }
            // the work ended with a failure or a timeout: the caller reads that outcome from the work itself
        }
        if (cancel.isDone()) {
            throw new Cancelled(cancel.await());
        }
    }

    /** Records a step's outcome (or an approval, or its request) on the run record. */
    void record(Step step, StepOutcome outcome, Contracts.ApprovalDecision approval, String note) {
        ctx.callActivity(OrchestrationNames.RECORD_STEP, new Contracts.RecordRequest(tenantId, runId, moduleId, step, outcome, approval,
                note), policy.activityOptions(), Void.class).await();
    }
}
