package com.connectsoft.factory.billing.domain;

import com.connectsoft.factory.shared.domain.TenantId;
import java.util.List;

/** The record of a tenant's plan changes, append-only, in the tenant's partition. */
public interface PlanChanges {
    void append(TenantId tenant, PlanChange change);

    /** Oldest first. */
    List<PlanChange> list(TenantId tenant);
}
