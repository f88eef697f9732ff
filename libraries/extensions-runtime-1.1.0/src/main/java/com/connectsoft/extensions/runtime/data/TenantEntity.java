package com.connectsoft.extensions.runtime.data;

import java.time.Instant;

/** An entity owned by one tenant; repositories set its identity and concurrency metadata. */
public interface TenantEntity<T extends TenantEntity<T>> {
    String id();

    String tenantId();

    String etag();

    Instant createdAt();

    Instant updatedAt();

    T withMetadata(String id, String tenantId, String etag, Instant createdAt, Instant updatedAt);
}
