package com.connectsoft.factory.billing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.connectsoft.factory.api.FactoryApi;
import com.connectsoft.factory.app.Factory;
import com.connectsoft.factory.billing.adapter.files.PlanFiles;
import com.connectsoft.factory.billing.application.IssueInvoice;
import com.connectsoft.factory.billing.domain.Invoice;
import com.connectsoft.factory.billing.domain.LedgerEntry;
import com.connectsoft.factory.billing.domain.Quota;
import com.connectsoft.factory.billing.domain.QuotaDecision;
import com.connectsoft.factory.platform.json.Json;
import com.connectsoft.factory.run.TestFactory;
import com.connectsoft.factory.run.application.RunProgress;
import com.connectsoft.factory.run.application.StartRun;
import com.connectsoft.factory.run.vocabulary.BuildStatus;
import com.connectsoft.factory.shared.domain.TenantId;
import com.connectsoft.factory.usage.domain.UsageRecord;
import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Plans, the quota check before a run, the hourly ledger, invoices and installs, on a factory with recorded builds. */
class BillingTest {
    @TempDir
    Path dir;

    private static StartRun.Request clinic(TenantId t, Path out) throws Exception {
        return new StartRun.Request(t, "clinic-booking.blueprint.yaml", TestFactory.example("clinic-booking.blueprint.yaml"), Optional.of(out),
                StartRun.DEFAULT_TEMPLATE);
    }

    @Test
    void theRepositorysPlansLoad() {
        try (Factory app = TestFactory.withRecordedBuilds(dir.resolve("data"), new TestFactory.RecordingBuilds(BuildStatus.PASSED))) {
            assertEquals(List.of("developer", "enterprise", "team"), app.billing().plans().all().stream().map(p -> p.id()).toList());
            assertTrue(app.billing().plans().find("developer").orElseThrow().includes(StartRun.DEFAULT_TEMPLATE));
            // every item the repository's plans name is in the repository's catalog (a typo would show here)
            assertEquals(List.of(), assertInstanceOf(PlanFiles.class, app.billing().plans()).unknownItems());
        }
    }

    @Test
    void aCatalogWithFewerItemsLeavesTheMissingOnesOutOfThePlansInsteadOfRefusingToStart() {
        Path plans = java.nio.file.Files.isDirectory(Path.of("..", "plans")) ? Path.of("..", "plans") : Path.of("plans");
        PlanFiles loaded = PlanFiles.load(plans, java.util.Set.of(StartRun.DEFAULT_TEMPLATE));
        assertTrue(loaded.find("developer").orElseThrow().includes(StartRun.DEFAULT_TEMPLATE));
        assertTrue(!loaded.find("developer").orElseThrow().includes("ConnectSoft.Template.SpringBootService"));
        assertTrue(loaded.unknownItems().contains("developer.yaml: includes.templates[1]: ConnectSoft.Template.SpringBootService"),
                loaded.unknownItems()::toString);
    }

    @Test
    void aTenantOverItsRunQuotaIsRefusedBeforeAnythingRunsAndNothingIsRecorded() throws Exception {
        TestFactory.RecordingBuilds builds = new TestFactory.RecordingBuilds(BuildStatus.PASSED);
        try (Factory app = TestFactory.withRecordedBuilds(dir.resolve("data"), builds)) {
            TenantId acme = TenantId.of("acme");
            app.tenancy().administration().register(acme, "Acme", "developer");
            long limit = app.billing().plans().find("developer").orElseThrow().limit(Quota.RUNS_PER_MONTH).getAsLong();
            app.usage().ledger().record(acme, new UsageRecord("acme", "use-earlier", "run-x", "p", "runs", limit, "run", Instant.now()));
            int usageBefore = app.usage().ledger().all(acme).size();

            StartRun.Result r = app.runs().start().run(clinic(acme, dir.resolve("out")), RunProgress.SILENT);

            QuotaDecision.Exceeded e = assertInstanceOf(QuotaDecision.Exceeded.class, assertInstanceOf(StartRun.Result.Refused.class, r).refusal());
            assertEquals(Quota.RUNS_PER_MONTH, e.quota());
            assertEquals(limit, e.used());
            YearMonth now = YearMonth.now(ZoneOffset.UTC);
            assertEquals(now.plusMonths(1).atDay(1).atStartOfDay(ZoneOffset.UTC).toInstant(), e.resetsAt().orElseThrow());
            assertTrue(e.reason().contains("resets at"), e.reason());
            assertEquals(0, builds.calls.get(), "nothing ran");
            assertEquals(List.of(), app.runs().queries().list(acme), "no run was recorded");
            assertEquals(usageBefore, app.usage().ledger().all(acme).size(), "no usage was recorded");
        }
    }

