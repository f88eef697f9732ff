package com.connectsoft.factory.blueprint.domain;

import java.util.List;
import java.util.Optional;

/**
 * A domain event the module publishes when {@code entity} is created, updated or deleted. An {@code updated} event
 * with {@code whenChanged} fires only when one of those fields (or relationships) changed; {@code includesPersonalData}
 * lets the event carry the changed fields' values (otherwise it carries ids, version and the changed fields' names).
 */
public record DomainEvent(String name, String entity, Trigger on, Optional<String> description, String path,
                          List<String> whenChanged, boolean includesPersonalData) {
    public enum Trigger { CREATED, UPDATED, DELETED }

    public DomainEvent {
        whenChanged = List.copyOf(whenChanged);
    }

    public DomainEvent(String name, String entity, Trigger on, Optional<String> description, String path) {
        this(name, entity, on, description, path, List.of(), false);
    }
}
