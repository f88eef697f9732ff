package com.connectsoft.factory.billing.adapter.store;

import com.connectsoft.factory.billing.domain.Entitlement;
import com.connectsoft.factory.billing.domain.Entitlements;
import com.connectsoft.factory.platform.json.Json;
import com.connectsoft.factory.platform.store.DocumentStore;
import com.connectsoft.factory.platform.store.Documents;
import com.connectsoft.factory.platform.store.Filter;
import com.connectsoft.factory.shared.domain.TenantId;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/** Entitlements keyed by item id in the tenant's partition: an item is installed at most once per tenant. */
public final class DocumentEntitlements implements Entitlements {
    static final String ENTITLEMENTS = "entitlements";
    private final DocumentStore store;

    public DocumentEntitlements(DocumentStore store) {
        this.store = store;
    }

    @Override
    public Recorded record(TenantId tenant, Entitlement entitlement) {
        if (!entitlement.tenantId().equals(tenant.value())) {
            throw new IllegalArgumentException("entitlement of tenant " + entitlement.tenantId() + " cannot be stored for " + tenant.value());
        }
        return store.transact(tenant, tx -> tx.get(ENTITLEMENTS, entitlement.itemId())
                .map(d -> new Recorded(Json.fromTree(d.body(), Entitlement.class), false))
                .orElseGet(() -> {
                    tx.create(ENTITLEMENTS, entitlement.itemId(), Documents.body(entitlement));
                    return new Recorded(entitlement, true);
                }));
    }

    @Override
    public List<Entitlement> list(TenantId tenant) {
        return Documents.all(store, tenant, ENTITLEMENTS, Filter.all(), Entitlement.class).stream()
                .sorted(Comparator.comparing(Entitlement::installedAt).thenComparing(Entitlement::itemId)).toList();
    }

    @Override
    public Optional<Entitlement> find(TenantId tenant, String itemId) {
        return store.get(tenant, ENTITLEMENTS, itemId).map(d -> Json.fromTree(d.body(), Entitlement.class));
    }
}
