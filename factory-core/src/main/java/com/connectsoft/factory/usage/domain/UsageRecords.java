package com.connectsoft.factory.usage.domain;

import com.connectsoft.factory.shared.domain.TenantId;
import java.util.List;

/** The usage ledger. Recording the same usageId twice counts once. */
public interface UsageRecords {
    /** @return false when this usageId was recorded before */
    boolean record(TenantId tenant, UsageRecord usage);

    /**
     * Records each of {@code usage} (all of {@code tenant}) as {@link #record} does; a usageId recorded before, or twice
     * in the list, counts once. Adapters may commit the batch in fewer transactions than records.
     *
     * @return how many were recorded now (not recorded before)
     */
    default int recordAll(TenantId tenant, List<UsageRecord> usage) {
        int recorded = 0;
        for (UsageRecord u : usage) {
            recorded += record(tenant, u) ? 1 : 0;
        }
        return recorded;
    }

    List<UsageRecord> byRun(TenantId tenant, String runId);

    List<UsageRecord> all(TenantId tenant);

    /** Stores the roll-up of one hour, replacing an earlier one of the same hour (rolling up again is harmless). */
    void saveRollup(TenantId tenant, UsageRollupRecord rollup);

    java.util.Optional<UsageRollupRecord> rollup(TenantId tenant, java.time.Instant hour);
}
