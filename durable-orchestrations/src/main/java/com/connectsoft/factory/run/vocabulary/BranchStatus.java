package com.connectsoft.factory.run.vocabulary;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/** How one module's branch of a run ended. */
public enum BranchStatus implements Keyed {
    PASSED("passed"),
    FAILED("failed"),
    CANCELLED("cancelled");

    private final String key;

    BranchStatus(String key) {
        this.key = key;
    }

    @JsonValue
    @Override
    public String key() {
        return key;
    }

    @JsonCreator
    public static BranchStatus of(String key) {
        return Keyed.parse(BranchStatus.class, key);
    }

    @Override
    public String toString() {
        return key;
    }
}
