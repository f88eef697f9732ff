package com.connectsoft.factory.capability;

import java.time.Duration;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * One unit of work of the production line: the Azure Function that runs it, the Service Bus topic and subscription
 * that feed it, the event types it takes and gives, how long one delivery may take and how often it is delivered
 * before it is dead-lettered. The function bindings, the local dispatcher and the infrastructure all read these.
 */
public record Capability(
        String name,
        String functionName,
        String topic,
        String subscription,
        Set<String> inputEventTypes,
        Set<String> resultEventTypes,
        Duration timeout,
        int maxDeliveries,
        String description) {

    public Capability {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(functionName, "functionName");
        Objects.requireNonNull(topic, "topic");
        Objects.requireNonNull(timeout, "timeout");
        if (subscription == null || !subscription.matches("[a-z][a-z0-9-]{1,49}")) {
            throw new IllegalArgumentException("subscription '" + subscription + "' of " + name + " must be 2-50 lowercase letters, digits or '-'");
        }
        if (inputEventTypes.isEmpty()) {
            throw new IllegalArgumentException("capability " + name + " takes no event type");
        }
        if (maxDeliveries < 1) {
            throw new IllegalArgumentException("capability " + name + ": maxDeliveries must be at least 1");
        }
        inputEventTypes = Set.copyOf(inputEventTypes);
        resultEventTypes = Set.copyOf(resultEventTypes);
    }

    /**
     * The Service Bus SQL filter of the subscription: the message subject carries the eventType, so the filter
     * matches on {@code sys.Label}. Event types are sorted so the filter text is stable.
     */
    public String sqlFilter() {
        TreeSet<String> sorted = new TreeSet<>(inputEventTypes);
        if (sorted.size() == 1) {
            return "sys.Label = '" + sorted.first() + "'";
        }
        return "sys.Label IN (" + sorted.stream().map(t -> "'" + t + "'").collect(Collectors.joining(", ")) + ")";
    }

    public boolean accepts(String eventType) {
        return inputEventTypes.contains(eventType);
    }
}
