package com.connectsoft.factory.platform.telemetry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.azure.messaging.servicebus.ServiceBusMessage;
import com.connectsoft.factory.app.FactoryPlatform;
import com.connectsoft.factory.platform.bus.RetryPolicy;
import com.connectsoft.factory.platform.bus.Subscription;
import com.connectsoft.factory.platform.bus.servicebus.ServiceBusMessages;
import com.connectsoft.factory.platform.json.Json;
import com.connectsoft.factory.shared.domain.Envelope;
import com.connectsoft.factory.shared.domain.Ids;
import com.connectsoft.factory.shared.domain.TraceIds;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.data.SpanData;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Producer and consumer spans on the bus, the traceparent a message carries, and Service Bus's Diagnostic-Id. */
class BusTraceTest {
    private final InMemorySpanExporter spans = InMemorySpanExporter.create();
    private final Tracing tracing = Tracing.exportingTo(spans, "memory");

    @TempDir
    Path dir;

    private static Envelope event(String traceId, String correlationId) {
        return new Envelope(Ids.eventId(), "ThingHappened", "acme", "proj-x", null, traceId, correlationId, null, Instant.now(), 1,
                Json.payload(Json.object()));
    }

    private List<SpanData> named(String name) {
        return spans.getFinishedSpanItems().stream().filter(s -> s.getName().equals(name)).toList();
    }

    @Test
    void aRedeliveredEventGetsANewConsumerSpanUnderThePublisherInTheSameTrace() throws Exception {
        try (FactoryPlatform platform = FactoryPlatform.embedded(dir.resolve("data"), Clock.systemUTC()).traced(tracing)) {
            AtomicInteger deliveries = new AtomicInteger();
            platform.bus().subscribe(new Subscription("things", Set.of("ThingHappened"), new RetryPolicy(3, Duration.ofMillis(10),
                    Duration.ofMillis(10))), e -> {
                if (deliveries.incrementAndGet() == 1) {
                    throw new IllegalStateException("first delivery fails");
                }
            });
            String traceId = TraceIds.mint();
            platform.bus().publish(event(traceId, "corr-webhook-1"));
            long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
            while ((deliveries.get() < 2 || named("process ThingHappened").size() < 2) && System.nanoTime() < deadline) {
                platform.bus().awaitIdle(Duration.ofMillis(200));
            }
            assertEquals(2, deliveries.get(), "delivered twice");

            SpanData producer = named("publish ThingHappened").get(0);
            assertEquals(SpanKind.PRODUCER, producer.getKind());
            assertEquals(traceId, producer.getTraceId(), "a publish outside any span starts the event's own trace");
            List<SpanData> consumers = named("process ThingHappened");
            assertEquals(2, consumers.size());
            for (SpanData c : consumers) {
                assertEquals(SpanKind.CONSUMER, c.getKind());
                assertEquals(traceId, c.getTraceId());
                assertEquals(producer.getSpanId(), c.getParentSpanId(), "each delivery is a child of the publisher's span");
                assertEquals("things", c.getAttributes().get(Tracing.Attr.SUBSCRIPTION));
            }
            assertNotEquals(consumers.get(0).getSpanId(), consumers.get(1).getSpanId());
            assertEquals(1, consumers.stream().filter(c -> c.getStatus().getStatusCode() == StatusCode.ERROR).count(),
                    "the failed delivery is marked failed");
        }
    }

    @Test
    void aRunsEventPublishedOutsideAnySpanHangsUnderTheRunsSpan() {
        String traceId = TraceIds.mint();
        Envelope stamped = tracing.published(event(traceId, "corr-run-01abc"), "factory-embedded");
        SpanData producer = named("publish ThingHappened").get(0);
        assertEquals(traceId, producer.getTraceId());
        assertEquals(TraceIds.runSpanId("run-01abc"), producer.getParentSpanId());
        assertEquals("00-" + traceId + "-" + producer.getSpanId() + "-01", stamped.traceparent());
        assertEquals("run-01abc", producer.getAttributes().get(Tracing.Attr.RUN));
        assertSame(stamped, tracing.published(stamped, "servicebus"), "an event forwarded from an outbox keeps its publisher");
    }

    @Test
    void aServiceBusMessageCarriesThePublishersSpanAsTraceparentAndDiagnosticId() {
        Envelope stamped = tracing.published(event(TraceIds.mint(), "corr-run-01abc"), "servicebus");
        ServiceBusMessage m = ServiceBusMessages.toMessage(stamped);
        assertEquals(stamped.traceparent(), m.getApplicationProperties().get(ServiceBusMessages.TRACEPARENT));
        assertEquals(stamped.traceparent(), m.getApplicationProperties().get(ServiceBusMessages.DIAGNOSTIC_ID));
        Envelope received = ServiceBusMessages.fromBody(m.getBody().toString(), m.getMessageId(), m.getSubject(), m.getApplicationProperties());
        assertEquals(stamped, received);
    }

    @Test
    void aMessageThatCarriesOnlyADiagnosticIdContinuesItsTrace() throws Exception {
        String traceId = TraceIds.mint();
        String senderSpan = "00f067aa0ba902b7";
        Envelope plain = event(traceId, "corr-run-01abc");
        String body = Json.write(plain);
        assertTrue(!body.contains("traceparent"), "the body names no publisher span");
        Map<String, Object> props = Map.of(ServiceBusMessages.TENANT, "acme", ServiceBusMessages.DIAGNOSTIC_ID,
                "00-" + traceId + "-" + senderSpan + "-01");
        Envelope received = ServiceBusMessages.fromBody(body, plain.eventId(), plain.eventType(), props);
        assertEquals("00-" + traceId + "-" + senderSpan + "-01", received.traceparent());

        tracing.consume(received, "servicebus", "things", () -> null);
        SpanData consumer = named("process ThingHappened").get(0);
        assertEquals(traceId, consumer.getTraceId());
        assertEquals(senderSpan, consumer.getParentSpanId(), "the consumer continues the sender's span");

        Envelope foreign = ServiceBusMessages.fromBody(body, plain.eventId(), plain.eventType(), Map.of(ServiceBusMessages.DIAGNOSTIC_ID,
                "00-" + TraceIds.mint() + "-" + senderSpan + "-01"));
        assertNull(foreign.traceparent(), "a span of another trace is not this event's publisher");
        Envelope malformed = ServiceBusMessages.fromBody(body, plain.eventId(), plain.eventType(), Map.of(ServiceBusMessages.DIAGNOSTIC_ID,
                "|" + traceId + "." + senderSpan + "."));
        assertNull(malformed.traceparent(), "a Request-Id-style or malformed value is ignored");
    }

    @Test
    void offTracingChangesNothingAndRecordsNothing() throws Exception {
        Envelope e = event(TraceIds.mint(), "corr-run-01abc");
        assertSame(e, Tracing.off().published(e, "servicebus"));
        assertEquals("done", Tracing.off().consume(e, "servicebus", "things", () -> "done"));
        try (FactoryPlatform platform = FactoryPlatform.embedded(dir.resolve("data"), Clock.systemUTC())) {
            assertSame(platform, platform.traced(Tracing.off()));
        }
        assertEquals(List.of(), spans.getFinishedSpanItems());
    }
}
