package com.connectsoft.factory.billing.domain;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Turns a month's hourly ledger into Marketplace usage events (pure). Only overage is reported, as the Marketplace
 * expects (the plan's base fee covers the included units): for each meter the plan maps to a marketplace dimension, the
 * month's usage is accumulated hour by hour, and an hour's quantity is how much the billable units so far
 * ({@code max(0, used so far - included)}) grew in that hour, in the dimension's unit ({@code per} meter units, kept to
 * {@link #SCALE} decimals, rounded down on the running total so the hours of a month add up to the month's overage and
 * never more). Hours whose quantity is 0 have no event.
 */
public final class MarketplaceUsage {
    /** Decimals of a reported quantity. */
    public static final int SCALE = 6;

    private MarketplaceUsage() {
    }

    /**
     * @param monthEntries the tenant's ledger entries of one UTC month (any order), each of that tenant
     * @param planId the Marketplace plan the tenant's subscription is on
     */
    public static List<MarketplaceUsageEvent> events(String tenantId, String resourceId, String planId, Plan plan, List<LedgerEntry> monthEntries) {
        return events(tenantId, resourceId, planId, plan, monthEntries, Map.of());
    }

    /**
     * As {@link #events(String, String, String, Plan, List)}, with what the Marketplace already holds: {@code settled}
     * maps an event's {@link MarketplaceUsageEvent#key()} to the quantity reported for it (accepted, or held by the
     * Marketplace for a duplicate). A settled hour gets no new event; what it holds counts as reported, so usage that
     * reaches the ledger after its hour was reported goes into the next hour that is not, and nothing is reported twice.
     */
    public static List<MarketplaceUsageEvent> events(String tenantId, String resourceId, String planId, Plan plan, List<LedgerEntry> monthEntries,
                                                     Map<String, BigDecimal> settled) {
        List<MarketplaceUsageEvent> out = new ArrayList<>();
        for (MeterPrice price : plan.priceList()) {
            if (price.dimension().isEmpty()) {
                continue;
            }
            Map<Instant, Long> byHour = new TreeMap<>();
            for (LedgerEntry e : monthEntries) {
                if (!e.tenantId().equals(tenantId)) {
                    throw new IllegalArgumentException("ledger entry " + e.key() + " of tenant " + e.tenantId() + " is not of tenant " + tenantId);
                }
                if (e.meter().equals(price.meter().key())) {
                    byHour.merge(e.hour(), e.quantity(), Long::sum);
                }
            }
            String dimension = price.dimension().get();
            settled.keySet().stream().map(k -> k.split("\\|", 3)).filter(k -> k.length == 3 && k[0].equals(resourceId.toLowerCase(java.util.Locale.ROOT))
                    && k[1].equals(dimension)).forEach(k -> byHour.putIfAbsent(Instant.parse(k[2]), 0L));
            long used = 0;
            BigDecimal reported = BigDecimal.ZERO.setScale(SCALE);
            for (Map.Entry<Instant, Long> h : byHour.entrySet()) {
                used = Math.addExact(used, h.getValue());
                BigDecimal dueSoFar = BigDecimal.valueOf(price.billable(used)).divide(BigDecimal.valueOf(price.per()), SCALE, RoundingMode.DOWN);
                BigDecimal held = settled.get(resourceId.toLowerCase(java.util.Locale.ROOT) + "|" + dimension + "|" + h.getKey());
                if (held != null) {
                    reported = reported.add(held);
                    continue;
                }
                BigDecimal quantity = dueSoFar.subtract(reported);
                if (quantity.signum() > 0) {
                    out.add(new MarketplaceUsageEvent(tenantId, resourceId, planId, price.meter().key(), dimension, h.getKey(), plain(quantity)));
                    reported = dueSoFar;
                }
            }
        }
        out.sort(java.util.Comparator.comparing(MarketplaceUsageEvent::hour).thenComparing(MarketplaceUsageEvent::dimension));
        return out;
    }

    private static BigDecimal plain(BigDecimal q) {
        BigDecimal s = q.stripTrailingZeros();
        return s.scale() < 0 ? s.setScale(0) : s;
    }
}
