package com.connectsoft.factory.platform.content;

import com.connectsoft.factory.shared.domain.TenantId;
import java.util.Optional;

/**
 * Content-addressed artifact bytes, kept per tenant: the same bytes put twice are stored once and get the same
 * hash; a tenant can only read bytes it stored. Puts are atomic: a reader never sees a partial file.
 */
public interface ContentStore {
    ContentRef put(TenantId tenant, byte[] bytes);

    /**
     * Puts each of {@code contents} as {@link #put} does, in order, and returns their references in the same order. A
     * batch is not atomic: when it fails part-way, what was stored stays (content-addressed, so putting it again is
     * harmless). Stores that can do the batch's bookkeeping at once (the metered store: one usage transaction) override it.
     */
    default java.util.List<ContentRef> putAll(TenantId tenant, java.util.List<byte[]> contents) {
        java.util.List<ContentRef> refs = new java.util.ArrayList<>(contents.size());
        for (byte[] bytes : contents) {
            refs.add(put(tenant, bytes));
        }
        return refs;
    }

    Optional<byte[]> get(TenantId tenant, String contentHash);

    boolean exists(TenantId tenant, String contentHash);

    /** Removes the tenant's copy; false when it had none. */
    boolean delete(TenantId tenant, String contentHash);
}
