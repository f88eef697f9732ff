package com.connectsoft.factory.billing.domain;

import com.connectsoft.factory.shared.domain.TenantId;
import java.time.Instant;
import java.time.YearMonth;
import java.util.List;

/**
 * The hourly ledger: at most one entry per (tenant, meter, hour), stored in the tenant's partition. Saving an hour
 * again replaces its entries (idempotent), so a roll-up that is retried or repeated never counts twice.
 */
public interface Ledger {
    /** Replaces the tenant's entries of {@code hour} with {@code entries} (all of that hour). */
    void replaceHour(TenantId tenant, Instant hour, List<LedgerEntry> entries);

    /** The tenant's entries of a UTC month, ordered by hour then meter. */
    List<LedgerEntry> month(TenantId tenant, YearMonth month);

    /** The tenant's entries of one hour. */
    List<LedgerEntry> hour(TenantId tenant, Instant hour);
}
