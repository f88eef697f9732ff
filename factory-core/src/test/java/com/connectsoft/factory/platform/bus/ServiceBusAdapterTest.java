package com.connectsoft.factory.platform.bus;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import com.azure.core.util.BinaryData;
import com.azure.core.util.IterableStream;
import com.azure.messaging.servicebus.ServiceBusMessage;
import com.azure.messaging.servicebus.ServiceBusProcessorClient;
import com.azure.messaging.servicebus.ServiceBusReceivedMessage;
import com.azure.messaging.servicebus.ServiceBusReceivedMessageContext;
import com.azure.messaging.servicebus.ServiceBusReceiverClient;
import com.azure.messaging.servicebus.ServiceBusSenderClient;
import com.azure.messaging.servicebus.models.AbandonOptions;
import com.azure.messaging.servicebus.models.DeadLetterOptions;
import com.azure.messaging.servicebus.models.SubQueue;
import com.connectsoft.factory.capability.Capability;
import com.connectsoft.factory.capability.CapabilityRegistry;
import com.connectsoft.factory.platform.bus.servicebus.ServiceBusDelivery;
import com.connectsoft.factory.platform.bus.servicebus.ServiceBusEventBus;
import com.connectsoft.factory.platform.bus.servicebus.ServiceBusMessages;
import com.connectsoft.factory.platform.json.Json;
import com.connectsoft.factory.run.domain.RunEvents;
import com.connectsoft.factory.shared.domain.Envelope;
import com.connectsoft.factory.shared.domain.TenantId;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.mockito.ArgumentCaptor;

/** The Service Bus adapter at the SDK boundary: what is sent, how a delivered message is read, how it is settled. */
class ServiceBusAdapterTest {
    private static Envelope event(String type, String tenant) {
        return new Envelope("evt-0001", type, tenant, "proj-a", "mod-a", "trace-abc", "corr-run-1", "evt-0000",
                Instant.parse("2026-11-21T10:00:00Z"), 1, Json.payload(Map.of("runId", "run-1")));
    }

    private static ServiceBusReceivedMessage received(Envelope e, String messageId, String subject, String tenantProperty) {
        ServiceBusReceivedMessage m = mock(ServiceBusReceivedMessage.class);
        when(m.getBody()).thenReturn(BinaryData.fromString(Json.write(e)));
        when(m.getMessageId()).thenReturn(messageId);
        when(m.getSubject()).thenReturn(subject);
        Map<String, Object> props = new HashMap<>();
        if (tenantProperty != null) {
            props.put(ServiceBusMessages.TENANT, tenantProperty);
        }
        when(m.getApplicationProperties()).thenReturn(props);
        return m;
    }

    @Test
    void anEventIsSentToItsTopicWithIdSubjectCorrelationAndProperties() {
        Map<String, ServiceBusSenderClient> senders = new HashMap<>();
        ServiceBusEventBus bus = new ServiceBusEventBus(clients(senders, null, null), CapabilityRegistry::topicFor, s -> null);
        bus.publish(event(RunEvents.RENDER_MODULE, "acme"));
        bus.publish(event(RunEvents.MODULE_RENDERED, "acme"));

        ArgumentCaptor<ServiceBusMessage> command = ArgumentCaptor.forClass(ServiceBusMessage.class);
        verify(senders.get(CapabilityRegistry.COMMANDS)).sendMessage(command.capture());
        ServiceBusMessage m = command.getValue();
        assertEquals("evt-0001", m.getMessageId(), "messageId is the eventId: duplicate detection drops a second send");
        assertEquals(RunEvents.RENDER_MODULE, m.getSubject());
        assertEquals("corr-run-1", m.getCorrelationId());
        assertEquals("application/json", m.getContentType());
        assertEquals("acme", m.getApplicationProperties().get(ServiceBusMessages.TENANT));
        assertEquals(1, m.getApplicationProperties().get(ServiceBusMessages.SCHEMA_VERSION));
        String traceparent = (String) m.getApplicationProperties().get(ServiceBusMessages.TRACEPARENT);
        assertTrue(traceparent.matches("00-[0-9a-f]{32}-[0-9a-f]{16}-01"), traceparent);
        Envelope back = Json.fromTree(Json.read(m.getBody().toString()), Envelope.class);
        assertEquals(event(RunEvents.RENDER_MODULE, "acme"), back);

        ArgumentCaptor<ServiceBusMessage> result = ArgumentCaptor.forClass(ServiceBusMessage.class);
        verify(senders.get(CapabilityRegistry.EVENTS)).sendMessage(result.capture());
        assertEquals(RunEvents.MODULE_RENDERED, result.getValue().getSubject());
        // one trace: the same traceId gives the same trace id part on every hop
        assertEquals(traceparent.substring(3, 35),
                ((String) result.getValue().getApplicationProperties().get(ServiceBusMessages.TRACEPARENT)).substring(3, 35));
    }

