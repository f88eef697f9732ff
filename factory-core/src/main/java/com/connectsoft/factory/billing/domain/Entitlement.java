package com.connectsoft.factory.billing.domain;

import java.time.Instant;

/** A catalog item (template or library) installed into a tenant under a plan. */
public record Entitlement(String tenantId, String itemId, String kind, String planId, Instant installedAt) {
}
