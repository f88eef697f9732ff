package com.connectsoft.factory.run.vocabulary;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Objects;

/**
 * One step of a run: render a module, one governance check of it, ask for and receive a human's approval, build and
 * test it, commit the run. Its wire name ({@code render}, {@code check:<id>}, {@code validate}, ...) names the step's
 * result event and derives its commands' event ids.
 */
public record Step(Kind kind, String checkId) {
    /** The kinds of step. */
    public enum Kind implements Keyed {
        RENDER("render"),
        CHECK("check"),
        APPROVAL_REQUESTED("approval-requested"),
        APPROVAL_ESCALATED("approval-escalated"),
        APPROVAL("approval"),
        VALIDATE("validate"),
        PUBLISH("publish");

        private final String key;

        Kind(String key) {
            this.key = key;
        }

        @Override
        public String key() {
            return key;
        }
    }

    public static final Step RENDER = new Step(Kind.RENDER, null);
    public static final Step APPROVAL_REQUESTED = new Step(Kind.APPROVAL_REQUESTED, null);
    public static final Step APPROVAL_ESCALATED = new Step(Kind.APPROVAL_ESCALATED, null);
    public static final Step APPROVAL = new Step(Kind.APPROVAL, null);
    public static final Step VALIDATE = new Step(Kind.VALIDATE, null);
    public static final Step PUBLISH = new Step(Kind.PUBLISH, null);
    private static final String CHECK_PREFIX = "check:";

    public Step {
        Objects.requireNonNull(kind, "kind");
        if ((kind == Kind.CHECK) != (checkId != null && !checkId.isBlank())) {
            throw new IllegalArgumentException(kind == Kind.CHECK ? "a check step names its check" : kind.key() + " takes no check id");
        }
    }

    public static Step check(String checkId) {
        return new Step(Kind.CHECK, checkId);
    }

    /** The step's name on the wire. */
    @JsonValue
    public String wireName() {
        return kind == Kind.CHECK ? CHECK_PREFIX + checkId : kind.key();
    }

    @JsonCreator
    public static Step parse(String wireName) {
        if (wireName != null && wireName.startsWith(CHECK_PREFIX)) {
            return check(wireName.substring(CHECK_PREFIX.length()));
        }
        return switch (Keyed.parse(Kind.class, wireName)) {
            case RENDER -> RENDER;
            case APPROVAL_REQUESTED -> APPROVAL_REQUESTED;
            case APPROVAL_ESCALATED -> APPROVAL_ESCALATED;
            case APPROVAL -> APPROVAL;
            case VALIDATE -> VALIDATE;
            case PUBLISH -> PUBLISH;
            case CHECK -> throw new IllegalArgumentException("a check step is written check:<id>, not '" + wireName + "'");
        };
    }

    /** Steps whose results a module's branch waits for (all but the approval's bookkeeping). */
    public boolean isCheck() {
        return kind == Kind.CHECK;
    }

    @Override
    public String toString() {
        return wireName();
    }
}
