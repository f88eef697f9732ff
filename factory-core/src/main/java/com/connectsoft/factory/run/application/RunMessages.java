package com.connectsoft.factory.run.application;

import com.connectsoft.factory.capability.Lineage;
import com.connectsoft.factory.artifact.domain.Artifact;
import com.connectsoft.factory.platform.json.Json;
import com.connectsoft.factory.run.domain.FactoryRun;
import com.connectsoft.factory.run.domain.RunEvents;
import com.connectsoft.factory.run.domain.RunFact;
import com.connectsoft.factory.run.vocabulary.RunStatus;
import com.connectsoft.factory.shared.domain.Envelope;
import com.connectsoft.factory.shared.domain.Ids;
import com.connectsoft.factory.usage.domain.UsageRecord;
import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The events a run publishes, with ids derived from the run and the fact so that publishing one again is a no-op. */
final class RunMessages {
    private RunMessages() {
    }

    static Envelope event(FactoryRun run, String type, String moduleId, String key, Object payload, String causationId, Instant now) {
        return new Envelope(Ids.derived("evt", run.tenantId(), run.runId(), type, key), type, run.tenantId(), run.projectId(),
                moduleId, run.traceId(), run.correlationId(), causationId, now, 1, Json.payload(payload));
    }

    static Envelope usage(FactoryRun run, String meter, long quantity, String unit, String key, Instant now) {
        UsageRecord u = new UsageRecord(run.tenantId(), Ids.derived("use", run.tenantId(), run.runId(), meter, key), run.runId(),
                run.projectId(), meter, quantity, unit, now);
        return event(run, RunEvents.USAGE_RECORDED, null, meter + "/" + key, u, null, now);
    }

    /** The events of a transition's facts. */
    static List<Envelope> facts(FactoryRun run, List<RunFact> facts, Instant now) {
        List<Envelope> out = new ArrayList<>();
        for (RunFact f : facts) {
            if (f instanceof RunFact.StageCompleted s) {
                out.add(event(run, RunEvents.STAGE_COMPLETED, null, s.stage().name().key(), s.stage(), null, now));
            } else if (f instanceof RunFact.UsageIncurred u) {
                out.add(usage(run, u.meter(), u.quantity(), u.unit(), u.key(), now));
            } else if (f instanceof RunFact.ApprovalRequested a) {
                out.add(event(run, RunEvents.APPROVAL_REQUESTED, a.moduleId(), a.moduleId(), Map.of("moduleId", a.moduleId(),
                        "reasons", a.reasons()), null, now));
            } else if (f instanceof RunFact.ApprovalAnswered a) {
                out.add(event(run, a.approved() ? RunEvents.APPROVAL_GRANTED : RunEvents.APPROVAL_REJECTED, a.moduleId(), a.moduleId(),
                        Map.of("moduleId", a.moduleId(), "by", a.by(), "comment", a.comment()), null, now));
            } else if (f instanceof RunFact.Compensated c) {
                out.add(event(run, RunEvents.RUN_COMPENSATED, null, "", Map.of("runId", run.runId(), "artifactsRemoved",
                        c.artifactsRemoved(), "summary", c.summary()), null, now));
            } else if (f instanceof RunFact.Ended e) {
                String type = e.status() == RunStatus.COMPLETED || e.status() == RunStatus.PARTIALLY_COMPLETED ? RunEvents.RUN_COMPLETED
                        : e.status() == RunStatus.CANCELLED ? RunEvents.RUN_CANCELLED : RunEvents.RUN_FAILED;
                Map<String, Object> body = new LinkedHashMap<>();
                body.put("runId", run.runId());
                body.put("status", e.status());
                body.put("durationMs", e.durationMs());
                body.put("modules", e.modules().stream().map(m -> Map.of("moduleId", m.moduleId(), "status", m.status(),
                        "stage", m.stage() == null ? "" : m.stage())).toList());
                out.add(event(run, type, null, "", body, null, now));
            }
        }
        return out;
    }

    static RunEvents.RunRef ref(FactoryRun run) {
        return new RunEvents.RunRef(run.runId(), run.blueprintId(), run.blueprintVersion(),
                Lineage.artifactId(run.tenantId(), run.runId(), Artifact.BLUEPRINT, "blueprint"), run.templateRef());
    }
}