    @Test
    void aDeliveredMessageIsReadBackOrRefusedAsPoison() {
        Envelope e = event(RunEvents.RENDER_MODULE, "acme");
        assertEquals(e, ServiceBusMessages.fromMessage(received(e, "evt-0001", RunEvents.RENDER_MODULE, "acme")));
        assertThrows(PoisonEventException.class, () -> ServiceBusMessages.fromMessage(received(e, "evt-9999", RunEvents.RENDER_MODULE, "acme")));
        assertThrows(PoisonEventException.class, () -> ServiceBusMessages.fromMessage(received(e, "evt-0001", "Other", "acme")));
        PoisonEventException cross = assertThrows(PoisonEventException.class,
                () -> ServiceBusMessages.fromMessage(received(e, "evt-0001", RunEvents.RENDER_MODULE, "globex")));
        assertTrue(cross.getMessage().contains("globex"), cross.getMessage());
        assertThrows(PoisonEventException.class, () -> ServiceBusMessages.fromBody("{not json", "m-1", null, Map.of()));
    }

    @Test
    void successCompletesPoisonDeadLettersWithReasonAndAnythingElseAbandons() {
        Envelope e = event(RunEvents.RENDER_MODULE, "acme");

        ServiceBusReceivedMessageContext ok = context(received(e, "evt-0001", RunEvents.RENDER_MODULE, "acme"));
        assertEquals(ServiceBusDelivery.Outcome.COMPLETED, ServiceBusDelivery.handle(ok, ev -> { }));
        verify(ok).complete();
        verify(ok, never()).abandon(any(AbandonOptions.class));

        ServiceBusReceivedMessageContext poison = context(received(e, "evt-0001", RunEvents.RENDER_MODULE, "acme"));
        assertEquals(ServiceBusDelivery.Outcome.DEAD_LETTERED, ServiceBusDelivery.handle(poison, ev -> {
            throw new PoisonEventException("blueprint of run run-1 has no module mod-a");
        }));
        ArgumentCaptor<DeadLetterOptions> options = ArgumentCaptor.forClass(DeadLetterOptions.class);
        verify(poison).deadLetter(options.capture());
        assertEquals(ServiceBusDelivery.POISON, options.getValue().getDeadLetterReason());
        assertEquals("blueprint of run run-1 has no module mod-a", options.getValue().getDeadLetterErrorDescription());
        verify(poison, never()).complete();

        ServiceBusReceivedMessageContext transientFault = context(received(e, "evt-0001", RunEvents.RENDER_MODULE, "acme"));
        assertEquals(ServiceBusDelivery.Outcome.ABANDONED, ServiceBusDelivery.handle(transientFault, ev -> {
            throw new java.io.IOException("store unavailable");
        }));
        ArgumentCaptor<AbandonOptions> abandoned = ArgumentCaptor.forClass(AbandonOptions.class);
        verify(transientFault).abandon(abandoned.capture());
        assertEquals("IOException: store unavailable", abandoned.getValue().getPropertiesToModify().get(ServiceBusDelivery.LAST_ERROR),
                "the message carries its last failure into the dead-letter queue");
        verify(transientFault, never()).complete();
        verify(transientFault, never()).deadLetter(any(DeadLetterOptions.class));

        ServiceBusReceivedMessageContext garbage = context(received(e, "evt-0001", RunEvents.RENDER_MODULE, "globex"));
        AtomicInteger calls = new AtomicInteger();
        assertEquals(ServiceBusDelivery.Outcome.DEAD_LETTERED, ServiceBusDelivery.handle(garbage, ev -> calls.incrementAndGet()));
        assertEquals(0, calls.get(), "a message marked for another tenant never reaches the handler");
    }

