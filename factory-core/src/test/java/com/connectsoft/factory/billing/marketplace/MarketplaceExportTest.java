package com.connectsoft.factory.billing.marketplace;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.ok;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.connectsoft.factory.billing.application.ExportUsage;
import com.connectsoft.factory.billing.domain.MarketplaceExportRecord;
import com.connectsoft.factory.billing.domain.MarketplaceExportState;
import com.connectsoft.factory.platform.json.Json;
import com.connectsoft.factory.shared.domain.TenantId;
import com.fasterxml.jackson.databind.JsonNode;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The export against a stub of the Marketplace batch usage API's documented behaviour (WireMock). */
class MarketplaceExportTest {
    static final String PATH = "/api/batchUsageEvent";
    static final Instant NOW = Instant.parse("2026-11-20T12:20:00Z");
    static final Instant EARLY = Instant.parse("2026-11-02T10:00:00Z");
    static final String ACME_SUB = "0b5e2f4a-1c3d-4e5f-8a9b-0c1d2e3f4a5b";
    static final String GLOBEX_SUB = "7f6e5d4c-3b2a-4190-8f7e-6d5c4b3a2910";

    @TempDir
    Path dir;
    WireMockServer wm;
    MarketplaceStub stub;
    ExportFixture f;

    @BeforeEach
    void start() {
        f = null;
        stub = new MarketplaceStub(() -> f.clock.instant());
        wm = new WireMockServer(wireMockConfig().dynamicPort().extensions(stub));
        wm.start();
        wm.stubFor(post(urlPathEqualTo(PATH)).withQueryParam("api-version", equalTo("2018-08-31")).willReturn(ok()));
        f = new ExportFixture(dir, NOW, wm.baseUrl() + PATH + "?api-version=2018-08-31");
        stub.resources.addAll(Set.of(ACME_SUB, GLOBEX_SUB));
        stub.dimensions.addAll(Set.of("runs", "build-minutes", "agent-ktokens"));
    }

    @AfterEach
    void stop() {
        wm.stop();
        f.close();
    }

    /** A tenant on the team plan whose included units of the month are used up early in the month. */
    private TenantId overIncluded(String id, String subscription) {
        TenantId t = f.tenant(id, "team", Optional.ofNullable(subscription));
        f.use(t, "runs", 300, EARLY);
        f.use(t, "build-seconds", 300_000, EARLY);
        f.use(t, "agent-tokens", 10_000_000, EARLY);
        return t;
    }

    private static Instant at(String hour) {
        return Instant.parse("2026-11-" + hour + ":00:00Z");
    }

    private List<JsonNode> sentBatches() {
        List<JsonNode> out = new ArrayList<>();
        for (LoggedRequest r : wm.findAll(postRequestedFor(urlPathEqualTo(PATH)))) {
            out.add(Json.read(r.getBodyAsString()).path("request"));
        }
        return out;
    }

    /** How often each (resource|dimension|hour) was in a request body. */
    private Map<String, Integer> sentTimes() {
        Map<String, Integer> n = new TreeMap<>();
        for (JsonNode batch : sentBatches()) {
            for (JsonNode e : batch) {
                n.merge(MarketplaceStub.key(e.path("resourceId").asText(), e.path("dimension").asText(),
                        Instant.parse(e.path("effectiveStartTime").asText())), 1, Integer::sum);
            }
        }
        return n;
    }

    private static Map<String, MarketplaceExportState> states(List<MarketplaceExportRecord> records) {
        return records.stream().collect(Collectors.toMap(r -> r.event().dimension() + "@" + r.event().hour(), MarketplaceExportRecord::state,
                (a, b) -> a, TreeMap::new));
    }

