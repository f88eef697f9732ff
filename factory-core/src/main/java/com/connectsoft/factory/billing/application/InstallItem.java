package com.connectsoft.factory.billing.application;

import com.connectsoft.factory.billing.domain.Entitlement;
import com.connectsoft.factory.billing.domain.Entitlements;
import com.connectsoft.factory.billing.domain.Plan;
import com.connectsoft.factory.billing.domain.PlanCatalog;
import com.connectsoft.factory.shared.domain.TenantId;
import com.connectsoft.factory.tenancy.domain.Tenant;
import com.connectsoft.factory.tenancy.domain.Tenants;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * Installing a catalog item into a tenant: an entitlement record in the tenant's partition, when the tenant's plan
 * includes the item. Idempotent: installing an installed item answers the existing entitlement.
 */
public final class InstallItem {
    private final Tenants tenants;
    private final PlanCatalog plans;
    private final Entitlements entitlements;
    private final Function<String, Optional<String>> catalogKind;
    private final Clock clock;

    /** @param catalogKind the kind of a catalog item by id ("template", "library"), empty when the catalog has no such item */
    public InstallItem(Tenants tenants, PlanCatalog plans, Entitlements entitlements, Function<String, Optional<String>> catalogKind, Clock clock) {
        this.tenants = tenants;
        this.plans = plans;
        this.entitlements = entitlements;
        this.catalogKind = catalogKind;
        this.clock = clock;
    }

    public sealed interface Outcome {
        record Installed(Entitlement entitlement, boolean created) implements Outcome {
        }

        record UnknownItem(String itemId) implements Outcome {
        }

        record UnknownTenant(String tenantId) implements Outcome {
        }

        record NotInPlan(String planId, String itemId, List<String> plansThatInclude) implements Outcome {
            public String reason() {
                return "your plan " + planId + " does not include " + itemId + (plansThatInclude.isEmpty() ? "; no plan includes it"
                        : "; it is in plan" + (plansThatInclude.size() == 1 ? " " : "s ") + String.join(", ", plansThatInclude));
            }
        }
    }

    public Outcome install(TenantId tenant, String itemId) {
        Optional<String> kind = catalogKind.apply(itemId);
        if (kind.isEmpty()) {
            return new Outcome.UnknownItem(itemId);
        }
        Optional<Tenant> t = tenants.find(tenant);
        if (t.isEmpty()) {
            return new Outcome.UnknownTenant(tenant.value());
        }
        Optional<Entitlement> existing = entitlements.find(tenant, itemId);
        if (existing.isPresent()) {
            return new Outcome.Installed(existing.get(), false);
        }
        String planId = t.get().plan();
        boolean included = plans.find(planId).map(p -> p.includes(itemId)).orElse(false);
        if (!included) {
            return new Outcome.NotInPlan(planId, itemId, plans.including(itemId).stream().map(Plan::id).toList());
        }
        Entitlements.Recorded r = entitlements.record(tenant, new Entitlement(tenant.value(), itemId, kind.get(), planId, clock.instant()));
        return new Outcome.Installed(r.entitlement(), r.created());
    }

    public List<Entitlement> installed(TenantId tenant) {
        return entitlements.list(tenant);
    }
}
