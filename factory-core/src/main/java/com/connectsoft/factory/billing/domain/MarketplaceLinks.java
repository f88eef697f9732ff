package com.connectsoft.factory.billing.domain;

import com.connectsoft.factory.shared.domain.TenantId;
import java.util.Optional;

/** Which Marketplace subscription each tenant's usage is billed to; in the tenant's own partition, one per tenant. */
public interface MarketplaceLinks {
    Optional<MarketplaceLink> find(TenantId tenant);

    /** Links the tenant (replacing an earlier link; events already built keep the resource they were built for). */
    void link(TenantId tenant, MarketplaceLink link);
}
