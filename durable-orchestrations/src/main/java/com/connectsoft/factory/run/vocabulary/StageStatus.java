package com.connectsoft.factory.run.vocabulary;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/** How a stage of a run ended: for every module, some, none, not at all. */
public enum StageStatus implements Keyed {
    COMPLETED("completed"),
    PARTIAL("partial"),
    FAILED("failed"),
    SKIPPED("skipped"),
    CANCELLED("cancelled");

    private final String key;

    StageStatus(String key) {
        this.key = key;
    }

    @JsonValue
    @Override
    public String key() {
        return key;
    }

    @JsonCreator
    public static StageStatus of(String key) {
        return Keyed.parse(StageStatus.class, key);
    }

    @Override
    public String toString() {
        return key;
    }
}
