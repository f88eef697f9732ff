package com.connectsoft.factory.billing.adapter.store;

import com.connectsoft.factory.billing.domain.MarketplaceLink;
import com.connectsoft.factory.billing.domain.MarketplaceLinks;
import com.connectsoft.factory.platform.json.Json;
import com.connectsoft.factory.platform.store.DocumentStore;
import com.connectsoft.factory.platform.store.Documents;
import com.connectsoft.factory.shared.domain.TenantId;
import java.util.Optional;

/** A tenant's Marketplace subscription as one document in its partition. */
public final class DocumentMarketplaceLinks implements MarketplaceLinks {
    static final String LINKS = "marketplace-link";
    static final String ID = "subscription";
    private final DocumentStore store;

    public DocumentMarketplaceLinks(DocumentStore store) {
        this.store = store;
    }

    @Override
    public Optional<MarketplaceLink> find(TenantId tenant) {
        return store.get(tenant, LINKS, ID).map(d -> Json.fromTree(d.body(), MarketplaceLink.class));
    }

    @Override
    public void link(TenantId tenant, MarketplaceLink link) {
        if (!link.tenantId().equals(tenant.value())) {
            throw new IllegalArgumentException("marketplace link of tenant " + link.tenantId() + " cannot be stored for tenant " + tenant.value());
        }
        store.transact(tenant, tx -> tx.upsert(LINKS, ID, Documents.body(link)));
    }
}
