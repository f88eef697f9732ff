package com.connectsoft.factory.orchestration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.connectsoft.factory.orchestration.local.LocalDurableBackend;
import com.connectsoft.factory.orchestration.local.LocalDurableBackend.InstanceView;
import com.microsoft.durabletask.TaskOrchestration;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

/**
 * The backend replays every episode from the stored history, so orchestration code must make the same decisions each
 * time. Code that does not (here: it reads a flag that changes between episodes, as code reading the wall clock, a
 * random number or a changed deployment would) is caught by the replay engine and the instance fails, saying so.
 */
class ReplayDeterminismTest {
    static final AtomicBoolean FIRST_VERSION = new AtomicBoolean(true);

    /** Deterministic while the flag stays put; a different activity once it flips. */
    static final TaskOrchestration CHANGES_ITS_MIND = ctx -> {
        if (FIRST_VERSION.get()) {
            ctx.callActivity("Publish", "x", Void.class).await();
        }
        ctx.waitForExternalEvent("go", Void.class).await();
        ctx.complete("done");
    };

    static final TaskOrchestration STEADY = ctx -> {
        ctx.callActivity("Publish", "x", Void.class).await();
        ctx.createTimer(Duration.ofSeconds(1)).await();
        String answer = ctx.waitForExternalEvent("go", String.class).await();
        String child = ctx.callSubOrchestrator("Child", answer, ctx.getInstanceId() + ":child", String.class).await();
        ctx.complete("done " + child);
    };

    static final TaskOrchestration CHILD = ctx -> ctx.complete("child of " + ctx.getInput(String.class));

    LocalDurableBackend backend(InMemoryInstanceStore store, ManualClock clock) {
        return new LocalDurableBackend(store, Map.of("ChangesItsMind", CHANGES_ITS_MIND, "Steady", STEADY, "Child", CHILD),
                Map.of("Publish", in -> null), clock, 1);
    }

    @Test
    void codeThatDecidesDifferentlyOnReplayFailsTheInstance() throws Exception {
        InMemoryInstanceStore store = new InMemoryInstanceStore();
        ManualClock clock = new ManualClock();
        FIRST_VERSION.set(true);
        try (LocalDurableBackend b = backend(store, clock)) {
            b.start();
            b.schedule("t", "ChangesItsMind", "i-1", null);
            waitIdle(b, "i-1", 3);
            FIRST_VERSION.set(false);
            b.raise("t", "i-1", "go", null, null);
            InstanceView v = b.waitFor("t", "i-1", InstanceView::finished, Duration.ofSeconds(10)).orElseThrow();
            assertEquals("Failed", v.status());
            assertTrue(v.failure().contains("NonDeterministicOrchestratorException") && v.failure().contains("Non-deterministic"),
                    v.failure());
        } finally {
            FIRST_VERSION.set(true);
        }
    }

    @Test
    void deterministicCodeReplaysThroughActivitiesTimersEventsAndSubOrchestrations() throws Exception {
        InMemoryInstanceStore store = new InMemoryInstanceStore();
        ManualClock clock = new ManualClock();
        try (LocalDurableBackend b = backend(store, clock)) {
            b.start();
            b.schedule("t", "Steady", "i-2", null);
            waitIdle(b, "i-2", 5);
            clock.advance(Duration.ofSeconds(2));
            waitIdle(b, "i-2", 7);
            b.raise("t", "i-2", "go", "yes", "k");
            InstanceView v = b.waitFor("t", "i-2", InstanceView::finished, Duration.ofSeconds(10)).orElseThrow();
            assertEquals("Completed", v.status(), v.failure());
            assertEquals("\"done child of yes\"", v.output());
            assertEquals(List.of("Completed", "Completed"), b.list("t", "i-2").stream().map(InstanceView::status).toList());
        }
    }

    private static void waitIdle(LocalDurableBackend b, String id, int minHistory) throws InterruptedException {
        b.waitFor("t", id, v -> v.historyEvents() >= minHistory, Duration.ofSeconds(10)).orElseThrow();
        long end = System.nanoTime() + 5_000_000_000L;
        while (!b.idle() && System.nanoTime() < end) {
            Thread.sleep(5);
        }
    }
}