    @Test
    void overageIsSentOncePerDimensionAndHourAndAcceptedEventsAreNeverSentAgain() {
        TenantId acme = overIncluded("acme", ACME_SUB);
        f.use(acme, "runs", 5, at("20T09").plusSeconds(60));
        f.use(acme, "runs", 3, at("20T10").plusSeconds(600));
        f.use(acme, "build-seconds", 90, at("20T11").plusSeconds(5));
        f.use(acme, "build-seconds", 30, at("20T11").plusSeconds(3000));
        f.use(acme, "renders", 9000, at("20T11"));   // renders have no marketplace dimension on the team plan

        ExportUsage.Outcome.Done first = f.exportAll();

        assertEquals(0, first.problems());
        List<JsonNode> batches = sentBatches();
        assertEquals(1, batches.size());
        JsonNode sent = batches.get(0);
        assertEquals(3, sent.size());
        JsonNode runs9 = sent.get(0);
        assertEquals(ACME_SUB, runs9.path("resourceId").asText());
        assertEquals("runs", runs9.path("dimension").asText());
        assertEquals("2026-11-20T09:00:00Z", runs9.path("effectiveStartTime").asText());
        assertEquals("team", runs9.path("planId").asText());
        assertEquals(0, new BigDecimal("5").compareTo(runs9.path("quantity").decimalValue()));
        assertEquals(0, new BigDecimal("2").compareTo(sent.get(2).path("quantity").decimalValue()), "120 build-seconds are 2 build minutes");
        wm.verify(postRequestedFor(urlPathEqualTo(PATH)).withHeader("Authorization", equalTo("Bearer " + MarketplaceStub.TOKEN))
                .withHeader("Content-Type", equalTo("application/json")));
        List<MarketplaceExportRecord> records = f.records(acme);
        assertEquals(Map.of("runs@2026-11-20T09:00:00Z", MarketplaceExportState.ACCEPTED, "runs@2026-11-20T10:00:00Z", MarketplaceExportState.ACCEPTED,
                "build-minutes@2026-11-20T11:00:00Z", MarketplaceExportState.ACCEPTED), states(records));
        records.forEach(r -> assertEquals(stub.accepted.get(r.event().key()).usageEventId(), r.usageEventId().orElseThrow()));

        f.clock.set(NOW.plus(20, ChronoUnit.MINUTES));
        ExportUsage.Outcome.Done again = f.exportAll();
        assertEquals(1, sentBatches().size(), "nothing is sent again");
        ExportUsage.TenantOutcome.Exported e = assertInstanceOf(ExportUsage.TenantOutcome.Exported.class, again.tenants().get(0));
        assertEquals(List.of(), e.rows());
        assertEquals(3, e.settledBefore());
    }

    @Test
    void aDuplicateWithTheSameQuantityIsReconciledAndOneWithAnotherQuantityIsFlaggedNeverResent() {
        TenantId acme = overIncluded("acme", ACME_SUB);
        f.use(acme, "runs", 5, at("20T09"));
        f.use(acme, "runs", 3, at("20T10"));
        f.use(acme, "runs", 4, at("20T11"));
        stub.accepted.put(MarketplaceStub.key(ACME_SUB, "runs", at("20T09")), new MarketplaceStub.Accepted("evt-earlier-9", new BigDecimal("5")));
        stub.accepted.put(MarketplaceStub.key(ACME_SUB, "runs", at("20T10")), new MarketplaceStub.Accepted("evt-earlier-10", new BigDecimal("7")));

        ExportUsage.Outcome.Done done = f.exportAll();

        Map<String, MarketplaceExportRecord> byHour = f.records(acme).stream().collect(Collectors.toMap(r -> r.event().hour().toString(), r -> r));
        MarketplaceExportRecord same = byHour.get("2026-11-20T09:00:00Z");
        assertEquals(MarketplaceExportState.DUPLICATE_RECONCILED, same.state());
        assertEquals(Optional.of("evt-earlier-9"), same.usageEventId());
        MarketplaceExportRecord other = byHour.get("2026-11-20T10:00:00Z");
        assertEquals(MarketplaceExportState.DUPLICATE_MISMATCH, other.state());
        assertTrue(other.reason().orElseThrow().contains("holds 7") && other.reason().orElseThrow().contains("ledger 3"), other.reason()::toString);
        assertEquals(0, new BigDecimal("7").compareTo(other.acceptedQuantity().orElseThrow()));
        assertEquals(MarketplaceExportState.ACCEPTED, byHour.get("2026-11-20T11:00:00Z").state());
        assertEquals(1, done.problems(), "the flagged duplicate needs an operator");
        assertEquals(new BigDecimal("7"), stub.accepted.get(MarketplaceStub.key(ACME_SUB, "runs", at("20T10"))).quantity(), "never billed twice");

        f.exportAll();
        assertEquals(1, sentBatches().size(), "reconciled and flagged events are never sent again");
    }

