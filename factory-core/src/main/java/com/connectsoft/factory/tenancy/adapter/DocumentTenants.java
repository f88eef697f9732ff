package com.connectsoft.factory.tenancy.adapter;

import com.connectsoft.factory.platform.store.Documents;
import com.connectsoft.factory.platform.json.Json;
import com.connectsoft.factory.platform.store.DocumentStore;
import com.connectsoft.factory.shared.domain.TenantId;
import com.connectsoft.factory.tenancy.domain.Tenant;
import com.connectsoft.factory.tenancy.domain.Tenants;
import java.time.Clock;
import java.util.Optional;

/** Tenants: each tenant's profile lives in its own partition. */
public final class DocumentTenants implements Tenants {
    static final String TENANTS = "tenant";
    private final DocumentStore store;
    private final Clock clock;

    public DocumentTenants(DocumentStore store, Clock clock) {
        this.store = store;
        this.clock = clock;
    }

    /** The factory's own partition: the index of tenants, read only by platform-wide jobs (the usage roll-up). */
    public static final TenantId PLATFORM = TenantId.of("platform");
    private static final String INDEX = "tenant-index";

    @Override
    public java.util.List<TenantId> all() {
        return Documents.all(store, PLATFORM, INDEX, com.connectsoft.factory.platform.store.Filter.all(),
                com.fasterxml.jackson.databind.JsonNode.class).stream().map(n -> TenantId.of(n.path("member").asText())).toList();
    }

    @Override
    public Optional<Tenant> find(TenantId tenant) {
        return store.get(tenant, TENANTS, "profile").map(d -> Json.fromTree(d.body(), Tenant.class));
    }

    @Override
    public Tenant register(TenantId tenant, String name, String plan) {
        if (PLATFORM.equals(tenant)) {
            throw new IllegalArgumentException("tenant id '" + PLATFORM.value() + "' is reserved for the factory itself; choose another");
        }
        // the platform's index first: a tenant is never registered without being listed (listing twice is harmless)
        store.transact(PLATFORM, tx -> {
            if (tx.get(INDEX, tenant.value()).isEmpty()) {
                tx.create(INDEX, tenant.value(), Documents.body(java.util.Map.of("member", tenant.value())));
            }
            return null;
        });
        return store.transact(tenant, tx -> tx.get(TENANTS, "profile")
                .map(d -> Json.fromTree(d.body(), Tenant.class))
                .orElseGet(() -> {
                    var now = clock.instant();
                    Tenant t = new Tenant(tenant.value(), name, plan, "active", now, now);
                    tx.create(TENANTS, "profile", Documents.body(t));
                    return t;
                }));
    }

    @Override
    public Tenant changePlan(TenantId tenant, String plan) {
        return store.transact(tenant, tx -> {
            var doc = tx.get(TENANTS, "profile").orElseThrow(() -> new IllegalArgumentException("tenant " + tenant.value() + " is not registered"));
            Tenant t = Json.fromTree(doc.body(), Tenant.class);
            Tenant changed = new Tenant(t.tenantId(), t.name(), plan, t.status(), t.createdAt(), clock.instant());
            tx.upsert(TENANTS, "profile", Documents.body(changed));
            return changed;
        });
    }
}
