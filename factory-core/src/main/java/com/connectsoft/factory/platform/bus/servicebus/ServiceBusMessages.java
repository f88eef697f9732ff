package com.connectsoft.factory.platform.bus.servicebus;

import com.azure.core.util.BinaryData;
import com.azure.messaging.servicebus.ServiceBusMessage;
import com.azure.messaging.servicebus.ServiceBusReceivedMessage;
import com.connectsoft.factory.platform.bus.PoisonEventException;
import com.connectsoft.factory.platform.json.Json;
import com.connectsoft.factory.shared.domain.Envelope;
import com.connectsoft.factory.shared.domain.Hashing;
import com.connectsoft.factory.shared.domain.TraceIds;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * Envelope ⇄ Service Bus message. The body is the envelope as JSON; {@code messageId} is the eventId (so the
 * topic's duplicate detection drops a second send), {@code subject} the eventType (what subscription filters match),
 * {@code correlationId} the run's correlation id; application properties carry the tenant, the schema version and
 * a W3C {@code traceparent} (also as {@code Diagnostic-Id}, which the Service Bus SDK and Azure Functions read): the
 * publisher's span when the envelope carries one, else one derived from the run's trace, so every hop of one run shares
 * one trace. A received message whose envelope names no publisher span takes it from {@code traceparent}, else from
 * {@code Diagnostic-Id} (what other Azure SDK senders set).
 */
public final class ServiceBusMessages {
    public static final String TENANT = "cs-tenant-id";
    public static final String SCHEMA_VERSION = "cs-schema-version";
    public static final String TRACEPARENT = "traceparent";
    public static final String DIAGNOSTIC_ID = "Diagnostic-Id";

    private ServiceBusMessages() {
    }

    public static ServiceBusMessage toMessage(Envelope event) {
        ServiceBusMessage m = new ServiceBusMessage(BinaryData.fromBytes(Json.write(event).getBytes(StandardCharsets.UTF_8)));
        m.setMessageId(event.eventId());
        m.setSubject(event.eventType());
        m.setContentType("application/json");
        if (event.correlationId() != null) {
            m.setCorrelationId(event.correlationId());
        }
        m.getApplicationProperties().put(TENANT, event.tenantId());
        m.getApplicationProperties().put(SCHEMA_VERSION, event.schemaVersion());
        String traceparent = event.traceparent() != null ? event.traceparent() : traceparent(event);
        m.getApplicationProperties().put(TRACEPARENT, traceparent);
        m.getApplicationProperties().put(DIAGNOSTIC_ID, traceparent);
        return m;
    }

    /** {@code 00-<trace id>-<span id>-01}: the run's W3C trace id, the span id from the eventId (no publisher span known). */
    public static String traceparent(Envelope event) {
        return "00-" + TraceIds.w3c(event.traceId()) + "-" + Hashing.sha256Hex(event.eventId()).substring(0, 16) + "-01";
    }

    public static Envelope fromMessage(ServiceBusReceivedMessage message) {
        return fromBody(message.getBody().toString(), message.getMessageId(), message.getSubject(), message.getApplicationProperties());
    }

    /**
     * Reads a delivered message (as the SDK gives it, or as a Functions trigger gives body and metadata). A body that
     * is not an envelope, or whose envelope disagrees with the message's id, subject or tenant property, can never
     * be handled: it is poison.
     */
    public static Envelope fromBody(String body, String messageId, String subject, Map<String, Object> properties) {
        Envelope e;
        try {
            e = Json.mapper().readValue(body, Envelope.class);
        } catch (Exception ex) {
            throw new PoisonEventException("message " + messageId + " is not an event envelope: " + firstLine(ex.getMessage()));
        }
        if (e == null) {
            throw new PoisonEventException("message " + messageId + " has an empty body");
        }
        if (messageId != null && !messageId.equals(e.eventId())) {
            throw new PoisonEventException("message " + messageId + " carries event " + e.eventId() + "; messageId must be the eventId");
        }
        if (subject != null && !subject.equals(e.eventType())) {
            throw new PoisonEventException("message " + messageId + " has subject " + subject + " but carries a " + e.eventType());
        }
        Object tenant = properties == null ? null : properties.get(TENANT);
        if (tenant != null && !tenant.toString().equals(e.tenantId())) {
            throw new PoisonEventException("message " + messageId + " is marked for tenant " + tenant + " but carries tenant " + e.tenantId()
                    + "'s event");
        }
        return e.traceparent() != null ? e : publisherSpan(e, properties);
    }

    /**
     * The envelope with the publisher span a message names in {@code traceparent} or else {@code Diagnostic-Id}, when that
     * is in the envelope's trace (a span of another trace cannot be this run's parent; it is ignored), and is not the one
     * {@link #toMessage} derives when no span published the event (it names no span).
     */
    private static Envelope publisherSpan(Envelope e, Map<String, Object> properties) {
        if (properties == null) {
            return e;
        }
        for (String key : new String[] {TRACEPARENT, DIAGNOSTIC_ID}) {
            Object value = properties.get(key);
            if (value != null && TraceIds.isTraceparent(value.toString()) && !value.toString().equals(traceparent(e))
                    && value.toString().substring(3, 35).equals(TraceIds.w3c(e.traceId()))) {
                return e.withTraceparent(value.toString());
            }
        }
        return e;
    }

    private static String firstLine(String s) {
        if (s == null) {
            return "";
        }
        int nl = s.indexOf('\n');
        return nl < 0 ? s : s.substring(0, nl);
    }
}
