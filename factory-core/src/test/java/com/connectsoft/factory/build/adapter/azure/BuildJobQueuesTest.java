package com.connectsoft.factory.build.adapter.azure;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import com.azure.core.util.BinaryData;
import com.azure.core.util.IterableStream;
import com.azure.messaging.servicebus.ServiceBusMessage;
import com.azure.messaging.servicebus.ServiceBusReceivedMessage;
import com.azure.messaging.servicebus.ServiceBusReceiverClient;
import com.azure.messaging.servicebus.ServiceBusSenderClient;
import com.azure.messaging.servicebus.models.DeadLetterOptions;
import com.connectsoft.factory.platform.bus.servicebus.ServiceBusMessages;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.mockito.ArgumentCaptor;

/** The job's queues at the Service Bus SDK boundary: one request received and settled, one notice sent. */
class BuildJobQueuesTest {
    @Test
    void aRequestIsReceivedOneAtATimeAndSettledAsTheJobSays() {
        ServiceBusReceiverClient receiver = mock(ServiceBusReceiverClient.class);
        ServiceBusReceivedMessage m = mock(ServiceBusReceivedMessage.class);
        when(m.getBody()).thenReturn(BinaryData.fromString("{\"jobId\":\"x\"}"));
        when(m.getMessageId()).thenReturn("bjob-1");
        when(m.getDeliveryCount()).thenReturn(2L);
        when(receiver.receiveMessages(1, Duration.ofSeconds(30))).thenReturn(new IterableStream<>(List.of(m)));
        BuildJobQueues.Inbox inbox = BuildJobQueues.inbox(receiver);

        BuildJobQueues.Delivery d = inbox.next(Duration.ofSeconds(30)).orElseThrow();
        assertArrayEquals("{\"jobId\":\"x\"}".getBytes(StandardCharsets.UTF_8), d.body());
        assertEquals("bjob-1", d.messageId());
        assertEquals(2, d.deliveryCount());
        d.complete();
        verify(receiver).complete(m);
        d.abandon();
        verify(receiver).abandon(m);
        d.deadLetter("MalformedRequest", "jobId is missing");
        ArgumentCaptor<DeadLetterOptions> options = ArgumentCaptor.forClass(DeadLetterOptions.class);
        verify(receiver).deadLetter(eq(m), options.capture());
        assertEquals("MalformedRequest", options.getValue().getDeadLetterReason());
        assertEquals("jobId is missing", options.getValue().getDeadLetterErrorDescription());

        when(receiver.receiveMessages(1, Duration.ofMillis(10))).thenReturn(new IterableStream<>(List.of()));
        assertTrue(inbox.next(Duration.ofMillis(10)).isEmpty());
        inbox.close();
        verify(receiver).close();
    }

    @Test
    void aNoticeIsSentWithOneMessageIdPerJobAndTheTenant() {
        ServiceBusSenderClient sender = mock(ServiceBusSenderClient.class);
        BuildJobQueues.Outbox outbox = BuildJobQueues.outbox(sender);
        outbox.send(new BuildJobCompletion("bjob-0123456789abcdef0123", "acme"));
        ArgumentCaptor<ServiceBusMessage> sent = ArgumentCaptor.forClass(ServiceBusMessage.class);
        verify(sender).sendMessage(sent.capture());
        ServiceBusMessage m = sent.getValue();
        assertEquals("bjob-0123456789abcdef0123-done", m.getMessageId(), "a notice sent again is dropped by duplicate detection");
        assertEquals(BuildJobCompletion.SUBJECT, m.getSubject());
        assertEquals("acme", m.getApplicationProperties().get(ServiceBusMessages.TENANT));
        assertEquals(new BuildJobCompletion("bjob-0123456789abcdef0123", "acme"), BuildJobCompletion.parse(m.getBody().toBytes()));
        verify(sender, never()).sendMessages(any(Iterable.class));
    }
}
