package com.connectsoft.factory.usage.domain;

import com.connectsoft.factory.shared.domain.TenantId;
import java.util.List;

/** The usage ledger. Recording the same usageId twice counts once. */
public interface UsageRecords {
    /** @return false when this usageId was recorded before */
    boolean record(TenantId tenant, UsageRecord usage);

    List<UsageRecord> byRun(TenantId tenant, String runId);

    List<UsageRecord> all(TenantId tenant);

    /** Stores the roll-up of one hour, replacing an earlier one of the same hour (rolling up again is harmless). */
    void saveRollup(TenantId tenant, UsageRollupRecord rollup);

    java.util.Optional<UsageRollupRecord> rollup(TenantId tenant, java.time.Instant hour);
}
