package com.connectsoft.factory.blueprint.domain;

import java.util.List;
import java.util.Optional;

/** A product blueprint: the product and its modules. Entity names are unique across the blueprint. */
public record Blueprint(Product product, List<Module> modules) {
    public Blueprint {
        modules = List.copyOf(modules);
    }

    public Optional<Module> moduleOf(String entityName) {
        return modules.stream().filter(m -> m.entities().stream().anyMatch(e -> e.name().equals(entityName))).findFirst();
    }

    public int entityCount() {
        return modules.stream().mapToInt(m -> m.entities().size()).sum();
    }
}
