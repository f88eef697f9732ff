package com.connectsoft.factory.platform.bus;

import java.util.Set;

/**
 * A named consumer of the bus: receives the event types it lists (all types when empty), each event once per
 * subscription after it succeeded. Mirrors a Service Bus topic subscription with a SQL filter on eventType.
 * {@code concurrency} is how many of its events may be handled at once (Service Bus: the function's
 * maxConcurrentCalls); with 1 they are handled one after another in publication order, with more the order among
 * them is not kept. A slow handler never delays another subscription.
 */
public record Subscription(String name, Set<String> eventTypes, RetryPolicy retry, int concurrency) {
    public Subscription {
        if (name == null || !name.matches("[a-z][a-z0-9-]{1,49}")) {
            throw new IllegalArgumentException("subscription name '" + name + "' must be 2-50 lowercase letters, digits or '-'");
        }
        if (concurrency < 1) {
            throw new IllegalArgumentException("subscription '" + name + "': concurrency must be at least 1, not " + concurrency);
        }
        eventTypes = Set.copyOf(eventTypes);
    }

    /** A subscription whose events are handled one at a time, in order. */
    public Subscription(String name, Set<String> eventTypes, RetryPolicy retry) {
        this(name, eventTypes, retry, 1);
    }

    public boolean accepts(String eventType) {
        return eventTypes.isEmpty() || eventTypes.contains(eventType);
    }
}
