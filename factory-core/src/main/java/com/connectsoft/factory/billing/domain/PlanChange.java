package com.connectsoft.factory.billing.domain;

import java.time.Instant;

/** A tenant moved from one plan to another (kept in the tenant's partition, never rewritten). */
public record PlanChange(String tenantId, String changeId, String fromPlan, String toPlan, String by, Instant changedAt) {
}
