package com.connectsoft.factory.blueprint.domain;

import java.util.Optional;

/** A domain event the module publishes when {@code entity} is created, updated or deleted. */
public record DomainEvent(String name, String entity, Trigger on, Optional<String> description, String path) {
    public enum Trigger { CREATED, UPDATED, DELETED }
}
