package com.connectsoft.factory.billing.marketplace;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.connectsoft.factory.billing.adapter.marketplace.MarketplaceMeteringClient;
import com.connectsoft.factory.billing.adapter.marketplace.MarketplaceSettings;
import com.connectsoft.factory.billing.adapter.marketplace.MarketplaceTokens;
import com.connectsoft.factory.billing.domain.MarketplaceMetering.BatchOutcome;
import com.connectsoft.factory.billing.domain.MarketplaceMetering.Status;
import com.connectsoft.factory.billing.domain.MarketplaceUsageEvent;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import java.math.BigDecimal;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The batch API client on its own: answers matched to events, whole-batch faults, retries, bounds, settings. */
class MarketplaceMeteringClientTest {
    static final String PATH = "/api/batchUsageEvent";
    static final String SUB = "0b5e2f4a-1c3d-4e5f-8a9b-0c1d2e3f4a5b";
    WireMockServer wm;

    @BeforeEach
    void start() {
        wm = new WireMockServer(wireMockConfig().dynamicPort());
        wm.start();
    }

    @AfterEach
    void stop() {
        wm.stop();
    }

    private MarketplaceMeteringClient client(int attempts, Duration timeout, MarketplaceTokens tokens) {
        return new MarketplaceMeteringClient(new MarketplaceSettings(URI.create(wm.baseUrl() + PATH + "?api-version=2018-08-31"), Optional.empty(),
                attempts, timeout, Duration.ofMillis(5)), tokens);
    }

    private MarketplaceMeteringClient client() {
        return client(3, Duration.ofSeconds(5), () -> "t");
    }

    private static MarketplaceUsageEvent event(String dimension, String hour, String quantity) {
        return new MarketplaceUsageEvent("acme", SUB, "team", "runs", dimension, Instant.parse(hour), new BigDecimal(quantity));
    }

    @Test
    void resultsAreMatchedToTheirEventsByResourceDimensionAndHourWhateverTheirOrder() {
        wm.stubFor(post(urlPathEqualTo(PATH)).willReturn(okJson("""
                {"count":2,"result":[
                  {"status":"Duplicate","messageTime":"2026-11-20T12:00:00Z","resourceId":"0B5E2F4A-1C3D-4E5F-8A9B-0C1D2E3F4A5B","quantity":2.5,
                   "dimension":"build-minutes","effectiveStartTime":"2026-11-20T10:00:00","planId":"team",
                   "error":{"code":"Conflict","message":"This usage event already exist.",
                            "additionalInfo":{"acceptedMessage":{"usageEventId":"evt-old","status":"Duplicate","quantity":2.5}}}},
                  {"status":"Accepted","usageEventId":"evt-new","messageTime":"2026-11-20T12:00:00Z","resourceId":"%s","quantity":5,
                   "dimension":"runs","effectiveStartTime":"2026-11-20T09:00:00Z","planId":"team"}]}""".formatted(SUB))));

        BatchOutcome o = client().send(List.of(event("runs", "2026-11-20T09:00:00Z", "5"), event("build-minutes", "2026-11-20T10:00:00Z", "2.5")));

        var results = assertInstanceOf(BatchOutcome.Answered.class, o).results();
        assertEquals(Status.ACCEPTED, results.get(0).status());
        assertEquals(Optional.of("evt-new"), results.get(0).usageEventId());
        assertEquals(Status.DUPLICATE, results.get(1).status());
        assertEquals(Optional.of("evt-old"), results.get(1).usageEventId());
        assertEquals(0, new BigDecimal("2.5").compareTo(results.get(1).acceptedQuantity().orElseThrow()));
        wm.verify(postRequestedFor(urlPathEqualTo(PATH)).withHeader("x-ms-requestid", com.github.tomakehurst.wiremock.client.WireMock.matching(".+"))
                .withHeader("x-ms-correlationid", com.github.tomakehurst.wiremock.client.WireMock.matching(".+")));
    }

    @Test
    void anEventTheAnswerLeavesOutIsAnErrorToRetry() {
        wm.stubFor(post(urlPathEqualTo(PATH)).willReturn(okJson("""
                {"count":1,"result":[{"status":"Accepted","usageEventId":"e1","resourceId":"%s","dimension":"runs",
                 "effectiveStartTime":"2026-11-20T09:00:00Z","quantity":1}]}""".formatted(SUB))));
        var results = assertInstanceOf(BatchOutcome.Answered.class,
                client().send(List.of(event("runs", "2026-11-20T09:00:00Z", "1"), event("runs", "2026-11-20T10:00:00Z", "1")))).results();
        assertEquals(Status.ACCEPTED, results.get(0).status());
        assertEquals(Status.ERROR, results.get(1).status());
        assertTrue(results.get(1).status().retryable());
    }

    @Test
    void aBadRequestIsNotRetriedAndSaysWhatTheApiSaid() {
        wm.stubFor(post(urlPathEqualTo(PATH)).willReturn(aResponse().withStatus(400).withHeader("Content-Type", "application/json")
                .withBody("{\"code\":\"BadArgument\",\"message\":\"One or more errors have occurred.\"}")));
        var f = assertInstanceOf(BatchOutcome.Failed.class, client().send(List.of(event("runs", "2026-11-20T09:00:00Z", "1"))));
        assertFalse(f.retryable());
        assertTrue(f.reason().contains("HTTP 400") && f.reason().contains("BadArgument"), f.reason());
        assertEquals(1, wm.findAll(postRequestedFor(urlPathEqualTo(PATH))).size());
    }

