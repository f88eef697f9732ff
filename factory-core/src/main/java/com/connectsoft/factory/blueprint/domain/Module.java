package com.connectsoft.factory.blueprint.domain;

import java.util.List;
import java.util.Optional;

/** A bounded context: one generated service, by default in the package {@code <product package>.<module>}. */
public record Module(String name, Optional<String> description, List<Entity> entities, List<DomainEvent> events,
                     ModuleOptions options, Optional<String> javaPackage, String path) {
    public Module {
        entities = List.copyOf(entities);
        events = List.copyOf(events);
    }

    /** The module's id within its run and project: {@code module-} and its kebab-case name. */
    public String moduleId() {
        return "module-" + Names.kebab(name);
    }
}