    @Test
    void aPartlyFailedBatchKeepsTheFailedEventsWithTheirReasonAndSendsOnlyTheRetryableOnesAgain() {
        TenantId acme = overIncluded("acme", ACME_SUB);
        f.use(acme, "runs", 2, at("20T09"));
        f.use(acme, "runs", 2, at("20T10"));
        f.use(acme, "agent-tokens", 4000, at("20T10"));
        stub.dimensions.remove("agent-ktokens");
        stub.forced.put(MarketplaceStub.key(ACME_SUB, "runs", at("20T10")), "Error");

        ExportUsage.Outcome.Done done = f.exportAll();

        assertEquals(2, done.problems());
        Map<String, MarketplaceExportRecord> byKey = f.records(acme).stream().collect(Collectors.toMap(r -> r.event().dimension() + "@" + r.event().hour(), r -> r));
        assertEquals(MarketplaceExportState.ACCEPTED, byKey.get("runs@2026-11-20T09:00:00Z").state());
        MarketplaceExportRecord error = byKey.get("runs@2026-11-20T10:00:00Z");
        assertEquals(MarketplaceExportState.REJECTED, error.state());
        assertTrue(error.retryable());
        assertTrue(error.reason().orElseThrow().startsWith("Error"), error.reason()::toString);
        MarketplaceExportRecord dimension = byKey.get("agent-ktokens@2026-11-20T10:00:00Z");
        assertEquals(MarketplaceExportState.REJECTED, dimension.state());
        assertTrue(!dimension.retryable() && dimension.reason().orElseThrow().startsWith("InvalidDimension"), dimension.reason()::toString);

        ExportUsage.Outcome.Done retry = f.exportAll();
        assertEquals(0, retry.problems());
        assertEquals(2, sentBatches().size());
        assertEquals(1, sentBatches().get(1).size(), "only the retryable rejection is sent again");
        assertEquals(MarketplaceExportState.ACCEPTED, f.marketplace.exports().find(acme, error.event().key()).orElseThrow().state());
        assertEquals(2, f.marketplace.exports().find(acme, error.event().key()).orElseThrow().attempts());
        assertEquals(Map.of(MarketplaceStub.key(ACME_SUB, "runs", at("20T09")), 1, MarketplaceStub.key(ACME_SUB, "runs", at("20T10")), 2,
                MarketplaceStub.key(ACME_SUB, "agent-ktokens", at("20T10")), 1), sentTimes());
    }

    @Test
    void aBatchWhoseAnswerIsLostIsRetriedAndEachHourCountsOnce() {
        TenantId acme = overIncluded("acme", ACME_SUB);
        f.use(acme, "runs", 5, at("20T09"));
        f.use(acme, "build-seconds", 600, at("20T10"));
        stub.loseAnswers.set(1);   // the Marketplace takes the batch, the answer is a 500

        ExportUsage.Outcome.Done done = f.exportAll();

        assertEquals(0, done.problems());
        assertEquals(2, sentBatches().size(), "the batch was retried once");
        assertEquals(Map.of(MarketplaceStub.key(ACME_SUB, "runs", at("20T09")), 2, MarketplaceStub.key(ACME_SUB, "build-minutes", at("20T10")), 2),
                sentTimes(), "each hour was in the first request and its retry");
        assertEquals(2, stub.accepted.size(), "the Marketplace holds each hour once");
        assertEquals(Map.of("runs@2026-11-20T09:00:00Z", MarketplaceExportState.DUPLICATE_RECONCILED,
                "build-minutes@2026-11-20T10:00:00Z", MarketplaceExportState.DUPLICATE_RECONCILED), states(f.records(acme)));
        f.records(acme).forEach(r -> assertEquals(stub.accepted.get(r.event().key()).usageEventId(), r.usageEventId().orElseThrow(),
                "the record points at the one accepted event"));
    }

