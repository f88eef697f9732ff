package com.connectsoft.factory.platform.store;

import com.connectsoft.factory.shared.domain.TenantId;
import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;

/** One JSON document in one tenant's partition. {@code etag} changes on every write. */
public record Document(TenantId tenantId, String collection, String id, String etag, JsonNode body,
                       Instant createdAt, Instant updatedAt) {
}
