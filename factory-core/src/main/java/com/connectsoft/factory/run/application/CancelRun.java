package com.connectsoft.factory.run.application;

import com.connectsoft.factory.orchestration.OrchestrationNames;
import com.connectsoft.factory.run.domain.FactoryRun;
import com.connectsoft.factory.run.domain.ModuleResult;
import com.connectsoft.factory.run.domain.Runs;
import com.connectsoft.factory.shared.domain.TenantId;

/**
 * Cancels a run that has not ended: the cancel event is raised on the run and on each module's instance (their
 * branches stop), and the run compensates what it left uncommitted. Cancelling twice is one cancellation.
 */
public final class CancelRun {
    private final Runs runs;
    private final RunOrchestrations orchestrations;

    public CancelRun(Runs runs, RunOrchestrations orchestrations) {
        this.runs = runs;
        this.orchestrations = orchestrations;
    }

    /**
     * @throws IllegalArgumentException when the tenant has no such run
     * @throws IllegalStateException    when the run already ended
     */
    public void cancel(TenantId tenant, String runId, String reason) {
        FactoryRun run = RunLookup.find(runs, tenant, runId);
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
}
