package com.connectsoft.factory.billing.domain;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Objects;
import java.util.Optional;

/**
 * What a plan charges for one meter: {@code unitPrice} per {@code per} units (0.01 per 60 build-seconds is 0.01 a build
 * minute), the first {@code included} units of a month free. {@code dimension} is the Azure Marketplace custom meter
 * dimension the overage is reported under (absent: not exported), in units of {@code per}.
 */
public record MeterPrice(Meter meter, BigDecimal unitPrice, long per, long included, Optional<String> dimension) {
    public MeterPrice {
        Objects.requireNonNull(meter, "meter");
        Objects.requireNonNull(unitPrice, "unitPrice");
        Objects.requireNonNull(dimension, "dimension");
        if (unitPrice.signum() < 0 || per <= 0 || included < 0) {
            throw new IllegalArgumentException(meter.key() + ": unitPrice must be >= 0, per > 0, included >= 0");
        }
    }

    /** The units of a month above what is included. */
    public long billable(long quantity) {
        return Math.max(0, quantity - included);
    }

    /** The amount for {@code billable} units, rounded half-up to the currency's minor unit ({@code scale} digits). */
    public BigDecimal amount(long billable, int scale) {
        return unitPrice.multiply(BigDecimal.valueOf(billable)).divide(BigDecimal.valueOf(per), scale, RoundingMode.HALF_UP);
    }
}
