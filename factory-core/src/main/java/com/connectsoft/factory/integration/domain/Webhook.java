package com.connectsoft.factory.integration.domain;

import java.time.Instant;

/**
 * A tenant's webhook subscription: one credential that an external sender (an Event Grid subscription) presents on
 * every delivery. Only the credential's hash is stored; the tenant of every event it delivers is this record's tenant.
 */
public record Webhook(String webhookId, String tenantId, String name, Instant createdAt, Instant rotatedAt) {
}
