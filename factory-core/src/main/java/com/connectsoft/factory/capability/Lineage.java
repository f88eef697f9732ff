package com.connectsoft.factory.capability;

import com.connectsoft.factory.artifact.domain.Artifact;
import com.connectsoft.factory.platform.bus.PoisonEventException;
import com.connectsoft.factory.platform.content.ContentRef;
import com.connectsoft.factory.platform.json.Json;
import com.connectsoft.factory.shared.domain.Envelope;
import com.connectsoft.factory.shared.domain.Ids;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * How a capability answers a command: artifacts with ids derived from the run and step (so a redelivered command
 * finds the artifact it made the first time), and result events whose ids derive from the command's eventId (so
 * a result sent twice is deduplicated by the bus).
 */
public final class Lineage {
    public static final String AGENT = "ConnectSoft.Agent.MicroserviceGenerator";

    private Lineage() {
    }

    public static String artifactId(String tenantId, String runId, String type, String key) {
        return Ids.derived("art", tenantId, runId, type, key);
    }

    /** An artifact produced while handling {@code command}, in the command's tenant, project, module and trace. */
    public static Artifact artifact(Envelope command, String runId, String blueprintId, String type, String name, String key,
                                    ContentRef ref, List<String> inputs, String skill, String status, Instant now) {
        return new Artifact(command.tenantId(), artifactId(command.tenantId(), runId, type, key), type, name, command.projectId(),
                command.moduleId(), runId, "1.0.0", ref.contentHash(), AGENT, skill, command.traceId(), blueprintId, inputs,
                ref.storageRef(), "Internal", status, now);
    }

    /** The result of {@code command}: same tenant, project, module, trace and correlation; caused by the command. */
    public static Envelope reply(Envelope command, String eventType, Object payload, Instant now) {
        return new Envelope(Ids.derived("evt", command.eventId(), eventType), eventType, command.tenantId(), command.projectId(),
                command.moduleId(), command.traceId(), command.correlationId(), command.eventId(), now, 1, Json.payload(payload));
    }

    /** The ArtifactCreated event of an artifact made while handling {@code command}. */
    public static Envelope created(Envelope command, Artifact a, Instant now) {
        return new Envelope(Ids.derived("evt", a.tenantId(), a.runId(), "ArtifactCreated", a.artifactId()), "ArtifactCreated",
                command.tenantId(), command.projectId(), a.moduleId(), command.traceId(), command.correlationId(), command.eventId(),
                now, 1, Json.payload(Map.of("artifactId", a.artifactId(), "artifactType", a.artifactType(), "contentHash", a.contentHash())));
    }

    /** The JSON bytes an earlier delivery recorded for {@code artifact}, read back (a redelivered command answers from them). */
    public static com.fasterxml.jackson.databind.JsonNode recorded(com.connectsoft.factory.platform.content.ContentStore content,
                                                                  com.connectsoft.factory.shared.domain.TenantId tenant, Artifact artifact) {
        byte[] bytes = content.get(tenant, artifact.contentHash()).orElseThrow(() -> new ModuleSources.MissingSources(
                artifact.artifactType() + " " + artifact.artifactId() + " is recorded but its bytes " + artifact.contentHash() + " are missing"));
        return Json.read(new String(bytes, java.nio.charset.StandardCharsets.UTF_8));
    }

    /** Reads a command's payload; a payload that does not fit can never succeed, so it is poison (dead-lettered at once). */
    public static <T> T payload(Envelope command, Class<T> type) {
        try {
            T value = Json.fromPayload(command.payload(), type);
            if (value == null) {
                throw new IllegalStateException("empty payload");
            }
            return value;
        } catch (RuntimeException e) {
            throw new PoisonEventException(command.eventType() + " " + command.eventId() + ": payload is not a "
                    + type.getSimpleName() + ": " + e.getMessage());
        }
    }
}
