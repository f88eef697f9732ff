package com.connectsoft.factory.billing;

import com.connectsoft.factory.billing.adapter.files.PlanFiles;
import com.connectsoft.factory.billing.adapter.store.DocumentEntitlements;
import com.connectsoft.factory.billing.adapter.store.DocumentLedger;
import com.connectsoft.factory.billing.adapter.store.DocumentPlanChanges;
import com.connectsoft.factory.billing.application.ChangePlan;
import com.connectsoft.factory.billing.application.CheckQuota;
import com.connectsoft.factory.billing.application.InstallItem;
import com.connectsoft.factory.billing.application.IssueInvoice;
import com.connectsoft.factory.billing.application.RollLedger;
import com.connectsoft.factory.billing.domain.Ledger;
import com.connectsoft.factory.billing.domain.PlanCatalog;
import com.connectsoft.factory.billing.domain.PlanChanges;
import com.connectsoft.factory.billing.domain.QuotaGate;
import com.connectsoft.factory.platform.store.DocumentStore;
import com.connectsoft.factory.tenancy.domain.Tenants;
import com.connectsoft.factory.usage.domain.UsageRecords;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * Billing wired on the document store: plans from the plan files, the quota gate, the hourly ledger, invoices,
 * installs (entitlements) and plan changes.
 */
public final class BillingConfiguration {
    /** What billing is made with. {@code catalogKind}: a catalog item's kind ("template", "library") by id. */
    public record Inputs(DocumentStore store, Tenants tenants, UsageRecords usage, Path plansDir, Set<String> catalogItems,
                         Function<String, Optional<String>> catalogKind, Clock clock) {
    }

    private final PlanCatalog plans;
    private final Ledger ledger;
    private final RollLedger roll;
    private final PlanChanges changes;
    private final CheckQuota quotas;
    private final IssueInvoice invoices;
    private final InstallItem installs;
    private final ChangePlan planChanges;

    public BillingConfiguration(Inputs in) {
        this.plans = PlanFiles.load(in.plansDir(), in.catalogItems());
        this.ledger = new DocumentLedger(in.store());
        this.roll = new RollLedger(in.usage(), ledger, in.tenants(), in.clock());
        this.changes = new DocumentPlanChanges(in.store());
        this.quotas = new CheckQuota(in.tenants(), plans, in.usage(), in.clock());
        this.invoices = new IssueInvoice(in.tenants(), plans, ledger, roll);
        this.installs = new InstallItem(in.tenants(), plans, new DocumentEntitlements(in.store()), in.catalogKind(), in.clock());
        this.planChanges = new ChangePlan(in.tenants(), plans, changes, in.clock());
    }

    public PlanCatalog plans() {
        return plans;
    }

    public QuotaGate quotaGate() {
        return quotas;
    }

    public Ledger ledger() {
        return ledger;
    }

    public RollLedger roll() {
        return roll;
    }

    public IssueInvoice invoices() {
        return invoices;
    }

    public InstallItem installs() {
        return installs;
    }

    public ChangePlan changePlan() {
        return planChanges;
    }

    public PlanChanges planChanges() {
        return changes;
    }
}