    @Test
    void overQuotaOverHttpIs429WithRetryAfterAndAPlanThatDoesNotIncludeAnItemIs402() throws Exception {
        try (Factory app = TestFactory.withRecordedBuilds(dir.resolve("data"), new TestFactory.RecordingBuilds(BuildStatus.PASSED))) {
            FactoryApi api = new FactoryApi(app, Optional.empty());
            TenantId a = TenantId.of("acme");
            TenantId b = TenantId.of("globex");
            String keyA = app.tenancy().administration().onboard(a, "Acme", "developer", java.time.Duration.ofDays(1)).key().key();
            String keyB = app.tenancy().administration().onboard(b, "Globex", "developer", java.time.Duration.ofDays(1)).key().key();
            FactoryApi.Response up = call(api, "POST", "/api/v1/blueprints", Map.of("file", "clinic-booking.blueprint.yaml"),
                    TestFactory.example("clinic-booking.blueprint.yaml"), keyA);
            assertEquals(201, up.status(), new String(up.body(), StandardCharsets.UTF_8));
            app.usage().ledger().record(a, new UsageRecord("acme", "use-minutes", "run-x", "p", "build-seconds", 1000L * 60, "second", Instant.now()));
            FactoryApi.Response run = call(api, "POST", "/api/v1/runs", Map.of(), "{\"blueprintId\":\"bp-clinic-booking\"}".getBytes(), keyA);
            assertEquals(429, run.status(), new String(run.body(), StandardCharsets.UTF_8));
            assertTrue(Long.parseLong(run.headers().get("Retry-After")) > 0);
            JsonNode p = Json.mapper().readTree(run.body());
            assertEquals("buildMinutesPerMonth", p.get("quota").asText());
            assertTrue(p.get("title").asText().contains("resets at"), p.get("title").asText());
            assertEquals(List.of(), app.runs().queries().list(a));

            assertEquals(200, call(api, "GET", "/api/v1/plans", Map.of(), new byte[0], null).status());
            FactoryApi.Response installed = call(api, "POST", "/api/v1/installs", Map.of(), "{\"itemId\":\"ConnectSoft.Template.FunctionsMicroservice\"}".getBytes(), keyA);
            assertEquals(201, installed.status());
            assertEquals(200, call(api, "POST", "/api/v1/installs", Map.of(), "{\"itemId\":\"ConnectSoft.Template.FunctionsMicroservice\"}".getBytes(), keyA).status(),
                    "installing again is idempotent");
            FactoryApi.Response refused = call(api, "POST", "/api/v1/installs", Map.of(), "{\"itemId\":\"ConnectSoft.Extensions.Runtime\"}".getBytes(), keyA);
            assertEquals(402, refused.status());
            assertTrue(Json.mapper().readTree(refused.body()).get("title").asText().contains("does not include ConnectSoft.Extensions.Runtime"));
            assertEquals(1, Json.mapper().readTree(call(api, "GET", "/api/v1/installs", Map.of(), new byte[0], keyA).body()).get("items").size());
            assertEquals(0, Json.mapper().readTree(call(api, "GET", "/api/v1/installs", Map.of(), new byte[0], keyB).body()).get("items").size(),
                    "tenant B does not see A's entitlements");
            JsonNode invoiceB = Json.mapper().readTree(call(api, "GET", "/api/v1/invoices/" + YearMonth.now(ZoneOffset.UTC), Map.of(), new byte[0], keyB).body());
            assertEquals("globex", invoiceB.get("tenantId").asText());
            for (JsonNode line : invoiceB.get("lines")) {
                assertEquals(0, line.get("quantity").asLong(), "tenant B's invoice holds none of A's usage: " + line);
            }
            assertEquals(401, call(api, "GET", "/api/v1/invoices/2026-11", Map.of(), new byte[0], null).status());
            assertEquals(400, call(api, "GET", "/api/v1/invoices/2026-13", Map.of(), new byte[0], keyA).status());
        }
    }

