package com.connectsoft.factory.billing.adapter.store;

import com.connectsoft.factory.billing.domain.Meter;
import com.connectsoft.factory.platform.content.ContentRef;
import com.connectsoft.factory.platform.content.ContentStore;
import com.connectsoft.factory.shared.domain.Ids;
import com.connectsoft.factory.shared.domain.TenantId;
import com.connectsoft.factory.usage.domain.UsageRecord;
import com.connectsoft.factory.usage.domain.UsageRecords;
import java.time.Clock;
import java.util.List;
import java.util.Optional;

/**
 * The artifact store, metering what it stores: the first time a tenant stores some bytes, their size is recorded as
 * {@code stored-bytes} usage, once per (tenant, content hash) (the usage id derives from both, so a retried put or the
 * same bytes in another artifact are not counted again: content-addressed bytes are stored once).
 */
public final class MeteredContentStore implements ContentStore {
    private final ContentStore inner;
    private final UsageRecords usage;
    private final Clock clock;

    public MeteredContentStore(ContentStore inner, UsageRecords usage, Clock clock) {
        this.inner = inner;
        this.usage = usage;
        this.clock = clock;
    }

    @Override
    public ContentRef put(TenantId tenant, byte[] bytes) {
        ContentRef ref = inner.put(tenant, bytes);
        usage.record(tenant, stored(tenant, ref));
        return ref;
    }

    /**
     * Stores every one of {@code contents}, then records their usage in one batch (one transaction rather than one per
     * file); the bytes are stored before their usage is recorded, as with {@link #put}, so a failure in between leaves
     * bytes that a retried put meters, never usage without bytes.
     */
    @Override
    public List<ContentRef> putAll(TenantId tenant, List<byte[]> contents) {
        List<ContentRef> refs = inner.putAll(tenant, contents);
        usage.recordAll(tenant, refs.stream().map(ref -> stored(tenant, ref)).toList());
        return refs;
    }

    private UsageRecord stored(TenantId tenant, ContentRef ref) {
        return new UsageRecord(tenant.value(), Ids.derived("use", tenant.value(), Meter.STORED_BYTES.key(), ref.contentHash()),
                null, null, Meter.STORED_BYTES.key(), ref.size(), Meter.STORED_BYTES.unit(), clock.instant());
    }

    @Override
    public Optional<byte[]> get(TenantId tenant, String contentHash) {
        return inner.get(tenant, contentHash);
    }

    @Override
    public boolean exists(TenantId tenant, String contentHash) {
        return inner.exists(tenant, contentHash);
    }

    @Override
    public boolean delete(TenantId tenant, String contentHash) {
        return inner.delete(tenant, contentHash);
    }
}
