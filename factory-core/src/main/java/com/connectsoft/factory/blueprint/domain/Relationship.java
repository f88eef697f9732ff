package com.connectsoft.factory.blueprint.domain;

import java.util.Optional;

/** A reference from the declaring entity to {@code target}; across modules it becomes an id reference. */
public record Relationship(String name, RelationshipKind kind, String target, boolean required,
                           Optional<String> description, String path) {
}
