package com.connectsoft.factory.platform.store;

import java.util.Map;
import java.util.TreeMap;

/** Equality conditions on top-level string fields of a document body; empty matches every document. */
public record Filter(Map<String, String> equalTo) {
    public Filter {
        equalTo = new TreeMap<>(equalTo);
        equalTo.keySet().forEach(field -> {
            if (!field.matches("[A-Za-z][A-Za-z0-9]*")) {
                throw new IllegalArgumentException("filter field '" + field + "' must be a plain top-level field name");
            }
        });
    }

    public static Filter all() {
        return new Filter(Map.of());
    }

    public static Filter where(String field, String value) {
        return new Filter(Map.of(field, value));
    }

    public Filter and(String field, String value) {
        Map<String, String> m = new TreeMap<>(equalTo);
        m.put(field, value);
        return new Filter(m);
    }
}
