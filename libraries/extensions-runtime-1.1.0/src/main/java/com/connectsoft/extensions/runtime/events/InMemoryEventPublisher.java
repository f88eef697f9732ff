package com.connectsoft.extensions.runtime.events;

import java.util.ArrayList;
import java.util.List;

/** Keeps published events in memory: for tests and local runs without Service Bus. */
public final class InMemoryEventPublisher implements EventPublisher {
    private final List<DomainEvent> events = new ArrayList<>();

    @Override
    public synchronized void publish(DomainEvent event) {
        events.add(event);
    }

    public synchronized List<DomainEvent> events() {
        return List.copyOf(events);
    }
}
