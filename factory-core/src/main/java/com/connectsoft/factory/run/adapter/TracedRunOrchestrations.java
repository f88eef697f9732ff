package com.connectsoft.factory.run.adapter;

import com.connectsoft.factory.orchestration.Contracts.RunPlan;
import com.connectsoft.factory.platform.telemetry.Tracing;
import com.connectsoft.factory.run.application.RunOrchestrations;
import com.connectsoft.factory.run.domain.RunJournal;
import com.connectsoft.factory.shared.domain.TenantId;
import java.util.Objects;

/**
 * Starting a run's orchestration also records the run's own span (its id derived from the runId), under the request
 * that started the run: every activity of the run hangs under it, wherever it runs (activities find the span by its
 * derived id, so they may start before it is exported). A start that fails records no span. Otherwise the orchestrations
 * it wraps; a run started again (its orchestration was missing after a crash) records its span again, with the same id.
 */
public final class TracedRunOrchestrations implements RunOrchestrations {
    private final RunOrchestrations orchestrations;
    private final RunJournal journal;
    private final Tracing tracing;

    public TracedRunOrchestrations(RunOrchestrations orchestrations, RunJournal journal, Tracing tracing) {
        this.orchestrations = Objects.requireNonNull(orchestrations, "orchestrations");
        this.journal = Objects.requireNonNull(journal, "journal");
        this.tracing = Objects.requireNonNull(tracing, "tracing");
    }

    @Override
    public void start(TenantId tenant, RunPlan plan) {
        orchestrations.start(tenant, plan);
        if (tracing.enabled()) {
            journal.load(tenant, plan.runId()).ifPresent(v -> tracing.runStarted(tenant.value(), plan.runId(), v.run().traceId(),
                    plan.modules().size()));
        }
    }

    @Override
    public boolean raise(TenantId tenant, String instanceId, String eventName, Object data, String dedupeKey) {
        return orchestrations.raise(tenant, instanceId, eventName, data, dedupeKey);
    }
}
