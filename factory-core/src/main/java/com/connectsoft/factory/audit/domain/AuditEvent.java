package com.connectsoft.factory.audit.domain;

import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * Something to append to a tenant's audit log. {@code key} identifies the occurrence: the same key appends once, so a
 * caller that runs again (a redelivered event, a retried activity) passes the same key and changes nothing. Derive it
 * from the occurrence's own identity (run, module, check; key id; event id), never from the time of the call.
 *
 * @param actor   who acted: a user's stated name, {@code api-key:<keyId>}, {@code policy:<checkId>}, {@code system}
 * @param subject what it acted on: a run, {@code run/<module>}, a key id, a plan
 * @param details short facts (reasons, decision, group); ids and counts, never payloads or secrets
 */
public record AuditEvent(String key, AuditAction action, String actor, String subject, Map<String, String> details) {
    public static final int MAX_TEXT = 512;
    public static final int MAX_DETAILS = 32;

    public AuditEvent {
        Objects.requireNonNull(action, "action");
        key = bounded("key", key);
        actor = bounded("actor", actor);
        subject = bounded("subject", subject);
        if (key.isBlank()) {
            throw new IllegalArgumentException("an audit event needs a key that identifies the occurrence");
        }
        if (details.size() > MAX_DETAILS) {
            throw new IllegalArgumentException("an audit event has at most " + MAX_DETAILS + " details, got " + details.size());
        }
        TreeMap<String, String> d = new TreeMap<>();
        details.forEach((k, v) -> d.put(bounded("detail name", k), bounded("detail " + k, v)));
        details = java.util.Collections.unmodifiableMap(d);
    }

    public static AuditEvent of(String key, AuditAction action, String actor, String subject) {
        return new AuditEvent(key, action, actor, subject, Map.of());
    }

    /**
     * Billing refused work before it started: {@code requestKey} identifies the refused request (so a retried request
     * is one entry), {@code meter} what was exceeded, {@code limit} the plan's quota, {@code resetsAt} when it resets.
     */
    public static AuditEvent quotaRefused(String requestKey, String actor, String meter, String limit, String resetsAt) {
        return new AuditEvent("quota.refused:" + requestKey, AuditAction.QUOTA_REFUSED, actor, "meter/" + meter,
                Map.of("meter", meter, "limit", limit, "resetsAt", resetsAt));
    }

    /** The tenant's plan changed; {@code changeId} identifies the change (e.g. the plan record's new version). */
    public static AuditEvent planChanged(String changeId, String actor, String fromPlan, String toPlan) {
        return new AuditEvent("plan.changed:" + changeId, AuditAction.PLAN_CHANGED, actor, "plan", Map.of("from", fromPlan, "to", toPlan));
    }

    public AuditEvent with(String name, String value) {
        TreeMap<String, String> d = new TreeMap<>(details);
        d.put(name, value);
        return new AuditEvent(key, action, actor, subject, d);
    }

    private static String bounded(String what, String value) {
        String v = value == null ? "" : value;
        return v.length() <= MAX_TEXT ? v : v.substring(0, MAX_TEXT - 1) + "…";
    }
}
