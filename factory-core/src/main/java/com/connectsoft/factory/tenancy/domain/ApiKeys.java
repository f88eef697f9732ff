package com.connectsoft.factory.tenancy.domain;

import com.connectsoft.factory.shared.domain.TenantId;
import java.util.Optional;

/**
 * Per-tenant API keys for the local host. A key names its tenant ({@code fk.<tenant>.<secret>}) and only its
 * sha256 is stored, in that tenant's partition, so resolving a key never reads across tenants.
 */
public interface ApiKeys {
    /** A new key for the tenant; shown once, never stored in clear. */
    String issue(TenantId tenant);

    /** The tenant the key belongs to, when it is a key that was issued. */
    Optional<TenantId> resolve(String key);
}
