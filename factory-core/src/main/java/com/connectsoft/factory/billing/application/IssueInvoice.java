package com.connectsoft.factory.billing.application;

import com.connectsoft.factory.billing.domain.Invoice;
import com.connectsoft.factory.billing.domain.Ledger;
import com.connectsoft.factory.billing.domain.LedgerEntry;
import com.connectsoft.factory.billing.domain.Meter;
import com.connectsoft.factory.billing.domain.MeterPrice;
import com.connectsoft.factory.billing.domain.Plan;
import com.connectsoft.factory.billing.domain.PlanCatalog;
import com.connectsoft.factory.shared.domain.TenantId;
import com.connectsoft.factory.tenancy.domain.Tenant;
import com.connectsoft.factory.tenancy.domain.Tenants;
import java.math.BigDecimal;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * A tenant's monthly invoice: the month's ledger (rebuilt from the usage records first, so it holds every recorded use)
 * priced by the tenant's current plan. Reads and writes only the tenant's partition; issuing it again gives the same.
 */
public final class IssueInvoice {
    public static final String ROUNDING = "each line rounded half-up to the currency's minor unit; the total is the exact sum "
            + "of the base fee and the rounded lines";

    private final Tenants tenants;
    private final PlanCatalog plans;
    private final Ledger ledger;
    private final RollLedger roll;

    public IssueInvoice(Tenants tenants, PlanCatalog plans, Ledger ledger, RollLedger roll) {
        this.tenants = tenants;
        this.plans = plans;
        this.ledger = ledger;
        this.roll = roll;
    }

    /** Outcome: the invoice, or why there is none. */
    public sealed interface Outcome {
        record Issued(Invoice invoice) implements Outcome {
        }

        record UnknownTenant(String tenantId) implements Outcome {
        }

        record UnknownPlan(String planId) implements Outcome {
        }
    }

    public Outcome invoice(TenantId tenant, YearMonth month) {
        Optional<Tenant> t = tenants.find(tenant);
        if (t.isEmpty()) {
            return new Outcome.UnknownTenant(tenant.value());
        }
        Optional<Plan> plan = plans.find(t.get().plan());
        if (plan.isEmpty()) {
            return new Outcome.UnknownPlan(t.get().plan());
        }
        roll.rebuild(tenant, month);
        return new Outcome.Issued(price(tenant.value(), month, plan.get(), ledger.month(tenant, month)));
    }

    /** Prices a month's ledger entries by a plan (pure). */
    public static Invoice price(String tenantId, YearMonth month, Plan plan, List<LedgerEntry> entries) {
        Map<String, Long> used = new TreeMap<>();
        entries.forEach(e -> used.merge(e.meter(), e.quantity(), Long::sum));
        List<Invoice.Line> lines = new ArrayList<>();
        BigDecimal total = plan.baseFee().setScale(plan.minorUnits());
        for (MeterPrice p : plan.priceList()) {
            long q = used.getOrDefault(p.meter().key(), 0L);
            long billable = p.billable(q);
            BigDecimal amount = p.amount(billable, plan.minorUnits());
            lines.add(new Invoice.Line(p.meter().key(), p.meter().unit(), q, p.included(), billable, p.unitPrice(), p.per(), amount));
            total = total.add(amount);
        }
        for (String meter : used.keySet()) {
            if (Meter.of(meter).map(m -> !plan.prices().containsKey(m)).orElse(true)) {
                lines.add(new Invoice.Line(meter, Meter.of(meter).map(Meter::unit).orElse("unit"), used.get(meter), 0, 0, BigDecimal.ZERO, 1,
                        BigDecimal.ZERO.setScale(plan.minorUnits())));
            }
        }
        return new Invoice(tenantId, month, plan.id(), plan.version(), plan.currency(), plan.minorUnits(),
                plan.baseFee().setScale(plan.minorUnits()), lines, total, ROUNDING);
    }
}
