package com.connectsoft.factory.feedback.domain;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Arrays;

/** What the event said happened. */
public enum FeedbackSignal {
    BUILD_FAILED("build-failed"),
    BUILD_SUCCEEDED("build-succeeded"),
    PUSHED("pushed"),
    DEPLOYED("deployed"),
    ALERT_FIRED("alert-fired"),
    ALERT_RESOLVED("alert-resolved");

    private final String key;

    FeedbackSignal(String key) {
        this.key = key;
    }

    @JsonValue
    public String key() {
        return key;
    }

    @JsonCreator
    public static FeedbackSignal of(String key) {
        return Arrays.stream(values()).filter(k -> k.key.equals(key)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("unknown feedback signal '" + key + "'"));
    }
}
