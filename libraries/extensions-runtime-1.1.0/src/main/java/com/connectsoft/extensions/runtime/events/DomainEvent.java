package com.connectsoft.extensions.runtime.events;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;

/**
 * The canonical event envelope this service publishes; {@code eventId} is the consumers' idempotency key.
 * {@code traceparent} is the W3C trace context of the request that caused the event (the Functions host's), so a
 * consumer continues that trace; it travels with the event wherever the event is kept before it is sent.
 */
public record DomainEvent(String eventId, String eventType, String tenantId, String moduleId, String traceId,
                          String correlationId, String causationId, Instant occurredAt, int schemaVersion, JsonNode payload,
                          String traceparent) {
    /** An event without a known trace context: publishers start one from {@code traceId}. */
    public DomainEvent(String eventId, String eventType, String tenantId, String moduleId, String traceId,
                       String correlationId, String causationId, Instant occurredAt, int schemaVersion, JsonNode payload) {
        this(eventId, eventType, tenantId, moduleId, traceId, correlationId, causationId, occurredAt, schemaVersion, payload, null);
    }
}
