package com.connectsoft.factory.api;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Iterator;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Failed authentications per client address: after {@code maxFailures} within {@code window}, the address is refused
 * for {@code block} before its credentials are even looked at. An unknown address (a host that cannot tell) is never
 * throttled. Memory is bounded: at most {@code maxClients} addresses are tracked.
 */
public final class AuthThrottle {
    public record Policy(int maxFailures, Duration window, Duration block, int maxClients) {
        public static final Policy DEFAULT = new Policy(10, Duration.ofMinutes(1), Duration.ofMinutes(1), 10_000);

        public Policy {
            if (maxFailures < 1 || window.isNegative() || window.isZero() || block.isNegative() || block.isZero() || maxClients < 1) {
                throw new IllegalArgumentException("maxFailures, window, block and maxClients must be positive");
            }
        }
    }

    private static final class Client {
        Instant windowStart;
        int failures;
        Instant blockedUntil = Instant.MIN;

        Client(Instant now) {
            windowStart = now;
        }
    }

    private final Policy policy;
    private final Clock clock;
    private final Map<String, Client> clients = new ConcurrentHashMap<>();

    public AuthThrottle(Policy policy, Clock clock) {
        this.policy = policy;
        this.clock = clock;
    }

    public Policy policy() {
        return policy;
    }

    /** How long the address is still refused, if it is. */
    public Optional<Duration> blockedFor(String client) {
        if (client == null || client.isEmpty()) {
            return Optional.empty();
        }
        Client c = clients.get(client);
        if (c == null) {
            return Optional.empty();
        }
        Instant now = clock.instant();
        synchronized (c) {
            return now.isBefore(c.blockedUntil) ? Optional.of(Duration.between(now, c.blockedUntil)) : Optional.empty();
        }
    }

    /** Counts a failed authentication; true when this one starts a block. */
    public boolean failed(String client) {
        if (client == null || client.isEmpty()) {
            return false;
        }
        Instant now = clock.instant();
        if (clients.size() >= policy.maxClients() && !clients.containsKey(client)) {
            evict(now);
        }
        Client c = clients.computeIfAbsent(client, k -> new Client(now));
        synchronized (c) {
            if (!now.isBefore(c.windowStart.plus(policy.window()))) {
                c.windowStart = now;
                c.failures = 0;
            }
            c.failures++;
            if (c.failures >= policy.maxFailures() && !now.isBefore(c.blockedUntil)) {
                c.blockedUntil = now.plus(policy.block());
                c.failures = 0;
                c.windowStart = c.blockedUntil;
                return true;
            }
            return false;
        }
    }

    private void evict(Instant now) {
        clients.entrySet().removeIf(e -> {
            synchronized (e.getValue()) {
                return !now.isBefore(e.getValue().blockedUntil) && !now.isBefore(e.getValue().windowStart.plus(policy.window()));
            }
        });
        Iterator<String> any = clients.keySet().iterator(); // still full: forget some addresses rather than grow
        while (clients.size() >= policy.maxClients() && any.hasNext()) {
            any.next();
            any.remove();
        }
    }
}
