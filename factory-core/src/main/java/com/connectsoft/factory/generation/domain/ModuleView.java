package com.connectsoft.factory.generation.domain;

import com.connectsoft.factory.blueprint.domain.FieldType;
import java.math.BigDecimal;
import java.util.List;
import java.util.Optional;

/**
 * A blueprint module as every render model sees it, in no language: names in each casing, fields with their types,
 * validation rules, valid sample values and invalid cases, stored references, and events. Model builders map it to
 * their language's data; templates map kinds to types and rules to checks. Deterministic for a given module.
 */
public record ModuleView(String productName, String name, String moduleId, Optional<String> description, int defaultPageSize,
                         int maxPageSize, boolean crudEvents, List<EntityView> entities) {
    public ModuleView {
        entities = List.copyOf(entities);
    }

    /** An entity: {@code pascal}/{@code camel}/{@code kebab} names, its URL collection name ({@code plural}), a title. */
    public record EntityView(String pascal, String camel, String kebab, String plural, String title, Optional<String> description,
                             List<FieldView> fields, List<ReferenceView> references, List<EventView> events) {
        public EntityView {
            fields = List.copyOf(fields);
            references = List.copyOf(references);
            events = List.copyOf(events);
        }
    }

    /**
     * A field: its member name, a label for people, its type and rules, three valid sample values as plain text
     * (what a user would type), and the invalid inputs its rules refuse.
     */
    public record FieldView(String name, String label, FieldType type, Optional<String> description, boolean required, boolean unique,
                            Optional<Integer> minLength, Optional<Integer> maxLength, Optional<String> pattern,
                            Optional<BigDecimal> min, Optional<BigDecimal> max, List<String> values, List<String> samples,
                            List<InvalidInput> invalid) {
        public FieldView {
            values = List.copyOf(values);
            samples = List.copyOf(samples);
            invalid = List.copyOf(invalid);
        }
    }

    /**
     * A value a field's rules refuse, with the rule's code (required, minLength, maxLength, pattern, min, max): either
     * {@code text} as it is, or, when {@code repeat} is positive, that many 'x' characters (long values stay short here).
     */
    public record InvalidInput(String code, String label, String text, int repeat) {
    }

    /** A stored reference to another entity: {@code name} is its member ({@code patientId}, {@code tagIds}). */
    public record ReferenceView(String name, String label, String target, boolean many, boolean required) {
    }

    /** A domain event of the entity and what triggers it (created, updated, deleted). */
    public record EventView(String name, String trigger) {
    }
}
