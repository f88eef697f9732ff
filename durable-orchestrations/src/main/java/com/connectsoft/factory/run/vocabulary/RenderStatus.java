package com.connectsoft.factory.run.vocabulary;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/** What became of a module's render. */
public enum RenderStatus implements Keyed {
    PENDING("pending"),
    RENDERED("rendered"),
    REFUSED("refused");

    private final String key;

    RenderStatus(String key) {
        this.key = key;
    }

    @JsonValue
    @Override
    public String key() {
        return key;
    }

    @JsonCreator
    public static RenderStatus of(String key) {
        return Keyed.parse(RenderStatus.class, key);
    }

    @Override
    public String toString() {
        return key;
    }
}