    @Test
    void aServerErrorThenSuccessSendsTheHourAgainAndItEndsAcceptedOnce() {
        TenantId acme = overIncluded("acme", ACME_SUB);
        f.use(acme, "runs", 5, at("20T09"));
        wm.stubFor(post(urlPathEqualTo(PATH)).inScenario("flaky").whenScenarioStateIs(Scenario.STARTED).atPriority(1)
                .willReturn(aResponse().withStatus(500)).willSetStateTo("recovered"));

        ExportUsage.Outcome.Done done = f.exportAll();

        assertEquals(0, done.problems());
        assertEquals(Map.of(MarketplaceStub.key(ACME_SUB, "runs", at("20T09")), 2), sentTimes());
        assertEquals(1, stub.accepted.size());
        MarketplaceExportRecord r = f.records(acme).get(0);
        assertEquals(MarketplaceExportState.ACCEPTED, r.state());
        assertEquals(1, r.attempts(), "one export, whatever the HTTP retries");
    }

    @Test
    void aBatchThatFailsEveryTryStaysPendingWithItsReasonAndTheNextExportSendsIt() {
        TenantId acme = overIncluded("acme", ACME_SUB);
        f.use(acme, "runs", 5, at("20T09"));
        var outage = wm.stubFor(post(urlPathEqualTo(PATH)).atPriority(1).willReturn(aResponse().withStatus(503).withHeader("Retry-After", "0")));

        ExportUsage.Outcome.Done down = f.exportAll();

        assertEquals(1, down.problems());
        assertEquals(3, sentBatches().size(), "three tries");
        MarketplaceExportRecord pending = f.records(acme).get(0);
        assertEquals(MarketplaceExportState.PENDING, pending.state());
        assertTrue(pending.reason().orElseThrow().contains("HTTP 503") && pending.reason().orElseThrow().contains("after 3 attempt"),
                pending.reason()::toString);
        assertTrue(stub.accepted.isEmpty());

        wm.removeStub(outage);
        f.clock.set(NOW.plus(1, ChronoUnit.HOURS));
        assertEquals(0, f.exportAll().problems());
        assertEquals(4, sentBatches().size());
        assertEquals(MarketplaceExportState.ACCEPTED, f.records(acme).get(0).state());
        assertEquals(2, f.records(acme).get(0).attempts());
    }

    @Test
    void sixtyEventsGoInThreeBatchesOfAtMostTwentyFive() {
        TenantId acme = overIncluded("acme", ACME_SUB);
        Instant first = NOW.truncatedTo(ChronoUnit.HOURS).minus(20, ChronoUnit.HOURS);
        for (int h = 0; h < 20; h++) {
            Instant hour = first.plus(h, ChronoUnit.HOURS);
            f.use(acme, "runs", 1 + h, hour);
            f.use(acme, "build-seconds", 60, hour);
            f.use(acme, "agent-tokens", 1000, hour);
        }

        ExportUsage.Outcome.Done done = f.exportAll();

        assertEquals(0, done.problems());
        assertEquals(List.of(25, 25, 10), sentBatches().stream().map(JsonNode::size).toList());
        assertEquals(60, stub.accepted.size());
        assertTrue(sentTimes().values().stream().allMatch(n -> n == 1));
        assertEquals(60, f.records(acme).stream().filter(r -> r.state() == MarketplaceExportState.ACCEPTED).count());
    }

