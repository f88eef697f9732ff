package com.connectsoft.factory.billing.marketplace;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.connectsoft.factory.billing.application.ExportUsage;
import com.connectsoft.factory.billing.application.IssueInvoice;
import com.connectsoft.factory.billing.domain.Invoice;
import com.connectsoft.factory.billing.domain.LedgerEntry;
import com.connectsoft.factory.billing.domain.MarketplaceExportRecord;
import com.connectsoft.factory.billing.domain.MarketplaceExportState;
import com.connectsoft.factory.billing.domain.MarketplaceMetering;
import com.connectsoft.factory.billing.domain.MarketplaceUsage;
import com.connectsoft.factory.billing.domain.MarketplaceUsageEvent;
import com.connectsoft.factory.shared.domain.TenantId;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.file.Path;
import java.time.Instant;
import java.time.YearMonth;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The export is built from the hourly ledger: the same usage gives the same ledger and the same events, however it is rolled and exported. */
class MarketplaceLedgerTest {
    static final YearMonth NOVEMBER = YearMonth.of(2026, 11);
    static final Instant FIRST_HOUR = Instant.parse("2026-11-20T00:00:00Z");
    static final String ACME_SUB = "0b5e2f4a-1c3d-4e5f-8a9b-0c1d2e3f4a5b";
    static final String GLOBEX_SUB = "7f6e5d4c-3b2a-4190-8f7e-6d5c4b3a2910";

    @TempDir
    Path dir;

    /** The Marketplace in memory: accepts the first event per (resource, dimension, hour), answers Duplicate after. */
    static final class InMemoryMarketplace implements MarketplaceMetering {
        final Map<String, BigDecimal> accepted = new TreeMap<>();
        final List<Integer> batchSizes = new ArrayList<>();

        @Override
        public BatchOutcome send(List<MarketplaceUsageEvent> batch) {
            batchSizes.add(batch.size());
            List<EventResult> out = new ArrayList<>();
            for (MarketplaceUsageEvent e : batch) {
                BigDecimal before = accepted.putIfAbsent(e.key(), e.quantity());
                out.add(before == null ? new EventResult(Status.ACCEPTED, Optional.of(UUID.randomUUID().toString()), Optional.empty(), Optional.empty())
                        : new EventResult(Status.DUPLICATE, Optional.of("earlier"), Optional.of(before), Optional.empty()));
            }
            return new BatchOutcome.Answered(out);
        }
    }

    record Use(TenantId tenant, String id, String meter, long quantity, Instant at) {
    }

    /** Usage of two tenants over twenty hours of one day, above the team plan's included units, in a fixed pseudo-random pattern. */
    private static List<Use> aDay(TenantId acme, TenantId globex) {
        List<Use> out = new ArrayList<>();
        for (TenantId t : List.of(acme, globex)) {
            out.add(new Use(t, "u-runs", "runs", 290, Instant.parse("2026-11-03T08:15:00Z")));
            out.add(new Use(t, "u-build", "build-seconds", 299_000, Instant.parse("2026-11-03T08:15:00Z")));
            out.add(new Use(t, "u-tokens", "agent-tokens", 9_999_000, Instant.parse("2026-11-04T08:15:00Z")));
        }
        long seed = 7;
        for (int h = 0; h < 20; h++) {
            for (int k = 0; k < 3; k++) {
                seed = (seed * 1103515245 + 12345) & 0x7fffffff;
                Instant at = FIRST_HOUR.plus(h, ChronoUnit.HOURS).plusSeconds(seed % 3600);
                TenantId t = seed % 2 == 0 ? acme : globex;
                out.add(new Use(t, "u-" + h + "-" + k + "-r", "runs", 1 + seed % 3, at));
                out.add(new Use(t, "u-" + h + "-" + k + "-b", "build-seconds", 17 + seed % 211, at));
                out.add(new Use(t, "u-" + h + "-" + k + "-t", "agent-tokens", 333 + seed % 1777, at));
            }
        }
        return out;
    }

    /** Records the usage that happened before {@code now} and is not recorded yet (usage arrives as time passes). */
    private static void recordUntil(ExportFixture f, List<Use> uses, Instant now) {
        for (java.util.Iterator<Use> i = uses.iterator(); i.hasNext(); ) {
            Use u = i.next();
            if (u.at().isBefore(now)) {
                f.use(u.tenant(), u.id(), u.meter(), u.quantity(), u.at());
                i.remove();
            }
        }
    }

    private static ExportFixture fixture(Path dir, Instant now, MarketplaceMetering api, TenantId[] out, List<Use> uses) {
        ExportFixture f = new ExportFixture(dir, now, api);
        out[0] = f.tenant("acme", "team", Optional.of(ACME_SUB));
        out[1] = f.tenant("globex", "team", Optional.of(GLOBEX_SUB));
        uses.addAll(aDay(out[0], out[1]));
        recordUntil(f, uses, now);
        return f;
    }

    private static Map<String, BigDecimal> acceptedOf(ExportFixture f, TenantId t) {
        Map<String, BigDecimal> m = new TreeMap<>();
        for (MarketplaceExportRecord r : f.records(t)) {
            assertEquals(MarketplaceExportState.ACCEPTED, r.state(), r.event().key());
            m.put(r.event().key(), r.event().quantity().stripTrailingZeros());
        }
        return m;
    }

