package com.connectsoft.factory.blueprint.domain;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** How an entity refers to another: the owning side stores the id(s) of the target. */
public enum RelationshipKind {
    ONE_TO_ONE, ONE_TO_MANY, MANY_TO_ONE, MANY_TO_MANY;

    public String keyword() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    public static Optional<RelationshipKind> fromKeyword(String keyword) {
        return Arrays.stream(values()).filter(k -> k.keyword().equals(keyword)).findFirst();
    }

    public static List<String> keywords() {
        return Arrays.stream(values()).map(RelationshipKind::keyword).toList();
    }

    /** Whether the declaring entity stores a reference (one id or a list of ids) to the target. */
    public boolean storesReference() {
        return this != ONE_TO_MANY;
    }

    public boolean storesMany() {
        return this == MANY_TO_MANY;
    }
}
