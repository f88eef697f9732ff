package com.connectsoft.factory.platform.bus;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.connectsoft.factory.platform.json.Json;
import com.connectsoft.factory.platform.store.DocumentStore;
import com.connectsoft.factory.shared.domain.Envelope;
import com.connectsoft.factory.shared.domain.Ids;
import com.connectsoft.factory.shared.domain.TenantId;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * What a store and the bus it publishes through do together (DocumentTransaction#publish): an event published in a
 * transaction is delivered if and only if the transaction commits, only into the transaction's tenant, and once even
 * when the same eventId is also published directly. Run for every pair the factory runs on: the embedded store and
 * bus sharing one database, Cosmos DB with its outbox forwarded to Service Bus.
 */
public abstract class TransactionalOutboxContract {
    protected static final TenantId A = TenantId.of("tenant-a");
    protected static final TenantId B = TenantId.of("tenant-b");
    protected static final RetryPolicy FAST = new RetryPolicy(3, Duration.ofMillis(10), Duration.ofMillis(40));

    protected abstract EventBus bus();

    /** The store whose transactions publish through {@link #bus()}. */
    protected abstract DocumentStore store();

    /** Provisions what the subscription needs outside the process (see {@link EventBusContract#provision}), then subscribes. */
    protected abstract void subscribe(Subscription subscription, EventHandler handler);

    private static Envelope event(TenantId tenant, String type) {
        return new Envelope(Ids.eventId(), type, tenant.value(), "proj-x", null, "trace-1", "corr-1", null,
                Instant.parse("2026-01-01T00:00:00Z"), 1, Json.payload(Json.object().put("n", 1)));
    }

    private void idle() {
        assertTrue(bus().awaitIdle(Duration.ofSeconds(10)), "bus did not become idle");
    }

    @Test
    void outboxEventsAreDeliveredOnlyWhenTheirTransactionCommits() {
        List<String> got = new CopyOnWriteArrayList<>();
        subscribe(new Subscription("outbox", Set.of(), FAST), e -> got.add(e.eventType()));
        assertThrows(IllegalStateException.class, () -> store().transact(A, tx -> {
            tx.publish(event(A, "RolledBack"));
            throw new IllegalStateException("abort");
        }));
        store().transact(A, tx -> {
            tx.create("things", "t1", Json.object());
            tx.publish(event(A, "Committed"));
            return null;
        });
        idle();
        assertEquals(List.of("Committed"), got);
    }

    @Test
    void aTransactionCannotPublishAnotherTenantsEvent() {
        List<String> got = new CopyOnWriteArrayList<>();
        subscribe(new Subscription("sneaky", Set.of(), FAST), e -> got.add(e.eventType()));
        assertThrows(IllegalArgumentException.class, () -> store().transact(A, tx -> {
            tx.create("things", "t2", Json.object());
            tx.publish(event(B, "Sneaky"));
            return null;
        }));
        idle();
        assertEquals(List.of(), got);
        assertTrue(store().get(A, "things", "t2").isEmpty(), "the refused transaction wrote nothing");
    }

    @Test
    void theSameEventIdPublishedDirectlyAndThroughTransactionsIsDeliveredOnce() {
        AtomicInteger calls = new AtomicInteger();
        subscribe(new Subscription("counter", Set.of(), FAST), e -> calls.incrementAndGet());
        Envelope e = event(A, "UsageRecorded");
        bus().publish(e);
        store().transact(A, tx -> {
            tx.publish(e);
            return null;
        });
        store().transact(A, tx -> {
            tx.publish(e);
            tx.publish(e);
            return null;
        });
        idle();
        assertEquals(1, calls.get());
    }
}
