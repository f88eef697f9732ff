package com.connectsoft.extensions.runtime.events.servicebus;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.verify;

import com.azure.messaging.servicebus.ServiceBusMessage;
import com.azure.messaging.servicebus.ServiceBusSenderClient;
import com.connectsoft.extensions.runtime.events.DomainEvent;
import com.connectsoft.extensions.runtime.json.Json;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.mockito.ArgumentCaptor;

class ServiceBusEventPublisherTest {
    @Test
    void eventsBecomeMessagesWithIdSubjectCorrelationAndTenantProperties() {
        ServiceBusSenderClient sender = mock(ServiceBusSenderClient.class);
        DomainEvent event = new DomainEvent("evt-1", "ThingCreated", "tenant-a", "mod-things",
                "0af7651916cd43dd8448eb211c80319c", "corr-1", null, Instant.parse("2025-01-01T00:00:00Z"), 1,
                Json.MAPPER.createObjectNode().put("id", "x"));
        new ServiceBusEventPublisher(sender).publish(event);
        ArgumentCaptor<ServiceBusMessage> sent = ArgumentCaptor.forClass(ServiceBusMessage.class);
        verify(sender).sendMessage(sent.capture());
        ServiceBusMessage m = sent.getValue();
        assertEquals("evt-1", m.getMessageId());
        assertEquals("ThingCreated", m.getSubject());
        assertEquals("corr-1", m.getCorrelationId());
        assertEquals("tenant-a", m.getApplicationProperties().get("cs-tenant-id"));
        assertEquals(1, m.getApplicationProperties().get("cs-schema-version"));
        assertTrue(((String) m.getApplicationProperties().get("traceparent")).startsWith("00-0af7651916cd43dd8448eb211c80319c-"));
        assertTrue(m.getBody().toString().contains("\"tenantId\":\"tenant-a\""));
    }

    @Test
    void theEventsOwnTraceContextIsSentAsTraceparent() {
        ServiceBusSenderClient sender = mock(ServiceBusSenderClient.class);
        String traceparent = "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01";
        DomainEvent event = new DomainEvent("evt-2", "ThingCreated", "tenant-a", "mod-things",
                "0af7651916cd43dd8448eb211c80319c", "corr-1", null, Instant.parse("2025-01-01T00:00:00Z"), 1,
                Json.MAPPER.createObjectNode().put("id", "x"), traceparent);
        new ServiceBusEventPublisher(sender).publish(event);
        ArgumentCaptor<ServiceBusMessage> sent = ArgumentCaptor.forClass(ServiceBusMessage.class);
        verify(sender).sendMessage(sent.capture());
        assertEquals(traceparent, sent.getValue().getApplicationProperties().get("traceparent"));
        assertTrue(sent.getValue().getBody().toString().contains("\"traceparent\":\"" + traceparent + "\""));
    }
}
