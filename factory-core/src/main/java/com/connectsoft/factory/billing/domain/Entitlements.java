package com.connectsoft.factory.billing.domain;

import com.connectsoft.factory.shared.domain.TenantId;
import java.util.List;
import java.util.Optional;

/** Installed catalog items, in each tenant's own partition; a tenant never reads another's. */
public interface Entitlements {
    /** Records the entitlement unless the tenant has the item already; returns the stored one and whether it is new. */
    Recorded record(TenantId tenant, Entitlement entitlement);

    List<Entitlement> list(TenantId tenant);

    Optional<Entitlement> find(TenantId tenant, String itemId);

    record Recorded(Entitlement entitlement, boolean created) {
    }
}
