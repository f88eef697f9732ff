package com.connectsoft.factory.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.connectsoft.factory.run.application.RunProgressBoard;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** A waiter for a run's record is woken by a change made in this process, and otherwise reads again after its timeout. */
class RunProgressBoardTest {

    @Test
    void aChangeWakesTheWaiterAtOnce() throws Exception {
        RunProgressBoard board = new RunProgressBoard();
        long seen = board.version();
        CompletableFuture<Long> woke = CompletableFuture.supplyAsync(() -> {
            long t0 = System.nanoTime();
            try {
                board.awaitChange(seen, Duration.ofMinutes(1));
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
            return System.nanoTime() - t0;
        });
        board.changed("run-1");
        long waited = woke.get(30, TimeUnit.SECONDS);
        assertTrue(waited < Duration.ofSeconds(30).toNanos(), "woken by the change, not the one-minute timeout");
        assertEquals(seen + 1, board.version());
    }

    @Test
    void aChangeBeforeTheWaitIsNotLostAndWithoutOneTheWaitEnds() throws Exception {
        RunProgressBoard board = new RunProgressBoard();
        long seen = board.version();
        board.changed("run-1");
        long t0 = System.nanoTime();
        board.awaitChange(seen, Duration.ofMinutes(1)); // returns at once: the version moved since it was read
        assertTrue(System.nanoTime() - t0 < Duration.ofSeconds(30).toNanos());

        long now = board.version();
        t0 = System.nanoTime();
        board.awaitChange(now, Duration.ofMillis(50));
        assertTrue(System.nanoTime() - t0 >= Duration.ofMillis(50).toNanos(), "nothing changed: it waits its time out");
    }
}
