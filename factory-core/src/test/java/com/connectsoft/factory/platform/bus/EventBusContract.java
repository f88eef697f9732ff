package com.connectsoft.factory.platform.bus;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.connectsoft.factory.platform.json.Json;
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
 * The behaviour every EventBus adapter must have: filters per subscription, dedupe by eventId, redelivery of failures,
 * dead letters with a reason and per tenant, and delivery per subscription that one slow handler does not hold up,
 * as concurrent as the subscription says and no more.
 *
 * <p>What is not here, by design: publishing inside a store transaction (the transactional outbox) is the store's
 * behaviour together with a bus, and is {@link TransactionalOutboxContract}, run for each store and bus pair the
 * factory runs on. How a retry waits is the adapter's: the embedded bus backs off as the subscription's retry policy
 * says, Service Bus delivers an abandoned message again at once; both give up after {@code retry.maxAttempts}
 * deliveries.
 */
public abstract class EventBusContract {
    protected static final TenantId A = TenantId.of("tenant-a");
    protected static final TenantId B = TenantId.of("tenant-b");
    protected static final RetryPolicy FAST = new RetryPolicy(3, Duration.ofMillis(10), Duration.ofMillis(40));

    protected abstract EventBus bus();

    /**
     * Makes what a subscription needs outside the process exist before it is subscribed: nothing for the embedded bus;
     * on Service Bus the stack's topic subscription with its SQL filter on the event types and its max delivery count.
     */
    protected void provision(Subscription subscription) {
    }

    /** Provisions the subscription, then subscribes the handler to it. */
    protected final void subscribe(Subscription subscription, EventHandler handler) {
        provision(subscription);
        bus().subscribe(subscription, handler);
    }

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
        subscribe(new Subscription("render", Set.of("RenderModule"), FAST), e -> renders.add(e.eventType()));
        subscribe(new Subscription("audit", Set.of(), FAST), e -> all.add(e.eventType()));
        bus().publish(event(A, "RenderModule"));
        bus().publish(event(A, "RunStarted"));
        idle();
        assertEquals(List.of("RenderModule"), renders);
        assertEquals(List.of("RenderModule", "RunStarted"), all);
    }

    @Test
    void aHandlerReceivesTheEnvelopeAsItWasPublished() {
        List<Envelope> got = new CopyOnWriteArrayList<>();
        subscribe(new Subscription("mirror", Set.of(), FAST), got::add);
        Envelope e = new Envelope(Ids.eventId(), "ModuleRendered", A.value(), "proj-x", "mod-1", "trace-7", "corr-7", "evt-cause",
                Instant.parse("2026-01-01T00:00:00Z"), 2, Json.payload(Json.object().put("files", 3).put("note", "ünïcode ✓")));
        bus().publish(e);
        idle();
        assertEquals(List.of(e), got);
    }

    @Test
    void aSubscriptionOfConcurrencyOneHandlesItsEventsOneAtATimeInPublicationOrder() {
        AtomicInteger inside = new AtomicInteger();
        AtomicInteger most = new AtomicInteger();
        List<String> order = new CopyOnWriteArrayList<>();
        subscribe(new Subscription("ordered", Set.of("Step"), FAST), e -> {
            most.accumulateAndGet(inside.incrementAndGet(), Math::max);
            order.add(e.eventId());
            Thread.onSpinWait();
            inside.decrementAndGet();
        });
        List<String> published = new java.util.ArrayList<>();
        for (int i = 0; i < 6; i++) {
            Envelope e = event(A, "Step");
            published.add(e.eventId());
            bus().publish(e);
        }
        idle();
        assertEquals(published, order);
        assertEquals(1, most.get(), "a subscription of concurrency 1 handled two events at once");
    }

    @Test
    void aSubscriptionNameIsRegisteredOnce() {
        Subscription s = new Subscription("once", Set.of(), FAST);
        subscribe(s, e -> { });
        assertThrows(IllegalArgumentException.class, () -> subscribe(s, e -> { }));
    }

    @Test
    void theSameEventIdIsDeliveredOnce() {
        AtomicInteger calls = new AtomicInteger();
        subscribe(new Subscription("counter", Set.of(), FAST), e -> calls.incrementAndGet());
        Envelope e = event(A, "UsageRecorded");
        bus().publish(e);
        bus().publish(e);
        idle();
        assertEquals(1, calls.get());
    }

    @Test
    void failuresAreDeliveredAgainUntilTheySucceed() {
        AtomicInteger calls = new AtomicInteger();
        subscribe(new Subscription("flaky", Set.of(), FAST), e -> {
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
        subscribe(new Subscription("broken", Set.of("Always"), FAST), e -> {
            calls.incrementAndGet();
            throw new IllegalStateException("downstream is down");
        });
        subscribe(new Subscription("strict", Set.of("Poison"), FAST), e -> {
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
    void aSlowHandlerDoesNotDelayAnotherSubscription() throws Exception {
        java.util.concurrent.CountDownLatch release = new java.util.concurrent.CountDownLatch(1);
        java.util.concurrent.CountDownLatch fastGot = new java.util.concurrent.CountDownLatch(1);
        subscribe(new Subscription("slow", Set.of("Slow"), FAST), e -> release.await(20, java.util.concurrent.TimeUnit.SECONDS));
        subscribe(new Subscription("fast", Set.of("Fast"), FAST), e -> fastGot.countDown());
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
        subscribe(new Subscription("builds", Set.of("Build"), FAST, 2), e -> {
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
