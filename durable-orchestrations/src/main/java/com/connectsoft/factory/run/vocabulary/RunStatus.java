package com.connectsoft.factory.run.vocabulary;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/** Where a run is: going, waiting for a human, or ended in one of four ways. */
public enum RunStatus implements Keyed {
    RUNNING("running"),
    WAITING_FOR_APPROVAL("waiting-for-approval"),
    COMPLETED("completed"),
    PARTIALLY_COMPLETED("partially-completed"),
    FAILED("failed"),
    CANCELLED("cancelled");

    private final String key;

    RunStatus(String key) {
        this.key = key;
    }

    @JsonValue
    @Override
    public String key() {
        return key;
    }

    @JsonCreator
    public static RunStatus of(String key) {
        return Keyed.parse(RunStatus.class, key);
    }

    /** Ended: completed, partially completed, failed or cancelled. */
    public boolean terminal() {
        return this != RUNNING && this != WAITING_FOR_APPROVAL;
    }

    @Override
    public String toString() {
        return key;
    }
}
