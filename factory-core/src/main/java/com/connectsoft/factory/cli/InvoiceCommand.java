package com.connectsoft.factory.cli;

import com.connectsoft.factory.app.Factory;
import com.connectsoft.factory.billing.application.IssueInvoice;
import com.connectsoft.factory.billing.domain.Invoice;
import com.connectsoft.factory.platform.json.Json;
import java.time.Duration;
import java.time.YearMonth;
import java.time.format.DateTimeParseException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "invoice", description = "A tenant's invoice for a month: a line per meter (included, billable, unit price, amount) and the total.")
final class InvoiceCommand extends FactoryCommand {
    @Mixin
    RequiredTenantOption tenant;

    @Option(names = "--month", required = true, description = "The UTC month, YYYY-MM (e.g. 2026-11).")
    String month;

    @Option(names = "--json", description = "Print the invoice as JSON.")
    boolean json;

    @Override
    public Integer call() {
        YearMonth ym;
        try {
            ym = month.matches("[0-9]{4}-[0-9]{2}") ? YearMonth.parse(month) : null;
        } catch (DateTimeParseException e) {
            ym = null;
        }
        if (ym == null) {
            err().println("error: --month is written YYYY-MM with a month from 01 to 12, e.g. --month 2026-11");
            return FactoryCli.BAD_INPUT;
        }
        try (Factory factory = open()) {
            factory.drain(Duration.ofSeconds(10));
            IssueInvoice.Outcome o = factory.billing().invoices().invoice(tenant.value(), ym);
            if (o instanceof IssueInvoice.Outcome.UnknownTenant u) {
                err().println("error: tenant " + u.tenantId() + " is not registered (./factory keys create --tenant " + u.tenantId() + ")");
                return FactoryCli.BAD_INPUT;
            }
            if (o instanceof IssueInvoice.Outcome.UnknownPlan u) {
                err().println("error: the tenant's plan " + u.planId() + " is not in plans/; move it to one with ./factory billing plan --tenant "
                        + tenant.value().value() + " --set <plan>");
                return FactoryCli.BAD_INPUT;
            }
            Invoice inv = ((IssueInvoice.Outcome.Issued) o).invoice();
            if (json) {
                out().println(Json.pretty(com.connectsoft.factory.api.BillingJson.invoice(inv)));
                return FactoryCli.OK;
            }
            print(inv);
            return FactoryCli.OK;
        }
    }

    private void print(Invoice inv) {
        out().printf("Invoice %s for tenant %s, plan %s@%s (%s)%n", inv.month(), inv.tenantId(), inv.planId(), inv.planVersion(), inv.currency());
        out().printf("  %-14s %14s %14s %14s %12s %12s%n", "meter", "quantity", "included", "billable", "unit price", "amount");
        for (Invoice.Line l : inv.lines()) {
            out().printf("  %-14s %14d %14d %14d %12s %12s%n", l.meter(), l.quantity(), l.included(), l.billable(),
                    l.unitPrice().toPlainString() + (l.per() == 1 ? "" : "/" + l.per()), l.amount().toPlainString());
        }
        out().printf("  %-14s %70s%n", "base fee", inv.baseFee().toPlainString());
        out().printf("  %-14s %70s%n", "total", inv.total().toPlainString() + " " + inv.currency());
        out().println("Rounding: " + inv.rounding() + ".");
    }
}
