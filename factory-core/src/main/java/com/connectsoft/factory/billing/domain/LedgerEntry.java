package com.connectsoft.factory.billing.domain;

import java.time.Instant;
import java.util.List;

/**
 * One tenant's consumption of one meter in one UTC hour: the sum of the usage records of that hour, and their ids (each
 * usage record is in exactly one entry). Derived only from usage records, so rebuilding gives the same entry.
 */
public record LedgerEntry(String tenantId, String meter, Instant hour, long quantity, List<String> usageIds) {
    public LedgerEntry {
        usageIds = List.copyOf(usageIds);
    }

    /** The entry's key within its tenant: meter and hour. */
    public String key() {
        return meter + "@" + hour;
    }
}
