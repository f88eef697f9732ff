package com.connectsoft.factory.tenancy.domain;

import com.connectsoft.factory.shared.domain.TenantId;
import java.util.Optional;

/** The registry of tenants. A tenant's own record lives in its own partition. */
public interface Tenants {
    Optional<Tenant> find(TenantId tenant);

    /** Every registered tenant (platform-wide jobs only, such as the usage roll-up). */
    java.util.List<TenantId> all();

    /** Registers the tenant unless it exists; returns the stored record either way. */
    Tenant register(TenantId tenant, String name, String plan);

    /** Puts a registered tenant on {@code plan}; returns the updated record (billing records the change). */
    Tenant changePlan(TenantId tenant, String plan);
}
