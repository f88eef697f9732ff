package com.connectsoft.factory.run.application;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * Where a process that started a run (the CLI) listens to its progress. Only listeners in this process hear it;
 * a run whose results are applied elsewhere is followed through its stored record instead. It also tells waiters in this
 * process that a run changed here ({@link #changed}), so that they read its record again at once instead of polling it.
 */
public final class RunProgressBoard {
    private final Map<String, RunProgress> listeners = new ConcurrentHashMap<>();
    private final Object changes = new Object();
    private long version;

    /** A run's stored record changed in this process. */
    public void changed(String runId) {
        synchronized (changes) {
            version++;
            changes.notifyAll();
        }
    }

    /** How many changes this process has seen: read it before reading a record, then {@link #awaitChange} after it. */
    public long version() {
        synchronized (changes) {
            return version;
        }
    }

    /**
     * Returns when a run changed in this process since {@code seen}, or after {@code atMost} (changes made by other
     * processes are only seen by reading again).
     */
    public void awaitChange(long seen, Duration atMost) throws InterruptedException {
        long deadline = System.nanoTime() + atMost.toNanos();
        synchronized (changes) {
            while (version == seen) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return;
                }
                TimeUnit.NANOSECONDS.timedWait(changes, left);
            }
        }
    }

    public void listen(String runId, RunProgress progress) {
        if (progress != RunProgress.SILENT) {
            listeners.put(runId, progress);
        }
    }

    public void forget(String runId) {
        listeners.remove(runId);
    }

    public RunProgress of(String runId) {
        return listeners.getOrDefault(runId, RunProgress.SILENT);
    }
}
