package com.connectsoft.factory.run.vocabulary;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/** The stages of a run, in order; a stage is recorded when every module has passed it. */
public enum Stage implements Keyed {
    INTAKE("intake"),
    PLAN("plan"),
    RENDER("render"),
    GOVERNANCE("governance"),
    VALIDATE("validate"),
    PUBLISH("publish"),
    DONE("done"),
    COMPENSATE("compensate");

    private final String key;

    Stage(String key) {
        this.key = key;
    }

    @JsonValue
    @Override
    public String key() {
        return key;
    }

    @JsonCreator
    public static Stage of(String key) {
        return Keyed.parse(Stage.class, key);
    }

    @Override
    public String toString() {
        return key;
    }
}
