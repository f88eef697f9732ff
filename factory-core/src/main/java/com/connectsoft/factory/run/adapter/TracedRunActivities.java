package com.connectsoft.factory.run.adapter;

import com.connectsoft.factory.orchestration.Contracts.CompensateRequest;
import com.connectsoft.factory.orchestration.Contracts.Compensation;
import com.connectsoft.factory.orchestration.Contracts.FinishRequest;
import com.connectsoft.factory.orchestration.Contracts.RecordRequest;
import com.connectsoft.factory.orchestration.Contracts.StepRequest;
import com.connectsoft.factory.orchestration.FactoryActivities;
import com.connectsoft.factory.orchestration.OrchestrationNames;
import com.connectsoft.factory.platform.telemetry.Tracing;
import com.connectsoft.factory.platform.telemetry.Tracing.Attr;
import com.connectsoft.factory.run.domain.RunJournal;
import com.connectsoft.factory.shared.domain.TenantId;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.common.AttributesBuilder;
import java.util.Objects;
import java.util.Optional;

/**
 * The run's activities, each call a span ({@code activity <name>}) under the run's own span, in the run's trace: the
 * orchestration calls them on threads (or hosts) that know nothing of the request that started the run. Same idempotency
 * as the activities it wraps; a run another tenant owns is never read (the run is loaded in the request's tenant).
 */
public final class TracedRunActivities implements FactoryActivities {
    private final FactoryActivities activities;
    private final RunJournal journal;
    private final Tracing tracing;

    public TracedRunActivities(FactoryActivities activities, RunJournal journal, Tracing tracing) {
        this.activities = Objects.requireNonNull(activities, "activities");
        this.journal = Objects.requireNonNull(journal, "journal");
        this.tracing = Objects.requireNonNull(tracing, "tracing");
    }

    @Override
    public void dispatch(StepRequest r) {
        traced(OrchestrationNames.DISPATCH_STEP, r.tenantId(), r.runId(), attrs(r.moduleId()).put(Attr.STEP, r.step().toString())
                .put(Attr.ATTEMPT, (long) r.attempt()).put(Attr.MESSAGE_ID, r.eventId()), () -> {
            activities.dispatch(r);
            return null;
        });
    }

    @Override
    public void record(RecordRequest r) {
        traced(OrchestrationNames.RECORD_STEP, r.tenantId(), r.runId(), attrs(r.moduleId()).put(Attr.STEP, r.step().toString()), () -> {
            activities.record(r);
            return null;
        });
    }

    @Override
    public void finish(FinishRequest r) {
        traced(OrchestrationNames.FINISH_RUN, r.tenantId(), r.runId(), attrs(null).put(Attr.STATUS, r.status().toString())
                .put(Attr.COUNT, (long) r.modules().size()), () -> {
            activities.finish(r);
            return null;
        });
    }

    @Override
    public Compensation compensate(CompensateRequest r) {
        return traced(OrchestrationNames.COMPENSATE_RUN, r.tenantId(), r.runId(), attrs(null), () -> activities.compensate(r));
    }

    private static AttributesBuilder attrs(String moduleId) {
        AttributesBuilder a = Attributes.builder();
        if (moduleId != null) {
            a.put(Attr.MODULE, moduleId);
        }
        return a;
    }

    private <T> T traced(String activity, String tenantId, String runId, AttributesBuilder attributes, Tracing.Work<T> work) {
        try {
            if (!tracing.enabled()) {
                return work.run();
            }
            Optional<String> traceId = journal.load(TenantId.of(tenantId), runId).map(v -> v.run().traceId());
            return tracing.inSpan("activity " + activity, traceId.map(t -> tracing.runContext(t, runId)).orElse(null),
                    attributes.put(Attr.TENANT, tenantId).put(Attr.RUN, runId).build(), work);
        } catch (RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException("activity " + activity + " of run " + runId + " failed", e);
        }
    }
}
