package com.connectsoft.factory.orchestration;

import java.nio.charset.StandardCharsets;
import java.util.UUID;

/**
 * The names the orchestrations, their activities and the code that talks to them share: orchestration and activity
 * names, external event names, and how instance ids, event names and command eventIds are derived.
 */
public final class OrchestrationNames {
    public static final String FACTORY_RUN = "FactoryRun";
    public static final String FACTORY_MODULE = "FactoryModule";

    /** Publishes a step's command onto the bus (input {@link Contracts.StepRequest}). */
    public static final String DISPATCH_STEP = "DispatchStep";
    /** Records a step's result, an approval or its request on the run record (input {@link Contracts.RecordRequest}). */
    public static final String RECORD_STEP = "RecordStep";
    /** Ends the run record: completed, partially-completed, failed or cancelled (input {@link Contracts.FinishRequest}). */
    public static final String FINISH_RUN = "FinishRun";
    /** Removes what a cancelled run left uncommitted (input {@link Contracts.CompensateRequest}). */
    public static final String COMPENSATE_RUN = "CompensateRun";

    /** Raised on a module instance: a human's answer to RequiresApproval ({@link Contracts.ApprovalDecision}). */
    public static final String APPROVAL_EVENT = "approval";
    /** Raised on a run instance (the run forwards it to its modules): stop and compensate; the data is the reason. */
    public static final String CANCEL_EVENT = "cancel";

    private OrchestrationNames() {
    }

    /** The run's instance id is the run id; each module's is the run id and the module id. */
    public static String runInstance(String runId) {
        return runId;
    }

    public static String moduleInstance(String runId, String moduleId) {
        return runId + ":" + moduleId;
    }

    /** The external event that carries a step's result to the instance waiting for it. */
    public static String resultEvent(com.connectsoft.factory.run.vocabulary.Step step) {
        return "result:" + step.wireName();
    }

    /**
     * The eventId of a step's command: the same instance, step and attempt always give the same id, so an activity
     * that runs again publishes nothing new (the outbox keeps one event per id).
     */
    public static String commandEventId(String instanceId, com.connectsoft.factory.run.vocabulary.Step step, int attempt) {
        return "evt-" + UUID.nameUUIDFromBytes((instanceId + "/" + step.wireName() + "/" + attempt).getBytes(StandardCharsets.UTF_8));
    }
}
