package com.connectsoft.factory.cli;

import com.connectsoft.factory.app.Factory;
import com.connectsoft.factory.billing.application.ChangePlan;
import com.connectsoft.factory.billing.domain.Plan;
import com.connectsoft.factory.billing.domain.QuotaDecision;
import com.connectsoft.factory.platform.json.Json;
import java.io.PrintWriter;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "billing", description = "Plans and a tenant's plan.",
        subcommands = {BillingCommand.Plans.class, BillingCommand.SetPlan.class})
final class BillingCommand extends FactoryCommand {
    @Override
    public Integer call() {
        return usage();
    }

    /** Prints why the plan refused the work (what, how much, when it resets) and answers exit code 5. */
    static int refused(PrintWriter err, QuotaDecision refusal) {
        if (refusal instanceof QuotaDecision.Exceeded e) {
            err.println("refused: quota exceeded: " + e.reason() + ". Nothing was started.");
        } else if (refusal instanceof QuotaDecision.NotIncluded n) {
            err.println("refused: " + n.reason() + ". Nothing was started.");
        }
        return FactoryCli.REFUSED_BY_PLAN;
    }

    @Command(name = "plans", description = "List the plans (plans/*.yaml): base fee, prices, quotas, included items.")
    static final class Plans extends FactoryCommand {
        @Option(names = "--json", description = "Print the plans as JSON.")
        boolean json;

        @Override
        public Integer call() {
            try (Factory factory = open()) {
                if (json) {
                    out().println(Json.pretty(factory.billing().plans().all().stream().map(com.connectsoft.factory.api.BillingJson::plan).toList()));
                    return FactoryCli.OK;
                }
                for (Plan p : factory.billing().plans().all()) {
                    out().printf("%-12s %-10s %s %s a month; %s%n", p.id(), p.version(), p.baseFee().toPlainString(), p.currency(), p.description());
                    p.priceList().forEach(m -> out().printf("    %-14s %s per %d %s, %d included%n", m.meter().key(), m.unitPrice().toPlainString(),
                            m.per(), m.meter().unit(), m.included()));
                    p.quotas().forEach((q, l) -> out().printf("    quota %-22s %d%n", q.key(), l));
                    out().printf("    includes %s%n", p.includes().stream().sorted().toList());
                }
                return FactoryCli.OK;
            }
        }
    }

    @Command(name = "plan", description = "Move a tenant to another plan; the change is recorded.")
    static final class SetPlan extends FactoryCommand {
        @Mixin
        RequiredTenantOption tenant;

        @Option(names = "--set", required = true, description = "The plan id (./factory billing plans).")
        String plan;

        @Override
        public Integer call() {
            try (Factory factory = open()) {
                ChangePlan.Outcome o = factory.billing().changePlan().change(tenant.value(), plan, "cli");
                if (o instanceof ChangePlan.Outcome.Changed c) {
                    out().printf("tenant %s moved from plan %s to %s (%s)%n", c.change().tenantId(), c.change().fromPlan(), c.change().toPlan(),
                            c.change().changeId());
                    return FactoryCli.OK;
                }
                if (o instanceof ChangePlan.Outcome.Unchanged u) {
                    out().printf("tenant %s is on plan %s already%n", tenant.value().value(), u.planId());
                    return FactoryCli.OK;
                }
                if (o instanceof ChangePlan.Outcome.UnknownPlan u) {
                    err().println("error: --set: no plan " + u.planId() + "; plans: " + u.plans());
                    return FactoryCli.BAD_INPUT;
                }
                err().println("error: tenant " + tenant.value().value() + " is not registered");
                return FactoryCli.BAD_INPUT;
            }
        }
    }
}
