package com.connectsoft.extensions.runtime.data;

import com.connectsoft.extensions.runtime.events.DomainEvent;

import java.util.List;

/** An entity change that was committed together with its outbox records: the stored entity, its version, the events. */
public record Committed<T>(T entity, long version, List<DomainEvent> events) {
    public Committed {
        events = List.copyOf(events);
    }
}
