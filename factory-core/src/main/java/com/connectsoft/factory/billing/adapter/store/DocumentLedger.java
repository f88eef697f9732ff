package com.connectsoft.factory.billing.adapter.store;

import com.connectsoft.factory.billing.domain.Ledger;
import com.connectsoft.factory.billing.domain.LedgerEntry;
import com.connectsoft.factory.platform.store.DocumentStore;
import com.connectsoft.factory.platform.store.Documents;
import com.connectsoft.factory.platform.store.Filter;
import com.connectsoft.factory.shared.domain.TenantId;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.Comparator;
import java.util.List;

/**
 * The hourly ledger as one document per (tenant, hour) holding that hour's entry per meter: replacing an hour is one
 * upsert, so an hour has exactly one set of entries whatever is retried.
 */
public final class DocumentLedger implements Ledger {
    static final String LEDGER = "billing-ledger";
    private final DocumentStore store;

    public DocumentLedger(DocumentStore store) {
        this.store = store;
    }

    /** The stored form: an hour of one tenant. */
    record HourDocument(String tenantId, String month, Instant hour, List<LedgerEntry> entries) {
    }

    @Override
    public void replaceHour(TenantId tenant, Instant hour, List<LedgerEntry> entries) {
        for (LedgerEntry e : entries) {
            if (!e.tenantId().equals(tenant.value()) || !e.hour().equals(hour)) {
                throw new IllegalArgumentException("ledger entry " + e.key() + " of tenant " + e.tenantId() + " is not of hour " + hour
                        + " of tenant " + tenant.value());
            }
        }
        List<LedgerEntry> sorted = entries.stream().sorted(Comparator.comparing(LedgerEntry::meter)).toList();
        HourDocument doc = new HourDocument(tenant.value(), YearMonth.from(hour.atZone(ZoneOffset.UTC)).toString(), hour, sorted);
        store.transact(tenant, tx -> tx.upsert(LEDGER, hour.toString(), Documents.body(doc)));
    }

    @Override
    public List<LedgerEntry> month(TenantId tenant, YearMonth month) {
        return Documents.all(store, tenant, LEDGER, Filter.where("month", month.toString()), HourDocument.class).stream()
                .sorted(Comparator.comparing(HourDocument::hour)).flatMap(d -> d.entries().stream()).toList();
    }

    @Override
    public List<LedgerEntry> hour(TenantId tenant, Instant hour) {
        return store.get(tenant, LEDGER, hour.toString()).map(d -> com.connectsoft.factory.platform.json.Json.fromTree(d.body(),
                HourDocument.class).entries()).orElse(List.of());
    }
}
