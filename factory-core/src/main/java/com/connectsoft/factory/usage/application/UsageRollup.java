package com.connectsoft.factory.usage.application;

import com.connectsoft.factory.shared.domain.TenantId;
import com.connectsoft.factory.tenancy.domain.Tenants;
import com.connectsoft.factory.usage.domain.UsageRecord;
import com.connectsoft.factory.usage.domain.UsageRecords;
import com.connectsoft.factory.usage.domain.UsageRollupRecord;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The hourly usage roll-up: per tenant, the ledger's records of one hour summed per meter. Each tenant is read and
 * written in its own partition; rolling up an hour again gives the same record (idempotent).
 */
public final class UsageRollup {
    private final Tenants tenants;
    private final UsageRecords ledger;
    private final Clock clock;

    public UsageRollup(Tenants tenants, UsageRecords ledger, Clock clock) {
        this.tenants = tenants;
        this.ledger = ledger;
        this.clock = clock;
    }

    /** The hour before the current one (what a timer firing just after the hour rolls up). */
    public Instant previousHour() {
        return clock.instant().truncatedTo(ChronoUnit.HOURS).minus(1, ChronoUnit.HOURS);
    }

    public UsageRollupRecord rollUp(TenantId tenant, Instant hour) {
        Instant start = hour.truncatedTo(ChronoUnit.HOURS);
        Instant end = start.plus(1, ChronoUnit.HOURS);
        Map<String, Long> totals = new TreeMap<>();
        int count = 0;
        for (UsageRecord u : ledger.all(tenant)) {
            if (!u.recordedAt().isBefore(start) && u.recordedAt().isBefore(end)) {
                totals.merge(u.meter(), u.quantity(), Long::sum);
                count++;
            }
        }
        UsageRollupRecord r = new UsageRollupRecord(tenant.value(), start, totals, count, clock.instant());
        ledger.saveRollup(tenant, r);
        return r;
    }

    /** Rolls up one hour for every registered tenant. */
    public List<UsageRollupRecord> rollUpAll(Instant hour) {
        return tenants.all().stream().map(t -> rollUp(t, hour)).toList();
    }
}
