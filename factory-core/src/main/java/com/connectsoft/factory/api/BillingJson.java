package com.connectsoft.factory.api;

import com.connectsoft.factory.billing.domain.Invoice;
import com.connectsoft.factory.billing.domain.MeterPrice;
import com.connectsoft.factory.billing.domain.Plan;
import java.util.LinkedHashMap;
import java.util.Map;

/** The JSON shapes of plans and invoices, one definition for the HTTP API and the CLI's --json. Money as decimal strings. */
public final class BillingJson {
    private BillingJson() {
    }

    public static Map<String, Object> plan(Plan p) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("planId", p.id());
        out.put("version", p.version());
        out.put("name", p.name());
        out.put("description", p.description());
        out.put("currency", p.currency());
        out.put("baseFee", p.baseFee().toPlainString());
        out.put("meters", p.priceList().stream().map(BillingJson::price).toList());
        Map<String, Object> quotas = new LinkedHashMap<>();
        for (var q : com.connectsoft.factory.billing.domain.Quota.values()) {
            quotas.put(q.key(), p.limit(q).isPresent() ? p.limit(q).getAsLong() : null);
        }
        out.put("quotas", quotas);
        out.put("includes", p.includes().stream().sorted().toList());
        return out;
    }

    private static Map<String, Object> price(MeterPrice m) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("meter", m.meter().key());
        out.put("unit", m.meter().unit());
        out.put("unitPrice", m.unitPrice().toPlainString());
        out.put("per", m.per());
        out.put("included", m.included());
        return out;
    }

    public static Map<String, Object> invoice(Invoice inv) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("tenantId", inv.tenantId());
        out.put("month", inv.month().toString());
        out.put("planId", inv.planId());
        out.put("planVersion", inv.planVersion());
        out.put("currency", inv.currency());
        out.put("baseFee", inv.baseFee().toPlainString());
        out.put("lines", inv.lines().stream().map(l -> {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("meter", l.meter());
            m.put("unit", l.unit());
            m.put("quantity", l.quantity());
            m.put("included", l.included());
            m.put("billable", l.billable());
            m.put("unitPrice", l.unitPrice().toPlainString());
            m.put("per", l.per());
            m.put("amount", l.amount().toPlainString());
            return m;
        }).toList());
        out.put("total", inv.total().toPlainString());
        out.put("totalMinorUnits", inv.totalMinor());
        out.put("rounding", inv.rounding());
        return out;
    }
}