    @Test
    void theLedgerIsRebuiltIdenticallyAndTheExportHourByHourEqualsTheExportAtTheEnd() {
        Instant end = FIRST_HOUR.plus(20, ChronoUnit.HOURS);
        TenantId[] t = new TenantId[2];
        InMemoryMarketplace hourly = new InMemoryMarketplace();
        List<LedgerEntry> acmeLedger;
        Map<String, BigDecimal> acmeHourly;
        Map<String, BigDecimal> globexHourly;
        List<Use> uses = new ArrayList<>();
        try (ExportFixture f = fixture(dir.resolve("hourly"), FIRST_HOUR.plusSeconds(300), hourly, t, uses)) {
            for (Instant h = FIRST_HOUR.plus(1, ChronoUnit.HOURS); !h.isAfter(end); h = h.plus(1, ChronoUnit.HOURS)) {
                f.clock.set(h.plusSeconds(300));   // the timer, five minutes past each hour
                recordUntil(f, uses, f.clock.instant());
                ExportUsage.Outcome.Done done = f.exportAll();
                assertEquals(0, done.problems());
            }
            assertEquals(List.of(), uses, "all usage recorded");
            acmeLedger = f.billing.roll().rebuild(t[0], NOVEMBER);
            assertEquals(acmeLedger, f.billing.roll().rebuild(t[0], NOVEMBER), "rebuilt again, the same");
            assertEquals(acmeLedger, f.billing.roll().compute(t[0], NOVEMBER), "computed without storing, the same");
            assertTrue(acmeLedger.stream().allMatch(e -> e.tenantId().equals("acme")));
            assertTrue(f.billing.roll().rebuild(t[1], NOVEMBER).stream().allMatch(e -> e.tenantId().equals("globex")));
            acmeHourly = acceptedOf(f, t[0]);
            globexHourly = acceptedOf(f, t[1]);
            assertEquals(hourly.accepted.size(), acmeHourly.size() + globexHourly.size(), "no event sent twice");
            // the overage reported adds up to the invoice's billable units, per dimension
            var plan = f.billing.plans().find("team").orElseThrow();
            Invoice invoice = IssueInvoice.price("acme", NOVEMBER, plan, f.billing.ledger().month(t[0], NOVEMBER));
            for (var price : plan.priceList()) {
                if (price.dimension().isEmpty()) {
                    continue;
                }
                long billable = invoice.lines().stream().filter(l -> l.meter().equals(price.meter().key())).findFirst().orElseThrow().billable();
                BigDecimal reported = acmeHourly.entrySet().stream().filter(e -> e.getKey().contains("|" + price.dimension().get() + "|"))
                        .map(Map.Entry::getValue).reduce(BigDecimal.ZERO, BigDecimal::add);
                assertEquals(0, BigDecimal.valueOf(billable).divide(BigDecimal.valueOf(price.per()), MarketplaceUsage.SCALE, RoundingMode.DOWN)
                        .compareTo(reported), price.meter().key() + ": " + billable + " billable, reported " + reported);
                assertTrue(billable > 0, price.meter().key() + " has overage in this test");
            }
        }
        InMemoryMarketplace once = new InMemoryMarketplace();
        try (ExportFixture g = fixture(dir.resolve("once"), end.plusSeconds(300), once, t, new ArrayList<>())) {
            assertEquals(0, g.exportAll().problems());
            assertEquals(acmeLedger, g.billing.ledger().month(t[0], NOVEMBER), "a fresh store rebuilds the same ledger from the same usage");
            assertEquals(acmeHourly, acceptedOf(g, t[0]));
            assertEquals(globexHourly, acceptedOf(g, t[1]));
            assertEquals(hourly.accepted, once.accepted);
            assertTrue(once.batchSizes.stream().allMatch(n -> n <= MarketplaceMetering.MAX_BATCH));
        }
    }

    @Test
    void onlyOverageIsReportedInTheDimensionsUnitAndTheHoursAddUpToTheMonth() {
        var plan = com.connectsoft.factory.billing.adapter.files.PlanFiles.load(com.connectsoft.factory.run.TestFactory.ROOT.resolve("plans"), java.util.Set.of()).find("team").orElseThrow();
        Instant h0 = Instant.parse("2026-11-20T09:00:00Z");
        List<LedgerEntry> entries = List.of(
                new LedgerEntry("acme", "runs", h0, 299, List.of("u1")),
                new LedgerEntry("acme", "runs", h0.plus(1, ChronoUnit.HOURS), 3, List.of("u2")),
                new LedgerEntry("acme", "build-seconds", h0, 300_000 + 40, List.of("u3")),
                new LedgerEntry("acme", "build-seconds", h0.plus(1, ChronoUnit.HOURS), 40, List.of("u4")),
                new LedgerEntry("acme", "build-seconds", h0.plus(2, ChronoUnit.HOURS), 40, List.of("u5")),
                new LedgerEntry("acme", "renders", h0, 99_999, List.of("u6")));
        List<MarketplaceUsageEvent> events = MarketplaceUsage.events("acme", ACME_SUB, "team", plan, entries);
        Map<String, String> got = new TreeMap<>();
        events.forEach(e -> got.put(e.dimension() + "@" + e.hour(), e.quantity().toPlainString()));
        assertEquals(Map.of(
                "runs@2026-11-20T10:00:00Z", "2",                       // 299 + 3 = 302: 2 above the 300 included
                "build-minutes@2026-11-20T09:00:00Z", "0.666666",       // 40 s over: 0.666666 min (rounded down)
                "build-minutes@2026-11-20T10:00:00Z", "0.666667",       // 80 s over in all: 1.333333 so far
                "build-minutes@2026-11-20T11:00:00Z", "0.666667"), got); // 120 s: exactly 2 minutes in all
        assertEquals(0, new BigDecimal("2").compareTo(events.stream().filter(e -> e.dimension().equals("build-minutes")).map(MarketplaceUsageEvent::quantity)
                .reduce(BigDecimal.ZERO, BigDecimal::add)));
    }
}
