package com.connectsoft.factory.shared.domain;

import java.time.Instant;
import java.util.Objects;

/**
 * The canonical event envelope carried by every message and stored event. {@code eventId} is the idempotency
 * key: publishing or handling the same eventId twice has the effect of once. Maps one-to-one onto CloudEvents 1.0.
 */
public record Envelope(
        String eventId,
        String eventType,
        String tenantId,
        String projectId,
        String moduleId,
        String traceId,
        String correlationId,
        String causationId,
        Instant occurredAt,
        int schemaVersion,
        Payload payload) {

    public Envelope {
        Objects.requireNonNull(eventId, "eventId is required");
        Objects.requireNonNull(eventType, "eventType is required");
        Objects.requireNonNull(tenantId, "tenantId is required");
        Objects.requireNonNull(traceId, "traceId is required");
        Objects.requireNonNull(occurredAt, "occurredAt is required");
        Objects.requireNonNull(payload, "payload is required (use an empty object)");
        TenantId.of(tenantId);
        if (!eventId.startsWith("evt-")) {
            throw new IllegalArgumentException("eventId '" + eventId + "' must start with 'evt-'");
        }
    }

    public TenantId tenant() {
        return TenantId.of(tenantId);
    }
}
