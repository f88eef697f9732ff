package com.connectsoft.extensions.runtime.idempotency;

import java.time.Instant;

/**
 * The outcome of the first POST made with an {@code Idempotency-Key}, kept in the tenant's partition until
 * {@code expiresAt}: the hash of the key, the hash of the request body, the status and the created entity's id and
 * version. {@code recordEtag} is the stored record's own ETag (null before it is stored).
 */
public record IdempotencyRecord(String keyHash, String requestHash, int status, String entityId, long version,
                                Instant expiresAt, String recordEtag) {

    public boolean expiredAt(Instant now) {
        return !now.isBefore(expiresAt);
    }

    public IdempotencyRecord withEntity(String id, long entityVersion) {
        return new IdempotencyRecord(keyHash, requestHash, status, id, entityVersion, expiresAt, recordEtag);
    }
}
