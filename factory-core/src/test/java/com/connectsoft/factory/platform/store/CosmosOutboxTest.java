package com.connectsoft.factory.platform.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.connectsoft.factory.app.FactoryPlatform;
import com.connectsoft.factory.platform.bus.EventBus;
import com.connectsoft.factory.platform.bus.RetryPolicy;
import com.connectsoft.factory.platform.bus.Subscription;
import com.connectsoft.factory.platform.bus.embedded.EmbeddedEventBus;
import com.connectsoft.factory.platform.json.Json;
import com.connectsoft.factory.platform.store.cosmos.CosmosDocumentStore;
import com.connectsoft.factory.platform.store.cosmos.CosmosOutbox;
import com.connectsoft.factory.platform.store.sqlite.EmbeddedDatabase;
import com.connectsoft.factory.shared.domain.Envelope;
import com.connectsoft.factory.shared.domain.Ids;
import com.connectsoft.factory.shared.domain.TenantId;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Cosmos DB outbox on the emulator: events published in a transaction reach the bus after the commit, a failed
 * send stays pending until a sweep, a crash between sending and marking sends the same eventId again (which the bus
 * drops), and a tenant's forwarding never touches another tenant's outbox. The bus here is the embedded one (it
 * dedupes by eventId as Service Bus duplicate detection does by messageId).
 */
@Tag("cosmos-emulator")
class CosmosOutboxTest {
    private static final TenantId A = TenantId.of("tenant-a");
    private static final TenantId B = TenantId.of("tenant-b");
    @TempDir
    Path dir;
    private EmbeddedDatabase db;
    private FailingBus bus;
    private CosmosDocumentStore store;
    private CosmosOutbox outbox;
    private final List<String> delivered = new CopyOnWriteArrayList<>();

    @BeforeEach
    void open() {
        store = new CosmosDocumentStore(CosmosEmulator.freshContainer(), Clock.systemUTC());
        db = EmbeddedDatabase.open(dir);
        bus = new FailingBus(new EmbeddedEventBus(db, Clock.systemUTC()));
        bus.subscribe(new Subscription("recorder", Set.of(), RetryPolicy.standard()), e -> delivered.add(e.tenantId() + ":" + e.eventId()));
        outbox = FactoryPlatform.onCosmos(store, bus, Clock.systemUTC(), "test").outbox().orElseThrow();
    }

    @AfterEach
    void close() {
        if (bus != null) {
            bus.close();
        }
        if (db != null) {
            db.close();
        }
    }

    private static Envelope event(TenantId tenant) {
        return new Envelope(Ids.eventId(), "ThingHappened", tenant.value(), "proj-x", null, "trace-1", "corr-1", null,
                Instant.parse("2026-01-01T00:00:00Z"), 1, Json.payload(Json.object().put("n", 1)));
    }

    private String status(TenantId tenant, Envelope e) {
        return store.get(tenant, CosmosDocumentStore.OUTBOX, e.eventId()).orElseThrow().body().path("status").asText();
    }

    private void idle() {
        assertTrue(bus.awaitIdle(Duration.ofSeconds(10)));
    }

    @Test
    void anEventPublishedInATransactionReachesTheBusAfterTheCommitAndIsMarkedSent() {
        Envelope e = event(A);
        store.transact(A, tx -> {
            tx.publish(e);
            return null;
        });
        idle();
        assertEquals(List.of("tenant-a:" + e.eventId()), delivered);
        assertEquals(CosmosDocumentStore.SENT, status(A, e));
        assertEquals(0, outbox.forward(A), "nothing is left pending");
    }

    @Test
    void aFailedSendStaysPendingAndTheSweepSendsItOnce() {
        bus.failNext.set(1);
        Envelope e = event(A);
        store.transact(A, tx -> {
            tx.publish(e);
            return null;
        });
        idle();
        assertEquals(List.of(), delivered, "the send failed, the commit stands");
        assertEquals(CosmosDocumentStore.PENDING, status(A, e));

        assertEquals(1, outbox.sweep(() -> List.of(A, B)));
        idle();
        assertEquals(List.of("tenant-a:" + e.eventId()), delivered);
        assertEquals(CosmosDocumentStore.SENT, status(A, e));
        assertEquals(0, outbox.sweep(() -> List.of(A, B)), "a second sweep sends nothing");
    }

    @Test
    void aCrashBetweenSendingAndMarkingSendsTheSameEventIdAgainWhichTheBusDrops() {
        Envelope e = event(A);
        store.transact(A, tx -> {
            tx.publish(e);
            return null;
        });
        idle();
        // the process died after the bus took the event and before the outbox said so
        Document sent = store.get(A, CosmosDocumentStore.OUTBOX, e.eventId()).orElseThrow();
        ObjectNode pending = ((ObjectNode) sent.body()).deepCopy().put("status", CosmosDocumentStore.PENDING);
        store.transact(A, tx -> tx.replace(CosmosDocumentStore.OUTBOX, e.eventId(), pending, sent.etag()));

        assertEquals(1, outbox.sweep(() -> List.of(A)));
        idle();
        assertEquals(2, bus.sent.get(), "sent twice, with one eventId");
        assertEquals(List.of("tenant-a:" + e.eventId()), delivered, "delivered once");
    }

    @Test
    void forwardingOneTenantNeverSendsAnotherTenantsEvents() {
        bus.failNext.set(2);
        Envelope a = event(A);
        Envelope b = event(B);
        store.transact(A, tx -> {
            tx.publish(a);
            return null;
        });
        store.transact(B, tx -> {
            tx.publish(b);
            return null;
        });
        assertEquals(1, outbox.forward(A));
        idle();
        assertEquals(List.of("tenant-a:" + a.eventId()), delivered);
        assertEquals(CosmosDocumentStore.PENDING, status(B, b));
        assertTrue(store.get(A, CosmosDocumentStore.OUTBOX, b.eventId()).isEmpty(), "B's outbox is not visible to A");
        assertEquals(1, outbox.forward(B));
        idle();
        assertEquals(2, delivered.size());
    }

    /** The embedded bus, failing the next sends when told, counting the sends that went through. */
    private static final class FailingBus implements EventBus {
        final AtomicInteger failNext = new AtomicInteger();
        final AtomicInteger sent = new AtomicInteger();
        private final EventBus inner;

        FailingBus(EventBus inner) {
            this.inner = inner;
        }

        @Override
        public void publish(Envelope event) {
            if (failNext.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
                throw new IllegalStateException("the bus is unreachable (test)");
            }
            inner.publish(event);
            sent.incrementAndGet();
        }

        @Override
        public void subscribe(Subscription subscription, com.connectsoft.factory.platform.bus.EventHandler handler) {
            inner.subscribe(subscription, handler);
        }

        @Override
        public boolean awaitIdle(Duration timeout) {
            return inner.awaitIdle(timeout);
        }

        @Override
        public List<com.connectsoft.factory.platform.bus.DeadLetter> deadLetters(TenantId tenant) {
            return inner.deadLetters(tenant);
        }

        @Override
        public void close() {
            inner.close();
        }
    }
}
