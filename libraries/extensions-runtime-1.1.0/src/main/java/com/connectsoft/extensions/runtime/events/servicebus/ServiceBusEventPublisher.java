package com.connectsoft.extensions.runtime.events.servicebus;

import com.connectsoft.extensions.runtime.call.TraceContext;
import com.connectsoft.extensions.runtime.events.DomainEvent;
import com.connectsoft.extensions.runtime.events.EventPublisher;
import com.connectsoft.extensions.runtime.json.Json;

import com.azure.core.util.BinaryData;
import com.azure.messaging.servicebus.ServiceBusMessage;
import com.azure.messaging.servicebus.ServiceBusSenderClient;
import com.fasterxml.jackson.core.JsonProcessingException;
import java.util.Objects;

/**
 * Sends each event to the module's Service Bus topic: messageId = eventId (duplicate detection), subject =
 * eventType, correlationId, and the application properties cs-tenant-id, cs-schema-version and traceparent
 * (the event's own trace context, so consumers continue the caller's trace).
 */
public final class ServiceBusEventPublisher implements EventPublisher {
    private final ServiceBusSenderClient sender;

    public ServiceBusEventPublisher(ServiceBusSenderClient sender) {
        this.sender = Objects.requireNonNull(sender, "sender");
    }

    @Override
    public void publish(DomainEvent event) {
        sender.sendMessage(toMessage(event));
    }

    /** The message of one event (what {@link #publish} sends). */
    public static ServiceBusMessage toMessage(DomainEvent event) {
        byte[] body;
        try {
            body = Json.MAPPER.writeValueAsBytes(event);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialise event " + event.eventId(), e);
        }
        ServiceBusMessage m = new ServiceBusMessage(BinaryData.fromBytes(body));
        m.setMessageId(event.eventId());
        m.setSubject(event.eventType());
        m.setContentType("application/json");
        if (event.correlationId() != null) {
            m.setCorrelationId(event.correlationId());
        }
        m.getApplicationProperties().put("cs-tenant-id", event.tenantId());
        m.getApplicationProperties().put("cs-schema-version", event.schemaVersion());
        m.getApplicationProperties().put("traceparent", event.traceparent() != null ? event.traceparent() : TraceContext.traceparent(event.traceId()));
        return m;
    }
}
