package com.connectsoft.factory.billing.application;

import com.connectsoft.factory.billing.domain.Ledger;
import com.connectsoft.factory.billing.domain.LedgerEntry;
import com.connectsoft.factory.shared.domain.TenantId;
import com.connectsoft.factory.tenancy.domain.Tenants;
import com.connectsoft.factory.usage.domain.UsageRecord;
import com.connectsoft.factory.usage.domain.UsageRecords;
import java.time.Clock;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Builds the hourly ledger from the usage records (each recorded once per usageId): every record counts in exactly one
 * (tenant, meter, hour) entry. An hour rolled again, or a month rebuilt, gives the same entries, so retries and repeated
 * timers never count twice.
 */
public final class RollLedger {
    private final UsageRecords usage;
    private final Ledger ledger;
    private final Tenants tenants;
    private final Clock clock;

    public RollLedger(UsageRecords usage, Ledger ledger, Tenants tenants, Clock clock) {
        this.usage = usage;
        this.ledger = ledger;
        this.tenants = tenants;
        this.clock = clock;
    }

    /** The last complete hour (what a timer just after the hour rolls). */
    public Instant previousHour() {
        return clock.instant().truncatedTo(ChronoUnit.HOURS).minus(1, ChronoUnit.HOURS);
    }

    /** The entries of one hour, computed from the tenant's usage records (nothing stored). */
    public static List<LedgerEntry> entries(String tenantId, Instant hour, List<UsageRecord> records) {
        Instant start = hour.truncatedTo(ChronoUnit.HOURS);
        Map<String, List<UsageRecord>> byMeter = new TreeMap<>();
        for (UsageRecord u : records) {
            if (u.recordedAt().truncatedTo(ChronoUnit.HOURS).equals(start)) {
                byMeter.computeIfAbsent(u.meter(), m -> new ArrayList<>()).add(u);
            }
        }
        List<LedgerEntry> out = new ArrayList<>();
        byMeter.forEach((meter, list) -> out.add(new LedgerEntry(tenantId, meter, start, list.stream().mapToLong(UsageRecord::quantity).sum(),
                list.stream().map(UsageRecord::usageId).sorted().toList())));
        return out;
    }

    public List<LedgerEntry> rollHour(TenantId tenant, Instant hour) {
        List<LedgerEntry> entries = entries(tenant.value(), hour, usage.all(tenant));
        ledger.replaceHour(tenant, hour.truncatedTo(ChronoUnit.HOURS), entries);
        return entries;
    }

    /** Rolls one hour for every registered tenant; returns how many entries were written. */
    public int rollHourForAll(Instant hour) {
        return tenants.all().stream().mapToInt(t -> rollHour(t, hour).size()).sum();
    }

    /** The month's entries as {@link #rebuild} would store them, computed from the usage records (nothing stored). */
    public List<LedgerEntry> compute(TenantId tenant, YearMonth month) {
        List<UsageRecord> records = usage.all(tenant);
        TreeSet<Instant> hours = new TreeSet<>();
        for (UsageRecord u : records) {
            if (YearMonth.from(u.recordedAt().atZone(ZoneOffset.UTC)).equals(month)) {
                hours.add(u.recordedAt().truncatedTo(ChronoUnit.HOURS));
            }
        }
        List<LedgerEntry> out = new ArrayList<>();
        hours.forEach(h -> out.addAll(entries(tenant.value(), h, records)));
        return out;
    }

    /**
     * Rebuilds a tenant's month from its usage records: every hour with usage, and every hour that has entries (an hour
     * whose usage is gone loses its entries). Returns the month's entries as stored.
     */
    public List<LedgerEntry> rebuild(TenantId tenant, YearMonth month) {
        List<UsageRecord> records = usage.all(tenant);
        TreeSet<Instant> hours = new TreeSet<>();
        for (UsageRecord u : records) {
            if (YearMonth.from(u.recordedAt().atZone(ZoneOffset.UTC)).equals(month)) {
                hours.add(u.recordedAt().truncatedTo(ChronoUnit.HOURS));
            }
        }
        ledger.month(tenant, month).forEach(e -> hours.add(e.hour()));
        for (Instant h : hours) {
            ledger.replaceHour(tenant, h, entries(tenant.value(), h, records));
        }
        return ledger.month(tenant, month);
    }
}
