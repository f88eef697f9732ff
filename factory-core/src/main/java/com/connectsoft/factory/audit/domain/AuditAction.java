package com.connectsoft.factory.audit.domain;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Arrays;

/** What an audit entry records. The key is what the log stores and shows; it never changes once written. */
public enum AuditAction {
    POLICY_DECIDED("policy.decided"),
    APPROVAL_REQUESTED("approval.requested"),
    APPROVAL_ESCALATED("approval.escalated"),
    APPROVAL_GRANTED("approval.granted"),
    APPROVAL_REJECTED("approval.rejected"),
    APPROVAL_EXPIRED("approval.expired"),
    RUN_CANCELLED("run.cancelled"),
    API_KEY_CREATED("apikey.created"),
    API_KEY_REVOKED("apikey.revoked"),
    QUOTA_REFUSED("quota.refused"),
    PLAN_CHANGED("plan.changed");

    private final String key;

    AuditAction(String key) {
        this.key = key;
    }

    @JsonValue
    public String key() {
        return key;
    }

    @JsonCreator
    public static AuditAction of(String key) {
        return Arrays.stream(values()).filter(a -> a.key.equals(key)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("unknown audit action '" + key + "'"));
    }
}
