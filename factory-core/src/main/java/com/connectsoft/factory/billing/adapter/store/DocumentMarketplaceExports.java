package com.connectsoft.factory.billing.adapter.store;

import com.connectsoft.factory.billing.domain.MarketplaceExportRecord;
import com.connectsoft.factory.billing.domain.MarketplaceExportState;
import com.connectsoft.factory.billing.domain.MarketplaceExports;
import com.connectsoft.factory.billing.domain.MarketplaceUsageEvent;
import com.connectsoft.factory.platform.json.Json;
import com.connectsoft.factory.platform.store.DocumentStore;
import com.connectsoft.factory.platform.store.Documents;
import com.connectsoft.factory.platform.store.Filter;
import com.connectsoft.factory.shared.domain.TenantId;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/** The export's records as one document per (resource, dimension, hour) in the tenant's partition; saving again replaces it. */
public final class DocumentMarketplaceExports implements MarketplaceExports {
    static final String EXPORTS = "marketplace-exports";
    private final DocumentStore store;

    public DocumentMarketplaceExports(DocumentStore store) {
        this.store = store;
    }

    /** The stored form (absent values are null here, Optional in the domain; quantities as decimal strings, exact). */
    record Stored(String tenantId, String month, String resourceId, String planId, String meter, String dimension, Instant hour, String quantity,
                  MarketplaceExportState state, String reason, boolean retryable, String usageEventId, String acceptedQuantity,
                  int attempts, Instant firstTriedAt, Instant updatedAt) {
        static Stored of(MarketplaceExportRecord r) {
            MarketplaceUsageEvent e = r.event();
            return new Stored(e.tenantId(), java.time.YearMonth.from(e.hour().atZone(java.time.ZoneOffset.UTC)).toString(), e.resourceId(), e.planId(), e.meter(), e.dimension(), e.hour(), e.quantity().toPlainString(), r.state(),
                    r.reason().orElse(null), r.retryable(), r.usageEventId().orElse(null), r.acceptedQuantity().map(BigDecimal::toPlainString).orElse(null), r.attempts(),
                    r.firstTriedAt().orElse(null), r.updatedAt());
        }

        MarketplaceExportRecord record() {
            return new MarketplaceExportRecord(new MarketplaceUsageEvent(tenantId, resourceId, planId, meter, dimension, hour, new BigDecimal(quantity)), state,
                    Optional.ofNullable(reason), retryable, Optional.ofNullable(usageEventId), Optional.ofNullable(acceptedQuantity).map(BigDecimal::new), attempts,
                    Optional.ofNullable(firstTriedAt), updatedAt);
        }
    }

    @Override
    public Optional<MarketplaceExportRecord> find(TenantId tenant, String key) {
        return store.get(tenant, EXPORTS, key).map(d -> Json.fromTree(d.body(), Stored.class).record());
    }

    @Override
    public void saveAll(TenantId tenant, List<MarketplaceExportRecord> records) {
        for (MarketplaceExportRecord r : records) {
            if (!r.event().tenantId().equals(tenant.value())) {
                throw new IllegalArgumentException("export record " + r.event().key() + " of tenant " + r.event().tenantId()
                        + " cannot be stored for tenant " + tenant.value());
            }
        }
        if (records.isEmpty()) {
            return;
        }
        store.transact(tenant, tx -> {
            records.forEach(r -> tx.upsert(EXPORTS, r.event().key(), Documents.body(Stored.of(r))));
            return null;
        });
    }

    @Override
    public List<MarketplaceExportRecord> list(TenantId tenant) {
        return read(tenant, Filter.all());
    }

    @Override
    public List<MarketplaceExportRecord> month(TenantId tenant, java.time.YearMonth month) {
        return read(tenant, Filter.where("month", month.toString()));
    }

    private List<MarketplaceExportRecord> read(TenantId tenant, Filter filter) {
        return Documents.all(store, tenant, EXPORTS, filter, Stored.class).stream().map(Stored::record)
                .sorted(Comparator.comparing((MarketplaceExportRecord r) -> r.event().hour()).thenComparing(r -> r.event().dimension())).toList();
    }
}
