package com.connectsoft.factory.platform.bus;

import java.util.Set;

/**
 * A named consumer of the bus: receives the event types it lists (all types when empty), each event once per
 * subscription after it succeeded. Mirrors a Service Bus topic subscription with a SQL filter on eventType.
 */
public record Subscription(String name, Set<String> eventTypes, RetryPolicy retry) {
    public Subscription {
        if (name == null || !name.matches("[a-z][a-z0-9-]{1,49}")) {
            throw new IllegalArgumentException("subscription name '" + name + "' must be 2-50 lowercase letters, digits or '-'");
        }
        eventTypes = Set.copyOf(eventTypes);
    }

    public boolean accepts(String eventType) {
        return eventTypes.isEmpty() || eventTypes.contains(eventType);
    }
}
