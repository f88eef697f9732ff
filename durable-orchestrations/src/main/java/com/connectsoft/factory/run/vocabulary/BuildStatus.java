package com.connectsoft.factory.run.vocabulary;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/** What became of a module's build and tests. */
public enum BuildStatus implements Keyed {
    PENDING("pending"),
    PASSED("passed"),
    FAILED("failed"),
    TIMED_OUT("timed-out"),
    SKIPPED("skipped");

    private final String key;

    BuildStatus(String key) {
        this.key = key;
    }

    @JsonValue
    @Override
    public String key() {
        return key;
    }

    @JsonCreator
    public static BuildStatus of(String key) {
        return Keyed.parse(BuildStatus.class, key);
    }

    @Override
    public String toString() {
        return key;
    }
}
