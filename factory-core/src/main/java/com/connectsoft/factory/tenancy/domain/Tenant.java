package com.connectsoft.factory.tenancy.domain;

import java.time.Instant;

/** A customer or internal team of the factory; {@code plan} decides quotas and prices. */
public record Tenant(String tenantId, String name, String plan, String status, Instant createdAt, Instant updatedAt) {
    public static final String DEFAULT_PLAN = "developer";
}
