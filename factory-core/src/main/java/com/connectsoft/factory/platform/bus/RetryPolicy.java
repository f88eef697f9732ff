package com.connectsoft.factory.platform.bus;

import java.time.Duration;

/** Exponential backoff: attempt n waits initial * 2^(n-1), capped at max; after maxAttempts the event is dead-lettered. */
public record RetryPolicy(int maxAttempts, Duration initialBackoff, Duration maxBackoff) {
    public RetryPolicy {
        if (maxAttempts < 1) {
            throw new IllegalArgumentException("maxAttempts must be at least 1, was " + maxAttempts);
        }
        if (initialBackoff.isNegative() || maxBackoff.compareTo(initialBackoff) < 0) {
            throw new IllegalArgumentException("backoff must be 0 <= initial <= max");
        }
    }

    public static RetryPolicy standard() {
        return new RetryPolicy(5, Duration.ofSeconds(2), Duration.ofMinutes(2));
    }

    public Duration backoffAfter(int failedAttempts) {
        long factor = 1L << Math.min(30, Math.max(0, failedAttempts - 1));
        Duration d = initialBackoff.multipliedBy(factor);
        return d.compareTo(maxBackoff) > 0 ? maxBackoff : d;
    }
}
