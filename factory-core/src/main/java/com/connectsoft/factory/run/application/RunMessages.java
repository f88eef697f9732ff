package com.connectsoft.factory.run.application;

import com.connectsoft.factory.artifact.application.Lineage;
import com.connectsoft.factory.artifact.domain.Artifact;
import com.connectsoft.factory.platform.json.Json;
import com.connectsoft.factory.run.domain.FactoryRun;
import com.connectsoft.factory.run.domain.RunEvents;
import com.connectsoft.factory.run.domain.StageRecord;
import com.connectsoft.factory.shared.domain.Envelope;
import com.connectsoft.factory.shared.domain.Ids;
import com.connectsoft.factory.usage.domain.UsageRecord;
import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.time.Instant;

/** The events a run publishes, with ids derived from the run and step so that publishing one again is a no-op. */
final class RunMessages {
    private RunMessages() {
    }

    static Envelope event(FactoryRun run, String type, String moduleId, String key, Object payload, String causationId, Instant now) {
        JsonNode body = payload instanceof JsonNode n ? n : Json.toTree(payload);
        return new Envelope(Ids.derived("evt", run.tenantId(), run.runId(), type, key), type, run.tenantId(), run.projectId(),
                moduleId, run.traceId(), run.correlationId(), causationId, now, 1, body);
    }

    static Envelope usage(FactoryRun run, String meter, long quantity, String unit, String key, String causationId, Instant now) {
        UsageRecord u = new UsageRecord(run.tenantId(), Ids.derived("use", run.tenantId(), run.runId(), meter, key), run.runId(),
                run.projectId(), meter, quantity, unit, now);
        return event(run, RunEvents.USAGE_RECORDED, null, meter + "/" + key, u, causationId, now);
    }

    static RunEvents.RunRef ref(FactoryRun run) {
        return new RunEvents.RunRef(run.runId(), run.blueprintId(), run.blueprintVersion(),
                Lineage.artifactId(run.tenantId(), run.runId(), Artifact.BLUEPRINT, "blueprint"), run.templateRef());
    }

    /** A stage that ends now and began when the one before it ended. */
    static StageRecord stage(FactoryRun run, String name, String status, String detail, Instant now) {
        Instant started = run.stages().isEmpty() ? run.createdAt() : run.stages().get(run.stages().size() - 1).endedAt();
        return new StageRecord(name, status, started, now, Math.max(0, Duration.between(started, now).toMillis()), detail);
    }
}
