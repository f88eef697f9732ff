package com.connectsoft.factory.usage.application;

import com.connectsoft.factory.shared.domain.TenantId;
import com.connectsoft.factory.usage.domain.UsageRecord;
import com.connectsoft.factory.usage.domain.UsageRecords;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** What a tenant consumed: its usage records (all, or one run's) and their totals per meter. */
public final class UsageQueries {
    private final UsageRecords usage;

    public UsageQueries(UsageRecords usage) {
        this.usage = usage;
    }

    /** A meter's total and its unit. */
    public record Total(long quantity, String unit) {
    }

    public List<UsageRecord> records(TenantId tenant) {
        return usage.all(tenant);
    }

    public List<UsageRecord> records(TenantId tenant, String runId) {
        return usage.byRun(tenant, runId);
    }

    public static Map<String, Total> totals(List<UsageRecord> records) {
        Map<String, Total> totals = new TreeMap<>();
        for (UsageRecord r : records) {
            totals.merge(r.meter(), new Total(r.quantity(), r.unit()), (a, b) -> new Total(a.quantity() + b.quantity(), a.unit()));
        }
        return totals;
    }
}
