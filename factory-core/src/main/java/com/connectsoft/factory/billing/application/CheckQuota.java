package com.connectsoft.factory.billing.application;

import com.connectsoft.factory.billing.domain.Plan;
import com.connectsoft.factory.billing.domain.PlanCatalog;
import com.connectsoft.factory.billing.domain.Quota;
import com.connectsoft.factory.billing.domain.QuotaDecision;
import com.connectsoft.factory.billing.domain.QuotaGate;
import com.connectsoft.factory.shared.domain.TenantId;
import com.connectsoft.factory.tenancy.domain.Tenant;
import com.connectsoft.factory.tenancy.domain.Tenants;
import com.connectsoft.factory.usage.domain.UsageRecord;
import com.connectsoft.factory.usage.domain.UsageRecords;
import java.time.Clock;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Set;

/**
 * The quota check before work starts, on the tenant's plan (its tenant record's; an unregistered tenant is on the default
 * plan) and its own usage records: a run needs every template it uses in the plan and room in every quota (one more run
 * this month; build minutes, agent tokens and stored bytes not used up).
 */
public final class CheckQuota implements QuotaGate {
    private final Tenants tenants;
    private final PlanCatalog plans;
    private final UsageRecords usage;
    private final Clock clock;

    public CheckQuota(Tenants tenants, PlanCatalog plans, UsageRecords usage, Clock clock) {
        this.tenants = tenants;
        this.plans = plans;
        this.usage = usage;
        this.clock = clock;
    }

    @Override
    public QuotaDecision admitRun(TenantId tenant, Set<String> templateIds) {
        String planId = planId(tenant);
        Plan plan = plans.find(planId).orElse(null);
        if (plan == null) {
            return unknownPlan(planId);
        }
        for (String t : templateIds.stream().sorted().toList()) {
            if (!plan.includes(t)) {
                return new QuotaDecision.NotIncluded(planId, t, plans.including(t).stream().map(Plan::id).toList());
            }
        }
        return quotas(tenant, plan, List.of(Quota.values()));
    }

    @Override
    public QuotaDecision admitAgentWork(TenantId tenant) {
        String planId = planId(tenant);
        return plans.find(planId).map(p -> quotas(tenant, p, List.of(Quota.AGENT_TOKENS_PER_MONTH))).orElseGet(() -> unknownPlan(planId));
    }

    private QuotaDecision unknownPlan(String planId) {
        return new QuotaDecision.NotIncluded(planId, "plan " + planId + " (not in the plan catalog)", plans.all().stream().map(Plan::id).toList());
    }

    private String planId(TenantId tenant) {
        return tenants.find(tenant).map(Tenant::plan).orElse(Tenant.DEFAULT_PLAN);
    }

    private QuotaDecision quotas(TenantId tenant, Plan plan, List<Quota> which) {
        Instant now = clock.instant();
        YearMonth month = YearMonth.from(now.atZone(ZoneOffset.UTC));
        Instant monthStart = month.atDay(1).atStartOfDay(ZoneOffset.UTC).toInstant();
        Instant nextMonth = month.plusMonths(1).atDay(1).atStartOfDay(ZoneOffset.UTC).toInstant();
        Map<Quota, Long> used = new EnumMap<>(Quota.class);
        for (UsageRecord u : usage.all(tenant)) {
            for (Quota q : which) {
                boolean counts = q.meter().key().equals(u.meter()) && (!q.monthly() || !u.recordedAt().isBefore(monthStart));
                if (counts) {
                    used.merge(q, u.quantity(), Long::sum);
                }
            }
        }
        for (Quota q : which) {
            OptionalLong limit = plan.limit(q);
            if (limit.isEmpty()) {
                continue;
            }
            if (limit.getAsLong() == 0) {
                return new QuotaDecision.NotIncluded(plan.id(), q.words(), plans.all().stream()
                        .filter(p -> p.limit(q).isEmpty() || p.limit(q).getAsLong() > 0).map(Plan::id).toList());
            }
            long inUnits = q.inQuotaUnits(used.getOrDefault(q, 0L));
            long needed = q == Quota.RUNS_PER_MONTH ? inUnits + 1 : inUnits;
            if (q == Quota.RUNS_PER_MONTH ? needed > limit.getAsLong() : needed >= limit.getAsLong()) {
                return new QuotaDecision.Exceeded(plan.id(), q, limit.getAsLong(), inUnits, q.monthly() ? java.util.Optional.of(nextMonth) : java.util.Optional.empty());
            }
        }
        return new QuotaDecision.Allowed();
    }
}
