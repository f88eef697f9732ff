package com.connectsoft.factory.shared.domain;

import java.time.Instant;
import java.util.Objects;

/**
 * The canonical event envelope carried by every message and stored event. {@code eventId} is the idempotency
 * key: publishing or handling the same eventId twice has the effect of once. Maps one-to-one onto CloudEvents 1.0.
 * {@code traceparent} (W3C Trace Context, optional) names the span that published it: set by the bus when traces are
 * on, it is how a consumer's span joins the publisher's trace; its trace id is {@link TraceIds#w3c(String) traceId}'s.
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
        Payload payload,
        String traceparent) {

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
        if (traceparent != null && !TraceIds.isTraceparent(traceparent)) {
            traceparent = null; // a malformed one (from outside) is dropped: the consumer then starts from the run's trace
        }
    }

    /** An envelope not (yet) published from a span. */
    public Envelope(String eventId, String eventType, String tenantId, String projectId, String moduleId, String traceId,
                    String correlationId, String causationId, Instant occurredAt, int schemaVersion, Payload payload) {
        this(eventId, eventType, tenantId, projectId, moduleId, traceId, correlationId, causationId, occurredAt, schemaVersion, payload,
                null);
    }

    /** The same event, published from the span {@code traceparent} names. */
    public Envelope withTraceparent(String traceparent) {
        return new Envelope(eventId, eventType, tenantId, projectId, moduleId, traceId, correlationId, causationId, occurredAt,
                schemaVersion, payload, traceparent);
    }

    public TenantId tenant() {
        return TenantId.of(tenantId);
    }
}
