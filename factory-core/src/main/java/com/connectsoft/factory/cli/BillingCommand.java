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

@Command(name = "billing", description = "Plans, a tenant's plan, and the Azure Marketplace metered billing export.",
        subcommands = {BillingCommand.Plans.class, BillingCommand.SetPlan.class, BillingCommand.Marketplace.class, BillingCommand.Export.class})
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

    @Command(name = "marketplace", description = "Link a tenant to its Azure Marketplace SaaS subscription (the resource its usage is billed to), or show the link.")
    static final class Marketplace extends FactoryCommand {
        @Mixin
        RequiredTenantOption tenant;

        @Option(names = "--resource-id", description = "The SaaS subscription id (a GUID) the fulfillment API resolved for the tenant's purchase.")
        String resourceId;

        @Override
        public Integer call() {
            com.connectsoft.factory.shared.domain.TenantId t = tenant.value();
            try (Factory factory = open()) {
                if (factory.tenancy().tenants().find(t).isEmpty()) {
                    err().println("error: tenant " + t.value() + " is not registered");
                    return FactoryCli.BAD_INPUT;
                }
                var links = factory.marketplace().links();
                if (resourceId == null) {
                    var link = links.find(t);
                    out().println(link.map(l -> "tenant " + t.value() + " is billed to Marketplace subscription " + l.resourceId())
                            .orElse("tenant " + t.value() + " has no Marketplace subscription linked; its usage is not exported"));
                    return FactoryCli.OK;
                }
                com.connectsoft.factory.billing.domain.MarketplaceLink link;
                try {
                    link = new com.connectsoft.factory.billing.domain.MarketplaceLink(t.value(), resourceId.trim(), java.time.Instant.now());
                } catch (IllegalArgumentException e) {
                    err().println("error: --resource-id: " + e.getMessage());
                    return FactoryCli.BAD_INPUT;
                }
                links.link(t, link);
                out().println("tenant " + t.value() + " is billed to Marketplace subscription " + link.resourceId());
                return FactoryCli.OK;
            }
        }
    }

    @Command(name = "export", description = "Send the tenants' metered overage to the Azure Marketplace, one usage event per subscription, "
            + "dimension and hour, each hour once. Exit 1 when an event was rejected, failed or needs an operator.")
    static final class Export extends FactoryCommand {
        @Option(names = "--tenant", description = "Only this tenant (default: every tenant).")
        String tenant;

        @Option(names = "--until", description = "Export the hours before this UTC hour, e.g. 2026-12-01T03:00Z (default: the current hour).")
        String until;

        @Option(names = "--dry-run", description = "Show what would be sent; send and write nothing.")
        boolean dryRun;

        @Override
        public Integer call() {
            java.util.Optional<com.connectsoft.factory.shared.domain.TenantId> which;
            try {
                which = tenant == null ? java.util.Optional.empty() : java.util.Optional.of(com.connectsoft.factory.shared.domain.TenantId.of(tenant));
            } catch (IllegalArgumentException e) {
                err().println("error: --tenant: " + e.getMessage());
                return FactoryCli.BAD_INPUT;
            }
            java.util.Optional<java.time.Instant> before = java.util.Optional.empty();
            if (until != null) {
                before = hour(until);
                if (before.isEmpty()) {
                    err().println("error: --until '" + (until.length() > 40 ? until.substring(0, 40) + "..." : until)
                            + "' is not a UTC hour: write it like 2026-12-01T03:00Z");
                    return FactoryCli.BAD_INPUT;
                }
            }
            try (Factory factory = open()) {
                factory.drain(java.time.Duration.ofSeconds(10));
                var outcome = factory.marketplace().export().export(
                        new com.connectsoft.factory.billing.application.ExportUsage.Request(which, before, dryRun));
                if (outcome instanceof com.connectsoft.factory.billing.application.ExportUsage.Outcome.Refused r) {
                    err().println("error: " + r.reason());
                    return FactoryCli.BAD_INPUT;
                }
                var done = (com.connectsoft.factory.billing.application.ExportUsage.Outcome.Done) outcome;
                print(done);
                return done.problems() > 0 ? FactoryCli.RUN_FAILED : FactoryCli.OK;
            }
        }

        static java.util.Optional<java.time.Instant> hour(String text) {
            String s = text.trim();
            if (s.length() > 40) {
                return java.util.Optional.empty();
            }
            try {
                return java.util.Optional.of(java.time.OffsetDateTime.parse(s).toInstant());
            } catch (java.time.format.DateTimeParseException e) {
                return java.util.Optional.empty();
            }
        }

        private void print(com.connectsoft.factory.billing.application.ExportUsage.Outcome.Done done) {
            out().printf("Marketplace export of the hours before %s%s%n", done.until(), done.dryRun() ? " (dry run: nothing sent or written)" : "");
            for (var t : done.tenants()) {
                if (t instanceof com.connectsoft.factory.billing.application.ExportUsage.TenantOutcome.Skipped s) {
                    out().printf("tenant %s: skipped: %s%n", s.tenantId(), s.reason());
                    continue;
                }
                var e = (com.connectsoft.factory.billing.application.ExportUsage.TenantOutcome.Exported) t;
                out().printf("tenant %s (subscription %s): %d event(s) in this export, %d settled earlier%n", e.tenantId(), e.resourceId(),
                        e.rows().size(), e.settledBefore());
                if (e.rows().isEmpty()) {
                    continue;
                }
                out().printf("  %-20s %-14s %14s %-12s %-22s %s%n", "hour", "dimension", "quantity", "action", "state", "detail");
                for (var r : e.rows()) {
                    var rec = r.record();
                    out().printf("  %-20s %-14s %14s %-12s %-22s %s%n", rec.event().hour(), rec.event().dimension(), rec.event().quantity().toPlainString(),
                            r.action().name().toLowerCase(java.util.Locale.ROOT).replace('_', '-'), rec.state().word(),
                            rec.reason().or(rec::usageEventId).orElse(""));
                }
            }
            long problems = done.problems();
            if (problems > 0) {
                out().printf("%d event(s) rejected, failed or flagged: see the detail column (rejected retryable and failed ones are sent again "
                        + "at the next export)%n", problems);
            }
        }
    }
}