    @Test
    void eventsOlderThanTwentyFourHoursAreKeptAsExpiredAndNeverSent() {
        TenantId acme = overIncluded("acme", ACME_SUB);
        f.use(acme, "runs", 4, at("19T05"));   // 31 hours before NOW
        f.use(acme, "runs", 2, at("19T12"));   // began 24 h 20 min before NOW
        f.use(acme, "runs", 1, at("19T13"));   // 23 h 20 min: still accepted
        f.use(acme, "runs", 6, at("20T09"));

        ExportUsage.Outcome.Done done = f.exportAll();

        Map<String, MarketplaceExportState> states = states(f.records(acme));
        assertEquals(MarketplaceExportState.EXPIRED, states.get("runs@2026-11-19T05:00:00Z"));
        assertEquals(MarketplaceExportState.EXPIRED, states.get("runs@2026-11-19T12:00:00Z"));
        assertEquals(MarketplaceExportState.ACCEPTED, states.get("runs@2026-11-19T13:00:00Z"));
        assertEquals(MarketplaceExportState.ACCEPTED, states.get("runs@2026-11-20T09:00:00Z"));
        assertTrue(f.records(acme).get(0).reason().orElseThrow().contains("only the last 24 hours"));
        assertEquals(Set.of(MarketplaceStub.key(ACME_SUB, "runs", at("19T13")), MarketplaceStub.key(ACME_SUB, "runs", at("20T09"))),
                sentTimes().keySet(), "expired hours are never sent");
        assertEquals(2, done.rows().stream().filter(r -> r.action() == ExportUsage.Action.EXPIRED).count());

        f.clock.set(NOW.plus(2, ChronoUnit.HOURS));
        f.exportAll();
        assertEquals(1, sentBatches().size(), "and not later either");
    }

    @Test
    void twoTenantsEventsAreNeverMixedAndATenantWithoutASubscriptionIsSkippedWithTheReason() {
        TenantId acme = overIncluded("acme", ACME_SUB);
        TenantId globex = overIncluded("globex", GLOBEX_SUB);
        TenantId initech = overIncluded("initech", null);
        for (int h = 0; h < 15; h++) {
            Instant hour = at("20T09").minus(h, ChronoUnit.HOURS);
            f.use(acme, "runs", 1, hour);
            f.use(globex, "runs", 2, hour);
            f.use(globex, "build-seconds", 120, hour);
            f.use(initech, "runs", 3, hour);
        }

        ExportUsage.Outcome.Done done = f.exportAll();

        for (JsonNode batch : sentBatches()) {
            Set<String> resources = new java.util.HashSet<>();
            batch.forEach(e -> resources.add(e.path("resourceId").asText()));
            assertEquals(1, resources.size(), "a batch holds one tenant's events: " + resources);
        }
        assertEquals(15 + 30, sentTimes().size());
        assertTrue(f.records(acme).stream().allMatch(r -> r.event().tenantId().equals("acme") && r.event().resourceId().equals(ACME_SUB)));
        assertTrue(f.records(globex).stream().allMatch(r -> r.event().tenantId().equals("globex") && r.event().resourceId().equals(GLOBEX_SUB)));
        assertEquals(15, f.records(acme).size());
        assertEquals(30, f.records(globex).size());
        assertEquals(List.of(), f.records(initech));
        ExportUsage.TenantOutcome.Skipped skipped = done.tenants().stream().filter(t -> t.tenantId().equals("initech"))
                .map(ExportUsage.TenantOutcome.Skipped.class::cast).findFirst().orElseThrow();
        assertTrue(skipped.reason().contains("no Azure Marketplace subscription"), skipped.reason());
        assertTrue(f.marketplace.exports().find(globex, f.records(acme).get(0).event().key()).isEmpty(), "acme's event is not in globex's partition");

        // only one tenant when asked
        TenantId hooli = overIncluded("hooli", "11111111-2222-4333-8444-555555555555");
        stub.resources.add("11111111-2222-4333-8444-555555555555");
        f.use(hooli, "runs", 1, at("20T11"));
        f.use(acme, "runs", 1, at("20T11"));
        int before = sentBatches().size();
        ExportUsage.Outcome.Done only = f.export(Optional.of(hooli), false);
        assertEquals(1, only.tenants().size());
        assertEquals(before + 1, sentBatches().size());
        assertEquals("11111111-2222-4333-8444-555555555555", sentBatches().get(before).get(0).path("resourceId").asText());
    }

