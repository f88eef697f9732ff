package com.connectsoft.factory.run.vocabulary;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/** A module's governance: the overall decision of its checks, then a human's answer where one was needed. */
public enum GovernanceStatus implements Keyed {
    PENDING("pending"),
    ALLOW("Allow"),
    DENY("Deny"),
    REQUIRES_APPROVAL("RequiresApproval"),
    REJECTED("Rejected"),
    NOT_RENDERED("NotRendered");

    private final String key;

    GovernanceStatus(String key) {
        this.key = key;
    }

    @JsonValue
    @Override
    public String key() {
        return key;
    }

    @JsonCreator
    public static GovernanceStatus of(String key) {
        return Keyed.parse(GovernanceStatus.class, key);
    }

    @Override
    public String toString() {
        return key;
    }
}
