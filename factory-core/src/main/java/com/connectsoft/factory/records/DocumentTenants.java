package com.connectsoft.factory.records;

import com.connectsoft.factory.platform.json.Json;
import com.connectsoft.factory.platform.store.DocumentStore;
import com.connectsoft.factory.shared.domain.TenantId;
import com.connectsoft.factory.tenancy.domain.Tenant;
import com.connectsoft.factory.tenancy.domain.Tenants;
import java.time.Clock;
import java.util.Optional;

/** Tenants: each tenant's profile lives in its own partition. */
public final class DocumentTenants implements Tenants {
    private final DocumentStore store;
    private final Clock clock;

    public DocumentTenants(DocumentStore store, Clock clock) {
        this.store = store;
        this.clock = clock;
    }

    @Override
    public Optional<Tenant> find(TenantId tenant) {
        return store.get(tenant, Stored.TENANTS, "profile").map(d -> Json.fromTree(d.body(), Tenant.class));
    }

    @Override
    public Tenant register(TenantId tenant, String name, String plan) {
        return store.transact(tenant, tx -> tx.get(Stored.TENANTS, "profile")
                .map(d -> Json.fromTree(d.body(), Tenant.class))
                .orElseGet(() -> {
                    var now = clock.instant();
                    Tenant t = new Tenant(tenant.value(), name, plan, "active", now, now);
                    tx.create(Stored.TENANTS, "profile", Stored.body(t));
                    return t;
                }));
    }
}