    @Test
    void aDryRunShowsWhatWouldBeSentAndSendsAndWritesNothing() {
        TenantId acme = overIncluded("acme", ACME_SUB);
        f.use(acme, "runs", 5, at("20T09"));
        f.use(acme, "runs", 5, at("19T01"));

        ExportUsage.Outcome.Done dry = f.export(Optional.of(acme), true);

        assertEquals(List.of(ExportUsage.Action.WOULD_EXPIRE, ExportUsage.Action.WOULD_SEND), dry.rows().stream().map(ExportUsage.Row::action).toList());
        assertEquals(0, sentBatches().size());
        assertEquals(List.of(), f.records(acme));
        assertEquals(List.of(), f.billing.ledger().month(acme, java.time.YearMonth.of(2026, 11)), "not even the ledger is written");
    }

    @Test
    void badInputIsRefusedWithWhatToDo() {
        f.tenant("acme", "team", Optional.of(ACME_SUB));
        ExportUsage.Outcome future = f.marketplace.export().export(new ExportUsage.Request(Optional.empty(),
                Optional.of(NOW.truncatedTo(ChronoUnit.HOURS).plus(1, ChronoUnit.HOURS)), false));
        assertTrue(assertInstanceOf(ExportUsage.Outcome.Refused.class, future).reason().contains("only complete hours"));
        ExportUsage.Outcome notHour = f.marketplace.export().export(new ExportUsage.Request(Optional.empty(), Optional.of(NOW), false));
        assertTrue(assertInstanceOf(ExportUsage.Outcome.Refused.class, notHour).reason().contains("not the start of an hour"));
        ExportUsage.Outcome unknown = f.marketplace.export().export(new ExportUsage.Request(Optional.of(TenantId.of("nobody")), Optional.empty(), false));
        assertTrue(assertInstanceOf(ExportUsage.Outcome.Refused.class, unknown).reason().contains("not registered"));
        assertEquals(0, sentBatches().size());
    }

    @Test
    void usageRecordedLateForAnHourAlreadyReportedGoesIntoTheNextHourNotReportedYetAndNeverTwice() {
        TenantId acme = overIncluded("acme", ACME_SUB);
        f.use(acme, "runs", 5, at("20T09"));
        f.exportAll();
        assertEquals(new BigDecimal("5"), stub.accepted.get(MarketplaceStub.key(ACME_SUB, "runs", at("20T09"))).quantity());

        f.use(acme, "runs", 2, at("20T09").plusSeconds(1800));   // reached the ledger after 09:00 was accepted
        f.use(acme, "runs", 1, at("20T11"));
        f.clock.set(NOW.plus(1, ChronoUnit.HOURS));
        assertEquals(0, f.exportAll().problems());

        assertEquals(Map.of(MarketplaceStub.key(ACME_SUB, "runs", at("20T09")), 1, MarketplaceStub.key(ACME_SUB, "runs", at("20T11")), 1), sentTimes(),
                "09:00 is not sent again");
        assertEquals(0, new BigDecimal("3").compareTo(stub.accepted.get(MarketplaceStub.key(ACME_SUB, "runs", at("20T11"))).quantity()),
                "the 2 late runs and the 1 of 11:00");
        BigDecimal total = stub.accepted.values().stream().map(MarketplaceStub.Accepted::quantity).reduce(BigDecimal.ZERO, BigDecimal::add);
        assertEquals(0, new BigDecimal("8").compareTo(total), "the month's 308 runs are 8 above the 300 included, reported once");
    }
}
