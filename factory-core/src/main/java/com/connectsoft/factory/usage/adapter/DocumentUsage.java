package com.connectsoft.factory.usage.adapter;

import com.connectsoft.factory.platform.store.Documents;
import com.connectsoft.factory.platform.store.DocumentStore;
import com.connectsoft.factory.platform.store.Filter;
import com.connectsoft.factory.shared.domain.TenantId;
import com.connectsoft.factory.usage.domain.UsageRecord;
import com.connectsoft.factory.usage.domain.UsageRecords;
import java.util.List;

/** The usage ledger; a usageId is recorded at most once. */
public final class DocumentUsage implements UsageRecords {
    static final String USAGE = "usage";
    /** Records per transaction in {@link #recordAll}: a Cosmos DB transactional batch holds at most 100 operations. */
    static final int BATCH = 50;
    private final DocumentStore store;

    public DocumentUsage(DocumentStore store) {
        this.store = store;
    }

    @Override
    public boolean record(TenantId tenant, UsageRecord usage) {
        if (!usage.tenantId().equals(tenant.value())) {
            throw new IllegalArgumentException("usage " + usage.usageId() + " belongs to tenant " + usage.tenantId()
                    + ", not " + tenant.value());
        }
        return store.transact(tenant, tx -> {
            if (tx.get(USAGE, usage.usageId()).isPresent()) {
                return false;
            }
            tx.create(USAGE, usage.usageId(), Documents.body(usage));
            return true;
        });
    }

    /** One transaction per {@value #BATCH} records (a module's stored files: one commit instead of one per file). */
    @Override
    public int recordAll(TenantId tenant, List<UsageRecord> usage) {
        java.util.Map<String, UsageRecord> distinct = new java.util.LinkedHashMap<>();
        for (UsageRecord u : usage) {
            if (!u.tenantId().equals(tenant.value())) {
                throw new IllegalArgumentException("usage " + u.usageId() + " belongs to tenant " + u.tenantId() + ", not " + tenant.value());
            }
            distinct.putIfAbsent(u.usageId(), u);
        }
        List<UsageRecord> all = List.copyOf(distinct.values());
        int recorded = 0;
        for (int from = 0; from < all.size(); from += BATCH) {
            List<UsageRecord> chunk = all.subList(from, Math.min(all.size(), from + BATCH));
            recorded += store.transact(tenant, tx -> {
                int n = 0;
                for (UsageRecord u : chunk) {
                    if (tx.get(USAGE, u.usageId()).isEmpty()) {
                        tx.create(USAGE, u.usageId(), Documents.body(u));
                        n++;
                    }
                }
                return n;
            });
        }
        return recorded;
    }

    @Override
    public List<UsageRecord> byRun(TenantId tenant, String runId) {
        return Documents.all(store, tenant, USAGE, Filter.where("runId", runId), UsageRecord.class);
    }

    @Override
    public List<UsageRecord> all(TenantId tenant) {
        return Documents.all(store, tenant, USAGE, Filter.all(), UsageRecord.class);
    }

    @Override
    public void saveRollup(TenantId tenant, com.connectsoft.factory.usage.domain.UsageRollupRecord rollup) {
        if (!rollup.tenantId().equals(tenant.value())) {
            throw new IllegalArgumentException("roll-up of tenant " + rollup.tenantId() + " cannot be stored for " + tenant.value());
        }
        store.transact(tenant, tx -> tx.upsert(ROLLUPS, rollup.hour().toString(), Documents.body(rollup)));
    }

    @Override
    public java.util.Optional<com.connectsoft.factory.usage.domain.UsageRollupRecord> rollup(TenantId tenant, java.time.Instant hour) {
        return store.get(tenant, ROLLUPS, hour.toString())
                .map(d -> com.connectsoft.factory.platform.json.Json.fromTree(d.body(), com.connectsoft.factory.usage.domain.UsageRollupRecord.class));
    }

    private static final String ROLLUPS = "usage-rollups";
}
