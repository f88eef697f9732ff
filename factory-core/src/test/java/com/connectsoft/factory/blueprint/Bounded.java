package com.connectsoft.factory.blueprint;

import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.time.Duration;
import java.util.function.Supplier;
import org.junit.jupiter.api.function.ThrowingSupplier;

/**
 * Runs work that must be bounded, the way the tests of hostile input need it on a shared, busy machine: the bound is
 * the CPU time of the thread doing the work (what the work costs, whatever else runs), and a wall-clock guard five
 * times longer stops a test whose work never returns.
 */
final class Bounded {
    /** What reading any one hostile input may cost; they take tens to a few hundred milliseconds here. */
    static final Duration CPU = Duration.ofSeconds(2);
    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

    private Bounded() {
    }

    static <T> T within(ThrowingSupplier<T> work, Supplier<String> what) {
        Object[] result = new Object[1];
        long cpu = assertTimeoutPreemptively(CPU.multipliedBy(5), () -> {
            long start = THREADS.getCurrentThreadCpuTime();
            result[0] = work.get();
            return THREADS.getCurrentThreadCpuTime() - start;
        }, () -> what.get() + " did not return within " + CPU.multipliedBy(5).toSeconds() + " s");
        assertTrue(cpu <= CPU.toNanos(), () -> what.get() + " took " + cpu / 1_000_000 + " ms of CPU; the bound is " + CPU.toMillis() + " ms");
        @SuppressWarnings("unchecked")
        T t = (T) result[0];
        return t;
    }

    static <T> T within(ThrowingSupplier<T> work) {
        return within(work, () -> "the work");
    }
}
