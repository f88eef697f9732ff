package com.connectsoft.factory.feedback.domain;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Arrays;

/** Where a feedback item came from. */
public enum FeedbackKind {
    /** A build of the generated project's pipeline finished. */
    BUILD("build"),
    /** Someone pushed to the generated project's repository. */
    PUSH("push"),
    /** A generated module was deployed (its pipeline's release step). */
    DEPLOYMENT("deployment"),
    /** An Azure Monitor alert about a generated module's resources. */
    ALERT("alert");

    private final String key;

    FeedbackKind(String key) {
        this.key = key;
    }

    @JsonValue
    public String key() {
        return key;
    }

    @JsonCreator
    public static FeedbackKind of(String key) {
        return Arrays.stream(values()).filter(k -> k.key.equals(key)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("unknown feedback kind '" + key + "'"));
    }
}
