package com.connectsoft.factory.billing.domain;

import java.math.BigDecimal;
import java.time.YearMonth;
import java.util.List;

/**
 * A tenant's bill for one UTC month on its plan: a line per priced meter and the total. Amounts are in {@code currency}
 * with {@code minorUnits} decimals; each line is rounded half-up to that, and the total is the exact sum of the base fee
 * and the rounded lines.
 */
public record Invoice(String tenantId, YearMonth month, String planId, String planVersion, String currency, int minorUnits,
                      BigDecimal baseFee, List<Line> lines, BigDecimal total, String rounding) {
    public Invoice {
        lines = List.copyOf(lines);
    }

    /** One meter: what was used, what the plan includes, what is billed and at which price. */
    public record Line(String meter, String unit, long quantity, long included, long billable, BigDecimal unitPrice, long per,
                       BigDecimal amount) {
    }

    /** The total in minor units (cents). */
    public long totalMinor() {
        return total.movePointRight(minorUnits).longValueExact();
    }
}
