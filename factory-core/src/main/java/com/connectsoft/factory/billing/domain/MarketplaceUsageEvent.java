package com.connectsoft.factory.billing.domain;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Objects;

/**
 * One Azure Marketplace usage event: the overage of one meter ({@code dimension}) of one tenant's marketplace resource in
 * one UTC hour, in the dimension's unit. The Marketplace accepts at most one event per (resource, dimension, hour), so
 * {@link #key()} is also the event's identity in the tenant's export store.
 */
public record MarketplaceUsageEvent(String tenantId, String resourceId, String planId, String meter, String dimension, Instant hour,
                                    BigDecimal quantity) {
    public MarketplaceUsageEvent {
        Objects.requireNonNull(tenantId, "tenantId");
        Objects.requireNonNull(resourceId, "resourceId");
        Objects.requireNonNull(planId, "planId");
        Objects.requireNonNull(dimension, "dimension");
        Objects.requireNonNull(quantity, "quantity");
        if (!hour.equals(hour.truncatedTo(ChronoUnit.HOURS))) {
            throw new IllegalArgumentException("hour " + hour + " is not the start of an hour");
        }
        if (quantity.signum() <= 0) {
            throw new IllegalArgumentException("quantity of " + dimension + "@" + hour + " must be above 0 (the Marketplace refuses 0)");
        }
    }

    /** The event's identity within its tenant: resource, dimension and hour. */
    public String key() {
        return resourceId.toLowerCase(java.util.Locale.ROOT) + "|" + dimension + "|" + hour;
    }

    /** The same event with another quantity (the ledger changed before it was accepted). */
    public MarketplaceUsageEvent withQuantity(BigDecimal q) {
        return new MarketplaceUsageEvent(tenantId, resourceId, planId, meter, dimension, hour, q);
    }

    /** Whether two quantities are the same amount (scale ignored: 5 and 5.000000 are equal). */
    public static boolean sameQuantity(BigDecimal a, BigDecimal b) {
        return a.compareTo(b) == 0;
    }
}
