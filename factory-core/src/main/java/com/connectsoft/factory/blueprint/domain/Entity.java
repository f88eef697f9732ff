package com.connectsoft.factory.blueprint.domain;

import java.util.List;
import java.util.Optional;

/** An entity (aggregate root) of a module. */
public record Entity(String name, Optional<String> plural, Optional<String> description, List<Field> fields,
                     List<Relationship> relationships, String path) {
    public Entity {
        fields = List.copyOf(fields);
        relationships = List.copyOf(relationships);
    }
}
