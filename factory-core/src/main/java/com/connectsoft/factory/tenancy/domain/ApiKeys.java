package com.connectsoft.factory.tenancy.domain;

import com.connectsoft.factory.shared.domain.TenantId;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Per-tenant API keys for the HTTP API. A key names its tenant ({@code fk.<tenant>.<secret>}) and only its sha256 is
 * stored, in that tenant's partition, so checking a key never reads across tenants. Every key has an id (a prefix of
 * its hash, not a secret), may expire, and can be revoked; listing and revoking are scoped to one tenant.
 */
public interface ApiKeys {
    /** How long a key lives when its creator does not say. */
    Duration DEFAULT_LIFETIME = Duration.ofDays(90);

    /** A new key for the tenant that expires after {@link #DEFAULT_LIFETIME}; shown once, never stored in clear. */
    default String issue(TenantId tenant) {
        return issue(tenant, DEFAULT_LIFETIME).key();
    }

    /** A new key for the tenant that expires {@code lifetime} from now. */
    IssuedKey issue(TenantId tenant, Duration lifetime);

    /** What the presented key is: valid for its tenant, unknown (never issued, or not a key at all), expired or revoked. */
    KeyCheck check(String key);

    /** The tenant the key belongs to, when it is a valid key. */
    default Optional<TenantId> resolve(String key) {
        return check(key) instanceof KeyCheck.Valid v ? Optional.of(v.tenant()) : Optional.empty();
    }

    /** The tenant's keys, newest first, without any secret. */
    List<ApiKeyInfo> list(TenantId tenant);

    /**
     * Revokes one of the tenant's keys; revoking a revoked key changes nothing (idempotent). Empty when the tenant has
     * no key with that id (another tenant's key is not found either).
     */
    Optional<ApiKeyInfo> revoke(TenantId tenant, String keyId);

    /** A key as it was issued: the secret (shown once) and its record. */
    record IssuedKey(String key, ApiKeyInfo info) {
    }

    /**
     * A stored key without its secret; {@code prefix} is the start of the key, enough to recognise it; {@code status} is
     * as of when the key was read.
     */
    record ApiKeyInfo(String keyId, String tenantId, String prefix, Status status, Instant createdAt, Optional<Instant> expiresAt,
                      Optional<Instant> lastUsedAt, Optional<Instant> revokedAt) {
        public enum Status { ACTIVE, EXPIRED, REVOKED }
    }

    /** The answer to a presented key; {@code keyId} is derived from the key's hash and is safe to log. */
    sealed interface KeyCheck {
        String keyId();

        record Valid(TenantId tenant, String keyId) implements KeyCheck {
        }

        record Unknown(String keyId) implements KeyCheck {
        }

        record Expired(TenantId tenant, String keyId, Instant expiredAt) implements KeyCheck {
        }

        record Revoked(TenantId tenant, String keyId, Instant revokedAt) implements KeyCheck {
        }
    }
}
