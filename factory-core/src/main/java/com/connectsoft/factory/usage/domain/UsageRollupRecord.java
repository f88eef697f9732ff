package com.connectsoft.factory.usage.domain;

import java.time.Instant;
import java.util.Map;

/** One tenant's consumption in one hour, per meter: what invoice lines are made from. */
public record UsageRollupRecord(String tenantId, Instant hour, Map<String, Long> totals, int records, Instant computedAt) {
    public UsageRollupRecord {
        totals = Map.copyOf(totals);
    }
}
