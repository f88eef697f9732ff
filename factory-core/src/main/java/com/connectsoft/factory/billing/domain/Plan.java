package com.connectsoft.factory.billing.domain;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalLong;
import java.util.Set;

/**
 * A plan as its versioned file states it: a monthly base fee, the price of each meter, the quotas (a quota not set is
 * unlimited) and the catalog items (template and library ids) a tenant on it may install and run.
 */
public record Plan(String id, String version, String name, String description, String currency, int minorUnits, BigDecimal baseFee,
                   Map<Meter, MeterPrice> prices, Map<Quota, Long> quotas, Set<String> includes) {
    public Plan {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(baseFee, "baseFee");
        prices = Map.copyOf(prices);
        quotas = Map.copyOf(quotas);
        includes = Set.copyOf(includes);
    }

    public OptionalLong limit(Quota quota) {
        Long l = quotas.get(quota);
        return l == null ? OptionalLong.empty() : OptionalLong.of(l);
    }

    public boolean includes(String catalogItemId) {
        return includes.contains(catalogItemId);
    }

    /** The meters in the enum's order, each with its price (a meter the plan does not price costs nothing). */
    public List<MeterPrice> priceList() {
        return java.util.Arrays.stream(Meter.values()).filter(prices::containsKey).map(prices::get).toList();
    }
}
