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

/** The behaviour every EventBus adapter must have. */
public abstract class EventBusContract {
    protected static final TenantId A = TenantId.of("tenant-a");
    protected static final TenantId B = TenantId.of("tenant-b");
    protected static final RetryPolicy FAST = new RetryPolicy(3, Duration.ofMillis(10), Duration.ofMillis(40));

    protected abstract EventBus bus();

    /** The store whose transactions publish through this bus's outbox. */
    protected abstract DocumentStore store();

    protected static Envelope event(TenantId tenant, String type) {
        return new Envelope(Ids.eventId(), type, tenant.value(), "proj-x", null, "trace-1", "corr-1", null,
                Instant.parse("2026-01-01T00:00:00Z"), 1, Json.payload(Json.object().put("n", 1)));
    }

    private void idle() {
        assertTrue(bus().awaitIdle(Duration.ofSeconds(10)), "bus did not become idle");
    }

    @Test
    void eventsReachOnlySubscriptionsWhoseFilterAcceptsThem() {
        List<String> renders = new CopyOnWriteArrayList<>();
        List<String> all = new CopyOnWriteArrayList<>();
        bus().subscribe(new Subscription("render", Set.of("RenderModule"), FAST), e -> renders.add(e.eventType()));
        bus().subscribe(new Subscription("audit", Set.of(), FAST), e -> all.add(e.eventType()));
        bus().publish(event(A, "RenderModule"));
        bus().publish(event(A, "RunStarted"));
        idle();
        assertEquals(List.of("RenderModule"), renders);
        assertEquals(List.of("RenderModule", "RunStarted"), all);
    }

    @Test
    void theSameEventIdIsDeliveredOnce() {
        AtomicInteger calls = new AtomicInteger();
        bus().subscribe(new Subscription("counter", Set.of(), FAST), e -> calls.incrementAndGet());
        Envelope e = event(A, "UsageRecorded");
        bus().publish(e);
        bus().publish(e);
        store().transact(A, tx -> {
            tx.publish(e);
            return null;
        });
        idle();
        assertEquals(1, calls.get());
    }

    @Test
    void failuresAreRetriedWithBackoffUntilTheySucceed() {
        AtomicInteger calls = new AtomicInteger();
        bus().subscribe(new Subscription("flaky", Set.of(), FAST), e -> {
            if (calls.incrementAndGet() < 3) {
                throw new IllegalStateException("transient");
            }
        });
        bus().publish(event(A, "X"));
        idle();
        assertEquals(3, calls.get());
        assertTrue(bus().deadLetters(A).isEmpty());
    }

    @Test
    void exhaustedRetriesAndPoisonGoToDeadLetterWithAReason() {
        AtomicInteger calls = new AtomicInteger();
        bus().subscribe(new Subscription("broken", Set.of("Always"), FAST), e -> {
            calls.incrementAndGet();
            throw new IllegalStateException("downstream is down");
        });
        bus().subscribe(new Subscription("strict", Set.of("Poison"), FAST), e -> {
            throw new PoisonEventException("payload has no moduleId");
        });
        Envelope always = event(A, "Always");
        Envelope poison = event(A, "Poison");
        bus().publish(always);
        bus().publish(poison);
        idle();
        assertEquals(3, calls.get());
        List<DeadLetter> dead = bus().deadLetters(A);
        assertEquals(2, dead.size());
        DeadLetter first = dead.stream().filter(d -> d.eventId().equals(always.eventId())).findFirst().orElseThrow();
        assertEquals(3, first.attempts());
        assertTrue(first.reason().contains("downstream is down"), first.reason());
        DeadLetter second = dead.stream().filter(d -> d.eventId().equals(poison.eventId())).findFirst().orElseThrow();
        assertEquals(1, second.attempts());
        assertTrue(second.reason().contains("payload has no moduleId"), second.reason());
        assertTrue(bus().deadLetters(B).isEmpty(), "dead letters are scoped to their tenant");
    }

    @Test
    void outboxEventsAreDeliveredOnlyWhenTheirTransactionCommits() {
        List<String> got = new CopyOnWriteArrayList<>();
        bus().subscribe(new Subscription("outbox", Set.of(), FAST), e -> got.add(e.eventType()));
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
        assertThrows(IllegalArgumentException.class, () -> store().transact(A, tx -> {
            tx.publish(event(B, "Sneaky"));
            return null;
        }));
    }

    @Test
    void aSlowHandlerDoesNotDelayAnotherSubscription() throws Exception {
        java.util.concurrent.CountDownLatch release = new java.util.concurrent.CountDownLatch(1);
        java.util.concurrent.CountDownLatch fastGot = new java.util.concurrent.CountDownLatch(1);
        bus().subscribe(new Subscription("slow", Set.of("Slow"), FAST), e -> release.await(20, java.util.concurrent.TimeUnit.SECONDS));
        bus().subscribe(new Subscription("fast", Set.of("Fast"), FAST), e -> fastGot.countDown());
        bus().publish(event(A, "Slow"));
        bus().publish(event(A, "Fast"));
        try {
            assertTrue(fastGot.await(10, java.util.concurrent.TimeUnit.SECONDS), "the fast subscription waited for the slow one");
        } finally {
            release.countDown();
        }
        idle();
    }

    @Test
    void aSubscriptionHandlesAsManyEventsAtOnceAsItsConcurrencyAndNoMore() throws Exception {
        AtomicInteger inside = new AtomicInteger();
        AtomicInteger most = new AtomicInteger();
        java.util.concurrent.CountDownLatch twoInside = new java.util.concurrent.CountDownLatch(2);
        java.util.concurrent.CountDownLatch release = new java.util.concurrent.CountDownLatch(1);
        bus().subscribe(new Subscription("builds", Set.of("Build"), FAST, 2), e -> {
            most.accumulateAndGet(inside.incrementAndGet(), Math::max);
            twoInside.countDown();
            release.await(20, java.util.concurrent.TimeUnit.SECONDS);
            inside.decrementAndGet();
        });
        for (int i = 0; i < 4; i++) {
            bus().publish(event(A, "Build"));
        }
        try {
            assertTrue(twoInside.await(10, java.util.concurrent.TimeUnit.SECONDS), "two events were not handled at once");
        } finally {
            release.countDown();
        }
        idle();
        assertEquals(2, most.get(), "more events were handled at once than the subscription's concurrency");
    }
}
