package com.connectsoft.factory.platform.content;

import com.connectsoft.factory.shared.domain.TenantId;
import java.util.Optional;

/**
 * Content-addressed artifact bytes, kept per tenant: the same bytes put twice are stored once and get the same
 * hash; a tenant can only read bytes it stored. Puts are atomic: a reader never sees a partial file.
 */
public interface ContentStore {
    ContentRef put(TenantId tenant, byte[] bytes);

    Optional<byte[]> get(TenantId tenant, String contentHash);

    boolean exists(TenantId tenant, String contentHash);

    /** Removes the tenant's copy; false when it had none. */
    boolean delete(TenantId tenant, String contentHash);
}
