package com.connectsoft.extensions.runtime.events;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.connectsoft.extensions.runtime.json.Json;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.Test;

/** Committed events leave the outbox only after the publisher accepted them; a failure leaves them pending for the drain. */
class OutboxPublisherTest {
    /** An outbox per tenant in insertion order, with a switch to fail marking. */
    static final class FakeOutbox implements Outbox {
        final Map<String, LinkedHashMap<String, DomainEvent>> records = new LinkedHashMap<>();
        boolean failMarking;

        void add(DomainEvent e) {
            records.computeIfAbsent(e.tenantId(), t -> new LinkedHashMap<>()).put(e.eventId(), e);
        }

        @Override
        public List<DomainEvent> pending(String tenantId, int limit) {
            return records.getOrDefault(tenantId, new LinkedHashMap<>()).values().stream().limit(limit).toList();
        }

        @Override
        public void markPublished(String tenantId, String eventId) {
            if (failMarking) {
                throw new IllegalStateException("store down");
            }
            records.get(tenantId).remove(eventId);
        }
    }

    /** Accepts events, or refuses the ones whose id is listed. */
    static final class FlakyPublisher implements EventPublisher {
        final List<DomainEvent> sent = new ArrayList<>();
        final List<String> refuse = new ArrayList<>();

        @Override
        public void publish(DomainEvent event) {
            if (refuse.contains(event.eventId())) {
                throw new IllegalStateException("bus down");
            }
            sent.add(event);
        }
    }

    static final class Captured extends Handler {
        final List<String> lines = new ArrayList<>();

        @Override
        public void publish(LogRecord record) {
            lines.add(record.getLevel() + " " + record.getMessage());
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    }

    private static DomainEvent event(String tenant, String id) {
        return new DomainEvent(id, "ThingCreated", tenant, "mod", "0af7651916cd43dd8448eb211c80319c", "corr", null,
                Instant.parse("2025-01-01T00:00:00Z"), 2, Json.MAPPER.createObjectNode());
    }

    private final FakeOutbox outbox = new FakeOutbox();
    private final FlakyPublisher bus = new FlakyPublisher();
    private final Logger log = Logger.getAnonymousLogger();
    private final Captured captured = new Captured();
    private final OutboxPublisher publisher;

    OutboxPublisherTest() {
        log.setUseParentHandlers(false);
        log.addHandler(captured);
        publisher = new OutboxPublisher(bus, log);
    }

    @Test
    void afterCommitPublishesInOrderAndMarksEach() {
        List<DomainEvent> committed = List.of(event("a", "e1"), event("a", "e2"));
        committed.forEach(outbox::add);
        assertEquals(2, publisher.afterCommit(outbox, "a", committed));
        assertEquals(List.of("e1", "e2"), bus.sent.stream().map(DomainEvent::eventId).toList());
        assertTrue(outbox.pending("a", 10).isEmpty());
        assertTrue(captured.lines.isEmpty());
    }

    @Test
    void afterCommitStopsAtTheFirstFailureAndLeavesTheRestPending() {
        List<DomainEvent> committed = List.of(event("a", "e1"), event("a", "e2"), event("a", "e3"));
        committed.forEach(outbox::add);
        bus.refuse.add("e2");
        assertEquals(1, publisher.afterCommit(outbox, "a", committed));
        assertEquals(List.of("e1"), bus.sent.stream().map(DomainEvent::eventId).toList());
        assertEquals(List.of("e2", "e3"), outbox.pending("a", 10).stream().map(DomainEvent::eventId).toList());
        assertEquals(1, captured.lines.size());
        assertTrue(captured.lines.get(0).startsWith("WARNING event e2 of tenant a stays pending: IllegalStateException"), captured.lines.get(0));
        assertTrue(!captured.lines.get(0).contains("bus down"), "the exception's message is not logged");
    }

    @Test
    void anEventPublishedButNotMarkedStaysPendingAndCountsAsAFailure() {
        outbox.add(event("a", "e1"));
        outbox.failMarking = true;
        assertEquals(0, publisher.afterCommit(outbox, "a", List.of(event("a", "e1"))));
        assertEquals(1, bus.sent.size());
        assertEquals(1, outbox.pending("a", 10).size());
        assertTrue(captured.lines.get(0).contains("was published but stays pending"), captured.lines.get(0));
    }

    @Test
    void aDrainWalksTenantsWithPendingRecordsWithinItsLimits() {
        for (String t : List.of("a", "b", "c")) {
            for (int i = 1; i <= 3; i++) {
                outbox.add(event(t, t + i));
            }
        }
        bus.refuse.add("b2");
        OutboxSource source = new OutboxSource("Thing", outbox, limit -> outbox.records.entrySet().stream()
                .filter(e -> !e.getValue().isEmpty()).map(Map.Entry::getKey).limit(limit).toList());
        OutboxPublisher.Drained d = publisher.drain(source, 2, 2);
        assertEquals(new OutboxPublisher.Drained(2, 3, 1), d);
        assertEquals(List.of("a1", "a2", "b1"), bus.sent.stream().map(DomainEvent::eventId).toList());
        assertEquals(List.of("a3"), outbox.pending("a", 10).stream().map(DomainEvent::eventId).toList());
        assertEquals(List.of("b2", "b3"), outbox.pending("b", 10).stream().map(DomainEvent::eventId).toList());
        assertEquals(3, outbox.pending("c", 10).size());
        bus.refuse.clear();
        assertEquals(new OutboxPublisher.Drained(3, 6, 0), publisher.drain(source, 10, 10));
        assertEquals(new OutboxPublisher.Drained(0, 0, 0), publisher.drain(source, 10, 10));
        assertEquals("Thing", source.entityType());
    }

    @Test
    void itNeedsAPublisherAndALog() {
        assertThrows(NullPointerException.class, () -> new OutboxPublisher(null, log));
        assertThrows(NullPointerException.class, () -> new OutboxPublisher(bus, null));
    }

    @Test
    void eventIdsAreDerivedFromWhatTheEventIsAbout() {
        String id = EventIds.of("a", "Thing", "t-1", 1, "ThingCreated");
        assertTrue(id.startsWith("evt-"), id);
        assertEquals(id, EventIds.of("a", "Thing", "t-1", 1, "ThingCreated"));
        assertEquals("evt-" + java.util.UUID.nameUUIDFromBytes("a/Thing/t-1/1/ThingCreated".getBytes(java.nio.charset.StandardCharsets.UTF_8)), id);
        assertNotEquals(id, EventIds.of("b", "Thing", "t-1", 1, "ThingCreated"));
        assertNotEquals(id, EventIds.of("a", "Other", "t-1", 1, "ThingCreated"));
        assertNotEquals(id, EventIds.of("a", "Thing", "t-2", 1, "ThingCreated"));
        assertNotEquals(id, EventIds.of("a", "Thing", "t-1", 2, "ThingCreated"));
        assertNotEquals(id, EventIds.of("a", "Thing", "t-1", 1, "ThingUpdated"));
    }

    @Test
    void theInMemoryPublisherKeepsACopyOfWhatItGot() {
        InMemoryEventPublisher memory = new InMemoryEventPublisher();
        memory.publish(event("a", "e1"));
        List<DomainEvent> seen = memory.events();
        memory.publish(event("a", "e2"));
        assertEquals(1, seen.size());
        assertEquals(2, memory.events().size());
        assertThrows(UnsupportedOperationException.class, () -> memory.events().add(event("a", "x")));
        assertNull(event("a", "e").traceparent(), "an event without a trace context");
    }
}
