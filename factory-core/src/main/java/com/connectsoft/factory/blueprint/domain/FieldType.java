package com.connectsoft.factory.blueprint.domain;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** The field types a blueprint may use. */
public enum FieldType {
    STRING, TEXT, INTEGER, LONG, DECIMAL, BOOLEAN, DATE, INSTANT, UUID, ENUM, BLOB;

    public String keyword() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<FieldType> fromKeyword(String keyword) {
        return Arrays.stream(values()).filter(t -> t.keyword().equals(keyword)).findFirst();
    }

    public static List<String> keywords() {
        return Arrays.stream(values()).map(FieldType::keyword).toList();
    }

    public boolean isTextual() {
        return this == STRING || this == TEXT;
    }

    public boolean isNumeric() {
        return this == INTEGER || this == LONG || this == DECIMAL;
    }
}