    @Test
    void forbiddenKeepsTheEventsForLaterAndNamesTheIdentity() {
        wm.stubFor(post(urlPathEqualTo(PATH)).willReturn(aResponse().withStatus(403)));
        var f = assertInstanceOf(BatchOutcome.Failed.class, client().send(List.of(event("runs", "2026-11-20T09:00:00Z", "1"))));
        assertTrue(f.retryable());
        assertTrue(f.reason().contains("identity"), f.reason());
        assertEquals(1, wm.findAll(postRequestedFor(urlPathEqualTo(PATH))).size());
    }

    @Test
    void aThrottledOrSlowBatchIsRetriedWithinItsAttempts() {
        wm.stubFor(post(urlPathEqualTo(PATH)).inScenario("s").whenScenarioStateIs(Scenario.STARTED)
                .willReturn(aResponse().withStatus(429).withHeader("Retry-After", "0")).willSetStateTo("slow"));
        wm.stubFor(post(urlPathEqualTo(PATH)).inScenario("s").whenScenarioStateIs("slow")
                .willReturn(okJson("{\"result\":[]}").withFixedDelay(1500)).willSetStateTo("fine"));
        wm.stubFor(post(urlPathEqualTo(PATH)).inScenario("s").whenScenarioStateIs("fine").willReturn(okJson("""
                {"result":[{"status":"Accepted","usageEventId":"e1","resourceId":"%s","dimension":"runs","effectiveStartTime":"2026-11-20T09:00:00Z"}]}
                """.formatted(SUB))));
        long t0 = System.nanoTime();
        var o = client(3, Duration.ofMillis(500), () -> "t").send(List.of(event("runs", "2026-11-20T09:00:00Z", "1")));
        assertEquals(Status.ACCEPTED, assertInstanceOf(BatchOutcome.Answered.class, o).results().get(0).status());
        assertEquals(3, wm.findAll(postRequestedFor(urlPathEqualTo(PATH))).size());
        assertTrue(Duration.ofNanos(System.nanoTime() - t0).compareTo(Duration.ofSeconds(5)) < 0, "bounded by the timeout");
    }

    @Test
    void aHugeAnswerAndATokenThatCannotBeHadFailTheBatchForLater() {
        wm.stubFor(post(urlPathEqualTo(PATH)).willReturn(okJson("{\"result\":[],\"pad\":\"" + "x".repeat(2 << 20) + "\"}")));
        var huge = assertInstanceOf(BatchOutcome.Failed.class, client(1, Duration.ofSeconds(5), () -> "t").send(List.of(event("runs",
                "2026-11-20T09:00:00Z", "1"))));
        assertTrue(huge.retryable() && huge.reason().contains("connection failed"), huge.reason());
        var noToken = assertInstanceOf(BatchOutcome.Failed.class, client(3, Duration.ofSeconds(5), () -> {
            throw new IllegalStateException("no identity here");
        }).send(List.of(event("runs", "2026-11-20T09:00:00Z", "1"))));
        assertTrue(noToken.retryable() && noToken.reason().contains("no access token") && !noToken.reason().contains("no identity here"),
                noToken.reason());
    }

    @Test
    void aBatchHoldsOneToTwentyFiveEvents() {
        List<MarketplaceUsageEvent> many = IntStream.range(0, 26).mapToObj(i -> event("runs", Instant.parse("2026-11-20T00:00:00Z")
                .plusSeconds(3600L * (i % 24)).toString(), "1")).toList();
        assertThrows(IllegalArgumentException.class, () -> client().send(many));
        assertThrows(IllegalArgumentException.class, () -> client().send(Collections.emptyList()));
        assertEquals(0, wm.findAll(postRequestedFor(urlPathEqualTo(PATH))).size());
    }

    @Test
    void settingsAreReadWithErrorsThatSayWhatToGive() {
        MarketplaceSettings d = MarketplaceSettings.from(Map.of());
        assertEquals(MarketplaceSettings.DEFAULT_ENDPOINT, d.endpoint().toString());
        assertEquals(Optional.empty(), d.planId());
        assertEquals(Optional.of("factory-team"), MarketplaceSettings.from(Map.of("FACTORY_MARKETPLACE_PLAN_ID", "factory-team")).planId());
        var e = assertThrows(IllegalArgumentException.class, () -> MarketplaceSettings.from(Map.of("FACTORY_MARKETPLACE_MAX_ATTEMPTS", "many")));
        assertTrue(e.getMessage().contains("FACTORY_MARKETPLACE_MAX_ATTEMPTS") && e.getMessage().contains("whole number"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> MarketplaceSettings.from(Map.of("FACTORY_MARKETPLACE_ENDPOINT", "ftp://x")));
        assertTrue(e.getMessage().contains("batch usage API"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> MarketplaceSettings.from(Map.of("FACTORY_MARKETPLACE_MAX_ATTEMPTS", "50")));
    }
}
