package com.connectsoft.factory.blueprint.domain;

import java.math.BigDecimal;
import java.util.List;
import java.util.Optional;

/** A typed field of an entity with its validation rules. {@code path} locates it in the source for error reports. */
public record Field(
        String name,
        FieldType type,
        Optional<String> description,
        boolean required,
        boolean unique,
        Optional<BigDecimal> min,
        Optional<BigDecimal> max,
        Optional<Integer> minLength,
        Optional<Integer> maxLength,
        Optional<String> pattern,
        List<String> values,
        Optional<String> example,
        String path) {

    public Field {
        values = List.copyOf(values);
    }
}