    @Test
    void theLedgerRebuiltFromUsageRecordsIsIdenticalAndTheInvoiceMatchesItToTheCent() throws Exception {
        TestFactory.RecordingBuilds builds = new TestFactory.RecordingBuilds(BuildStatus.PASSED);
        try (Factory app = TestFactory.withRecordedBuilds(dir.resolve("data"), builds)) {
            TenantId acme = TenantId.of("acme");
            app.tenancy().administration().register(acme, "Acme", "developer");
            assertInstanceOf(com.connectsoft.factory.billing.application.ChangePlan.Outcome.Changed.class,
                    app.billing().changePlan().change(acme, "team", "test"));
            assertEquals("team", app.billing().planChanges().list(acme).get(0).toPlan());
            assertInstanceOf(StartRun.Result.Finished.class, app.runs().start().run(clinic(acme, dir.resolve("out")), RunProgress.SILENT));
            app.drain(java.time.Duration.ofSeconds(30));
            Instant now = Instant.now();
            // above the team plan's included quantities, recorded twice (counted once)
            for (int i = 0; i < 2; i++) {
                app.usage().ledger().record(acme, new UsageRecord("acme", "use-runs-bulk", "r", "p", "runs", 333, "run", now));
                app.usage().ledger().record(acme, new UsageRecord("acme", "use-tokens", "r", "p", "agent-tokens", 12_345_678, "tokens", now));
            }
            YearMonth month = YearMonth.from(now.atZone(ZoneOffset.UTC));
            List<LedgerEntry> built = app.billing().roll().rebuild(acme, month);
            Map<String, Long> perMeter = new TreeMap<>();
            for (UsageRecord u : app.usage().ledger().all(acme)) {
                if (YearMonth.from(u.recordedAt().atZone(ZoneOffset.UTC)).equals(month)) {
                    perMeter.merge(u.meter(), u.quantity(), Long::sum);
                }
            }
            Map<String, Long> ledgerPerMeter = new TreeMap<>();
            built.forEach(e -> ledgerPerMeter.merge(e.meter(), e.quantity(), Long::sum));
            assertEquals(perMeter, ledgerPerMeter, "every usage record counts once in the ledger");
            assertTrue(perMeter.get("runs") >= 334 && perMeter.containsKey("renders") && perMeter.containsKey("stored-bytes"), perMeter.toString());

            for (LedgerEntry e : built) {
                app.billing().ledger().replaceHour(acme, e.hour(), List.of());
            }
            assertEquals(List.of(), app.billing().ledger().month(acme, month));
            assertEquals(built, app.billing().roll().rebuild(acme, month), "rebuilt from the usage records: the same entries");
            assertEquals(built, app.billing().roll().rebuild(acme, month), "and again");

            Invoice inv = assertInstanceOf(IssueInvoice.Outcome.Issued.class, app.billing().invoices().invoice(acme, month)).invoice();
            assertEquals("team", inv.planId());
            BigDecimal expected = new BigDecimal("49.00");
            for (Invoice.Line l : inv.lines()) {
                assertEquals(ledgerPerMeter.getOrDefault(l.meter(), 0L), l.quantity(), l.meter());
                long billable = Math.max(0, l.quantity() - l.included());
                assertEquals(billable, l.billable(), l.meter());
                BigDecimal amount = l.unitPrice().multiply(BigDecimal.valueOf(billable)).divide(BigDecimal.valueOf(l.per()), 2, RoundingMode.HALF_UP);
                assertEquals(amount, l.amount(), l.meter());
                expected = expected.add(amount);
            }
            // runs: 334+ - 300 included at 0.40; tokens: 12,345,678 - 10,000,000 at 0.002 per 1000 = 4.691356 -> 4.69
            Invoice.Line tokens = inv.lines().stream().filter(l -> l.meter().equals("agent-tokens")).findFirst().orElseThrow();
            assertEquals(new BigDecimal("4.69"), tokens.amount());
            assertEquals(expected, inv.total());
            assertEquals(expected.movePointRight(2).longValueExact(), inv.totalMinor());
        }
    }

    private static FactoryApi.Response call(FactoryApi api, String method, String path, Map<String, String> query, byte[] body, String key) {
        return api.handle(new FactoryApi.Request(method, path, key == null ? Map.of() : Map.of("X-Api-Key", key), query, body));
    }
}
