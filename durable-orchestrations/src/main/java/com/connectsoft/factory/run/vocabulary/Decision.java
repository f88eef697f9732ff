package com.connectsoft.factory.run.vocabulary;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/** A governance policy's decision on one module. */
public enum Decision implements Keyed {
    Allow("Allow"),
    Deny("Deny"),
    RequiresApproval("RequiresApproval");

    private final String key;

    Decision(String key) {
        this.key = key;
    }

    @JsonValue
    @Override
    public String key() {
        return key;
    }

    @JsonCreator
    public static Decision of(String key) {
        return Keyed.parse(Decision.class, key);
    }

    @Override
    public String toString() {
        return key;
    }
}
