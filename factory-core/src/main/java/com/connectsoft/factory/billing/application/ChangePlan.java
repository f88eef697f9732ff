package com.connectsoft.factory.billing.application;

import com.connectsoft.factory.billing.domain.Plan;
import com.connectsoft.factory.billing.domain.PlanCatalog;
import com.connectsoft.factory.billing.domain.PlanChange;
import com.connectsoft.factory.billing.domain.PlanChanges;
import com.connectsoft.factory.shared.domain.Ids;
import com.connectsoft.factory.shared.domain.TenantId;
import com.connectsoft.factory.tenancy.domain.Tenant;
import com.connectsoft.factory.tenancy.domain.Tenants;
import java.time.Clock;
import java.util.Optional;

/** Moves a tenant to another plan of the catalog and records the change in the tenant's partition. */
public final class ChangePlan {
    private final Tenants tenants;
    private final PlanCatalog plans;
    private final PlanChanges changes;
    private final Clock clock;

    public ChangePlan(Tenants tenants, PlanCatalog plans, PlanChanges changes, Clock clock) {
        this.tenants = tenants;
        this.plans = plans;
        this.changes = changes;
        this.clock = clock;
    }

    public sealed interface Outcome {
        record Changed(PlanChange change) implements Outcome {
        }

        record Unchanged(String planId) implements Outcome {
        }

        record UnknownTenant(String tenantId) implements Outcome {
        }

        record UnknownPlan(String planId, java.util.List<String> plans) implements Outcome {
        }
    }

    public Outcome change(TenantId tenant, String planId, String by) {
        Optional<Plan> plan = plans.find(planId);
        if (plan.isEmpty()) {
            return new Outcome.UnknownPlan(planId, plans.all().stream().map(Plan::id).toList());
        }
        Optional<Tenant> t = tenants.find(tenant);
        if (t.isEmpty()) {
            return new Outcome.UnknownTenant(tenant.value());
        }
        if (t.get().plan().equals(planId)) {
            return new Outcome.Unchanged(planId);
        }
        var now = clock.instant();
        tenants.changePlan(tenant, planId);
        PlanChange change = new PlanChange(tenant.value(), Ids.sortable("plan", now), t.get().plan(), planId, by, now);
        changes.append(tenant, change);
        return new Outcome.Changed(change);
    }
}
