package com.connectsoft.factory.api;

import com.connectsoft.factory.app.Factory;
import com.connectsoft.factory.billing.application.InstallItem;
import com.connectsoft.factory.billing.application.IssueInvoice;
import com.connectsoft.factory.billing.domain.Entitlement;
import com.connectsoft.factory.billing.domain.Invoice;
import com.connectsoft.factory.billing.domain.MeterPrice;
import com.connectsoft.factory.billing.domain.Plan;
import com.connectsoft.factory.billing.domain.QuotaDecision;
import com.connectsoft.factory.platform.json.Json;
import com.connectsoft.factory.shared.domain.TenantId;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.YearMonth;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Billing over HTTP: {@code GET /api/v1/plans} (public), {@code GET /api/v1/invoices/{month}}, {@code GET/POST
 * /api/v1/installs} (the caller's tenant only, from its credential), and the refusal of work a plan does not allow
 * (429 with Retry-After for a quota that resets, 402 for what the plan does not allow).
 */
final class BillingHttp {
    static final int MAX_BODY = 4 * 1024;
    private static final Pattern MONTH = Pattern.compile("[0-9]{4}-[0-9]{2}");
    private static final Pattern ITEM = Pattern.compile("[A-Za-z0-9.]{1,120}");

    private BillingHttp() {
    }

    static FactoryApi.Response plans(Factory app) {
        return FactoryApi.Response.json(200, Map.of("items", app.billing().plans().all().stream().map(BillingJson::plan).toList()));
    }

    static FactoryApi.Response invoice(Factory app, TenantId tenant, String month) {
        if (!MONTH.matcher(month).matches()) {
            return FactoryApi.problem(400, "the month is written YYYY-MM, e.g. /api/v1/invoices/2026-11", List.of(), Map.of());
        }
        YearMonth ym;
        try {
            ym = YearMonth.parse(month);
        } catch (DateTimeParseException e) {
            return FactoryApi.problem(400, "the month is written YYYY-MM with a month from 01 to 12", List.of(), Map.of());
        }
        IssueInvoice.Outcome o = app.billing().invoices().invoice(tenant, ym);
        if (o instanceof IssueInvoice.Outcome.Issued issued) {
            return FactoryApi.Response.json(200, BillingJson.invoice(issued.invoice()));
        }
        if (o instanceof IssueInvoice.Outcome.UnknownPlan u) {
            return FactoryApi.problem(409, "the tenant's plan " + u.planId() + " is not in the plan catalog; ask the platform team to "
                    + "move it to one (./factory billing plan --tenant <id> --set <plan>)", List.of(), Map.of());
        }
        return FactoryApi.problem(404, "tenant " + tenant.value() + " is not registered", List.of(), Map.of());
    }

    static FactoryApi.Response installs(Factory app, TenantId tenant) {
        return FactoryApi.Response.json(200, Map.of("items", app.billing().installs().installed(tenant).stream().map(BillingHttp::entitlementJson)
                .toList()));
    }

    static FactoryApi.Response install(Factory app, FactoryApi.Request r, TenantId tenant) {
        String usage = "send {\"itemId\": \"ConnectSoft.Template.FunctionsMicroservice\"} (a template or library id from GET /api/v1/templates)";
        if (r.body().length > MAX_BODY) {
            return FactoryApi.problem(400, "the body is larger than " + MAX_BODY + " bytes; " + usage, List.of(), Map.of());
        }
        JsonNode body;
        try {
            body = Json.mapper().readTree(r.body().length == 0 ? "{}" : new String(r.body(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            body = null;
        }
        if (body == null || !body.isObject() || !body.path("itemId").isTextual() || !ITEM.matcher(body.get("itemId").asText()).matches()) {
            return FactoryApi.problem(400, usage, List.of(), Map.of());
        }
        String itemId = body.get("itemId").asText();
        InstallItem.Outcome o = app.billing().installs().install(tenant, itemId);
        if (o instanceof InstallItem.Outcome.Installed i) {
            return new FactoryApi.Response(i.created() ? 201 : 200, Map.of("Content-Type", "application/json", "Location", "/api/v1/installs"),
                    Json.write(entitlementJson(i.entitlement())).getBytes(StandardCharsets.UTF_8));
        }
        if (o instanceof InstallItem.Outcome.NotInPlan n) {
            return FactoryApi.problem(402, n.reason() + ". Nothing was installed; move to one of those plans to install it", List.of(),
                    Map.of("planId", n.planId(), "itemId", n.itemId(), "plansThatInclude", n.plansThatInclude()));
        }
        if (o instanceof InstallItem.Outcome.UnknownItem u) {
            return FactoryApi.problem(404, "the catalog has no template or library " + u.itemId() + " (GET /api/v1/templates lists them)",
                    List.of(), Map.of());
        }
        return FactoryApi.problem(404, "tenant " + tenant.value() + " is not registered", List.of(), Map.of());
    }

    private static Map<String, Object> entitlementJson(Entitlement e) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("itemId", e.itemId());
        out.put("kind", e.kind());
        out.put("planId", e.planId());
        out.put("installedAt", e.installedAt().toString());
        return out;
    }

    /** The answer to work the plan does not allow: 429 + Retry-After until the quota resets, else 402; nothing was written. */
    static FactoryApi.Response refusal(QuotaDecision d, Clock clock) {
        if (d instanceof QuotaDecision.Exceeded e) {
            Map<String, Object> extra = new LinkedHashMap<>();
            extra.put("planId", e.planId());
            extra.put("quota", e.quota().key());
            extra.put("limit", e.limit());
            extra.put("used", e.used());
            e.resetsAt().ifPresent(at -> extra.put("resetsAt", at.toString()));
            if (e.resetsAt().isEmpty()) {
                return FactoryApi.problem(402, "quota exceeded: " + e.reason() + "; nothing was started", List.of(), extra);
            }
            long seconds = Math.max(1, Duration.between(clock.instant(), e.resetsAt().get()).toSeconds());
            return FactoryApi.problem(429, "quota exceeded: " + e.reason() + "; nothing was started", List.of(), extra)
                    .withHeader("Retry-After", String.valueOf(seconds));
        }
        if (d instanceof QuotaDecision.NotIncluded n) {
            return FactoryApi.problem(402, n.reason() + "; nothing was started", List.of(), Map.of("planId", n.planId(), "item", n.itemId(),
                    "plansThatInclude", n.plansThatInclude()));
        }
        throw new IllegalArgumentException("not a refusal: " + d);
    }
}