    @Test
    void subscribingStartsAProcessorOnTheRegistrySubscriptionAndDeadLettersAreReadPerTenant() {
        AtomicReference<Consumer<ServiceBusReceivedMessageContext>> onMessage = new AtomicReference<>();
        ServiceBusProcessorClient processor = mock(ServiceBusProcessorClient.class);
        ServiceBusReceiverClient dlq = mock(ServiceBusReceiverClient.class);
        ServiceBusReceivedMessage dead = mock(ServiceBusReceivedMessage.class);
        when(dead.getApplicationProperties()).thenReturn(Map.of(ServiceBusMessages.TENANT, "acme"));
        when(dead.getMessageId()).thenReturn("evt-0001");
        when(dead.getSubject()).thenReturn(RunEvents.RENDER_MODULE);
        when(dead.getDeadLetterReason()).thenReturn(ServiceBusDelivery.POISON);
        when(dead.getDeadLetterErrorDescription()).thenReturn("no module");
        when(dead.getCorrelationId()).thenReturn("corr-run-1");
        ServiceBusReceivedMessage otherTenant = mock(ServiceBusReceivedMessage.class);
        when(otherTenant.getApplicationProperties()).thenReturn(Map.of(ServiceBusMessages.TENANT, "globex"));
        when(dlq.peekMessages(anyInt())).thenReturn(new IterableStream<>(List.of(dead, otherTenant)));
        Capability render = CapabilityRegistry.get(CapabilityRegistry.TEMPLATE_RENDER);
        ServiceBusEventBus bus = new ServiceBusEventBus(clients(new HashMap<>(), (topic, sub, concurrency, handler) -> {
            assertEquals(render.topic(), topic);
            assertEquals(render.subscription(), sub);
            assertEquals(3, concurrency, "the subscription's concurrency is the processor's maxConcurrentCalls");
            onMessage.set(handler);
            return processor;
        }, dlq), CapabilityRegistry::topicFor, s -> CapabilityRegistry.all().stream().filter(c -> c.subscription().equals(s))
                .map(Capability::topic).findFirst().orElse(null));
        AtomicInteger handled = new AtomicInteger();
        bus.subscribe(new Subscription(render.subscription(), render.inputEventTypes(), RetryPolicy.standard(), 3), ev -> handled.incrementAndGet());
        verify(processor).start();
        ServiceBusReceivedMessageContext ctx = context(received(event(RunEvents.RENDER_MODULE, "acme"), "evt-0001", RunEvents.RENDER_MODULE, "acme"));
        onMessage.get().accept(ctx);
        assertEquals(1, handled.get());
        verify(ctx).complete();

        List<DeadLetter> letters = bus.deadLetters(TenantId.of("acme"));
        assertEquals(1, letters.size(), "only the tenant's dead letters");
        assertEquals("corr-run-1", letters.get(0).correlationId());
        assertTrue(letters.get(0).reason().contains("no module"));
        bus.close();
        verify(processor).close();
    }

    private static int anyInt() {
        return org.mockito.ArgumentMatchers.anyInt();
    }

    private static ServiceBusReceivedMessageContext context(ServiceBusReceivedMessage m) {
        ServiceBusReceivedMessageContext c = mock(ServiceBusReceivedMessageContext.class);
        when(c.getMessage()).thenReturn(m);
        return c;
    }

    interface ProcessorFactory {
        ServiceBusProcessorClient make(String topic, String subscription, int maxConcurrentCalls,
                                       Consumer<ServiceBusReceivedMessageContext> onMessage);
    }

    private static ServiceBusEventBus.Clients clients(Map<String, ServiceBusSenderClient> senders, ProcessorFactory processors,
                                                      ServiceBusReceiverClient dlq) {
        return new ServiceBusEventBus.Clients() {
            @Override
            public ServiceBusSenderClient sender(String topic) {
                return senders.computeIfAbsent(topic, t -> mock(ServiceBusSenderClient.class));
            }

            @Override
            public ServiceBusProcessorClient processor(String topic, String subscription, int maxConcurrentCalls,
                                                       Consumer<ServiceBusReceivedMessageContext> onMessage) {
                return processors.make(topic, subscription, maxConcurrentCalls, onMessage);
            }

            @Override
            public ServiceBusReceiverClient receiver(String topic, String subscription, SubQueue subQueue) {
                assertEquals(SubQueue.DEAD_LETTER_QUEUE, subQueue);
                return dlq;
            }

            @Override
            public void close() {
            }
        };
    }
}
