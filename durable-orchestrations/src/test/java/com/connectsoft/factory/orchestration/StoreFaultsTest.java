package com.connectsoft.factory.orchestration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.connectsoft.factory.orchestration.local.InstanceStore;
import com.connectsoft.factory.orchestration.local.LocalDurableBackend;
import com.connectsoft.factory.orchestration.local.LocalDurableBackend.InstanceView;
import com.microsoft.durabletask.TaskOrchestration;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * A store that fails for a moment (a busy database, a full disk being cleared) loses nothing and does no work twice: a
 * failed episode is played again after a pause even when no event is left to come (a timer that fired), and a finished
 * activity's result is written again rather than the activity run again.
 */
class StoreFaultsTest {
    /** The in-memory store, failing the next {@link #failNext} commits the way a database error would. */
    static final class FaultyStore implements InstanceStore {
        final InMemoryInstanceStore inner = new InMemoryInstanceStore();
        final AtomicInteger failNext = new AtomicInteger();
        final AtomicInteger failed = new AtomicInteger();

        @Override
        public Optional<Versioned> load(String partition, String instanceId) {
            return inner.load(partition, instanceId);
        }

        @Override
        public void commit(String partition, List<Change> changes) {
            if (failNext.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
                failed.incrementAndGet();
                throw new IllegalStateException("embedded database error: disk I/O error");
            }
            inner.commit(partition, changes);
        }

        @Override
        public List<Versioned> unfinished() {
            return inner.unfinished();
        }

        @Override
        public List<Versioned> list(String partition, String idPrefix) {
            return inner.list(partition, idPrefix);
        }
    }

    static final TaskOrchestration TIMER_THEN_DONE = ctx -> {
        ctx.createTimer(Duration.ofMinutes(5)).await();
        ctx.complete("after the timer");
    };

    static final CountDownLatch RELEASE = new CountDownLatch(1);
    static final AtomicInteger WORK_DONE = new AtomicInteger();

    static final TaskOrchestration ONE_ACTIVITY = ctx -> ctx.complete(ctx.callActivity("Work", "x", String.class).await());

    private static void awaitTrue(java.util.function.BooleanSupplier condition, String what) throws InterruptedException {
        long end = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (!condition.getAsBoolean()) {
            assertTrue(System.nanoTime() < end, "waited 20 s for: " + what);
            Thread.sleep(5);
        }
    }

    @Test
    void anEpisodeOfAFiredTimerThatFailedToCommitIsPlayedAgain() throws Exception {
        FaultyStore store = new FaultyStore();
        ManualClock clock = new ManualClock();
        try (LocalDurableBackend b = new LocalDurableBackend(store, Map.of("TimerThenDone", TIMER_THEN_DONE), Map.of(), clock, 1)) {
            b.start();
            b.schedule("t", "TimerThenDone", "i-1", null);
            b.waitFor("t", "i-1", v -> v.historyEvents() >= 3, Duration.ofSeconds(10)).orElseThrow();
            awaitTrue(b::idle, "the first episode settles");

            store.failNext.set(1);
            clock.advance(Duration.ofMinutes(6));
            awaitTrue(() -> store.failed.get() == 1, "the timer's episode meets the fault");
            awaitTrue(b::idle, "the failed episode is over");
            assertEquals("Running", b.waitFor("t", "i-1", v -> true, Duration.ofSeconds(1)).orElseThrow().status(), "nothing was committed");

            clock.advance(Duration.ofMinutes(1)); // longer than any pause before a retry
            InstanceView v = b.waitFor("t", "i-1", InstanceView::finished, Duration.ofSeconds(10)).orElseThrow();
            assertEquals("Completed", v.status(), v.failure());
            assertEquals("\"after the timer\"", v.output());
        }
    }

    @Test
    void anActivitysResultIsRecordedAgainNotItsWorkDoneAgain() throws Exception {
        FaultyStore store = new FaultyStore();
        ManualClock clock = new ManualClock();
        LocalDurableBackend.ActivityHandler work = in -> {
            assertTrue(RELEASE.await(20, TimeUnit.SECONDS));
            return "\"done " + WORK_DONE.incrementAndGet() + "\"";
        };
        try (LocalDurableBackend b = new LocalDurableBackend(store, Map.of("OneActivity", ONE_ACTIVITY), Map.of("Work", work), clock, 1)) {
            b.start();
            b.schedule("t", "OneActivity", "i-2", null);
            b.waitFor("t", "i-2", v -> v.historyEvents() >= 3, Duration.ofSeconds(10)).orElseThrow();
            store.failNext.set(2);
            RELEASE.countDown();
            InstanceView v = b.waitFor("t", "i-2", InstanceView::finished, Duration.ofSeconds(20)).orElseThrow();
            assertEquals("Completed", v.status(), v.failure());
            assertEquals("\"done 1\"", v.output());
            assertEquals(2, store.failed.get(), "both faults were met");
            assertEquals(1, WORK_DONE.get(), "the activity ran once");
        }
    }
}
