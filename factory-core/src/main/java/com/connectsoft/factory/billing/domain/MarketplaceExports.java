package com.connectsoft.factory.billing.domain;

import com.connectsoft.factory.shared.domain.TenantId;
import java.util.List;
import java.util.Optional;

/**
 * The marketplace export's record of every usage event it built, in each tenant's own partition: one record per
 * {@link MarketplaceUsageEvent#key()} (resource, dimension, hour). Saving a record again replaces it (idempotent); a tenant
 * never reads or writes another's.
 */
public interface MarketplaceExports {
    Optional<MarketplaceExportRecord> find(TenantId tenant, String key);

    /** Stores the records (all of {@code tenant}) in one transaction. */
    void saveAll(TenantId tenant, List<MarketplaceExportRecord> records);

    /** The tenant's records, oldest hour first, then dimension. */
    List<MarketplaceExportRecord> list(TenantId tenant);

    /** The tenant's records of the hours of one UTC month, oldest hour first, then dimension. */
    List<MarketplaceExportRecord> month(TenantId tenant, java.time.YearMonth month);
}
