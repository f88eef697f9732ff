package com.connectsoft.factory.capability;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * A Service Bus queue between the factory and a worker that is not the function app (the build jobs): its name, the
 * app setting naming its namespace for the function app's trigger ({@code <connection>__fullyQualifiedNamespace}),
 * the function that receives it when the function app does ({@code functionName}), how long a message is locked,
 * how often it is delivered before it is dead-lettered, and how long an unreceived message lives. The function
 * bindings and the Pulumi queues are derived from (and tested against) these entries.
 */
public record JobQueue(String name, String connection, Optional<String> functionName, Duration lockDuration, int maxDeliveries,
                       Duration timeToLive, String description) {
    public JobQueue {
        Objects.requireNonNull(connection, "connection");
        Objects.requireNonNull(functionName, "functionName");
        Objects.requireNonNull(lockDuration, "lockDuration");
        Objects.requireNonNull(timeToLive, "timeToLive");
        if (name == null || !name.matches("[a-z][a-z0-9-]{1,49}")) {
            throw new IllegalArgumentException("queue '" + name + "' must be 2-50 lowercase letters, digits or '-'");
        }
        if (maxDeliveries < 1) {
            throw new IllegalArgumentException("queue " + name + ": maxDeliveries must be at least 1");
        }
        if (lockDuration.compareTo(Duration.ofMinutes(5)) > 0 || lockDuration.isNegative() || lockDuration.isZero()) {
            throw new IllegalArgumentException("queue " + name + ": Service Bus locks a message for at most 5 minutes");
        }
    }
}
