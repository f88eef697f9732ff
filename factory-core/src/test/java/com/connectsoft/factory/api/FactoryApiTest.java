package com.connectsoft.factory.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.connectsoft.factory.app.Factory;
import com.connectsoft.factory.platform.json.Json;
import com.connectsoft.factory.run.TestFactory;
import com.connectsoft.factory.shared.domain.TenantId;
import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.logging.Logger;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The API's answers to hostile and broken requests, called directly (the host adds nothing to these): faults, tenant
 * creation without what it needs, hostile file names, API key management, and throttled failed authentications.
 * Nothing here builds generated code.
 */
class FactoryApiTest {
    private static final String ADMIN = "admin-test-key";

    /** A clock the test moves forward. */
    static final class TestClock extends Clock {
        volatile Instant now = Instant.parse("2026-11-30T10:00:00Z");

        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }

        void advance(Duration d) {
            now = now.plus(d);
        }
    }

    @TempDir
    Path dir;
    private final TestClock clock = new TestClock();
    private Factory app;
    private FactoryApi api;
    private final List<String> log = LocalHostAbuseTest.capture(Logger.getLogger(FactoryApi.class.getName()));

    @BeforeEach
    void open() {
        app = Factory.with(TestFactory.settings(dir.resolve("data"))).builds(new TestFactory.RecordingBuilds(com.connectsoft.factory.run.vocabulary.BuildStatus.PASSED)).clock(clock).open();
        api = new FactoryApi(app, Optional.of(ADMIN), com.connectsoft.factory.tenancy.application.TokenSignIn.none(), new AuthThrottle(new AuthThrottle.Policy(5, Duration.ofMinutes(1),
                Duration.ofMinutes(1), 100), clock));
    }

    @AfterEach
    void close() {
        app.close();
    }

    private record Reply(int status, JsonNode json, String raw, Map<String, String> headers) {
    }

    private Reply callFrom(String client, String method, String path, Map<String, String> query, String body, String... headers) {
        Map<String, String> h = new HashMap<>();
        for (int i = 0; i < headers.length; i += 2) {
            h.put(headers[i], headers[i + 1]);
        }
        FactoryApi.Response r = api.handle(new FactoryApi.Request(method, path, h, query,
                body == null ? new byte[0] : body.getBytes(StandardCharsets.UTF_8), client));
        String raw = new String(r.body(), StandardCharsets.UTF_8);
        return new Reply(r.status(), raw.isEmpty() ? Json.object() : Json.read(raw), raw, r.headers());
    }

    private Reply call(String method, String path, String body, String... headers) {
        return callFrom("10.0.0.1", method, path, Map.of(), body, headers);
    }

    private String tenantWithKey(String id) {
        Reply r = call("POST", "/api/v1/tenants", "{\"tenantId\":\"" + id + "\"}", "X-Admin-Key", ADMIN);
        assertEquals(201, r.status(), r.raw());
        return r.json().get("apiKey").asText();
    }

    @Test
    void anUnhandledFaultIsALogged500ProblemWithTheCorrelationId() {
        TenantId orphan = TenantId.of("orphan");
        String key = app.tenancy().administration().issueKey(orphan); // a key whose tenant was never registered: reading the tenant fails
        Reply r = call("GET", "/api/v1/tenant", null, "X-Api-Key", key, "X-Correlation-Id", "trace-7");
        assertEquals(500, r.status(), r.raw());
        assertEquals("application/problem+json", r.headers().get("Content-Type"));
        assertEquals("trace-7", r.headers().get(Correlation.HEADER));
        assertEquals("trace-7", r.json().get("correlationId").asText());
        String line = log.stream().filter(l -> l.startsWith("api-fault")).findFirst().orElseThrow(() -> new AssertionError(log));
        assertTrue(line.contains("correlationId=trace-7") && line.contains("method=GET") && line.contains("route=/api/v1/tenant")
                && line.contains("exception=java.util.NoSuchElementException"), line);
        assertFalse(String.join("\n", log).contains(key), "the key is never logged");

        Reply ok = call("GET", "/api/health", null, "X-Correlation-Id", "bad id with spaces");
        assertTrue(ok.headers().get(Correlation.HEADER).startsWith("corr-"), "a malformed correlation id is replaced by a new one");
    }

    @Test
    void creatingATenantWithoutWhatItNeedsIs400AndRegistersNothing() {
        int before = app.tenancy().administration().all().size();
        Reply empty = call("POST", "/api/v1/tenants", "{}", "X-Admin-Key", ADMIN);
        assertEquals(400, empty.status(), empty.raw());
        assertTrue(empty.json().get("title").asText().startsWith("tenantId is required"), empty.raw());
        assertEquals(400, call("POST", "/api/v1/tenants", "{\"tenantId\": 5}", "X-Admin-Key", ADMIN).status());
        Reply hostile = call("POST", "/api/v1/tenants", "{\"tenantId\": \"evil\\u202e\\r\\nid\"}", "X-Admin-Key", ADMIN);
        assertEquals(400, hostile.status());
        assertFalse(hostile.raw().contains("evil") || hostile.raw().contains("\u202e"), "the invalid id is not echoed: " + hostile.raw());
        assertEquals(400, call("POST", "/api/v1/tenants", "{\"tenantId\": \"ok-1\", \"name\": \"a\\u0000b\"}", "X-Admin-Key", ADMIN).status());
        assertEquals(400, call("POST", "/api/v1/tenants", "{\"tenantId\": \"ok-1\", \"plan\": \"Gold Plan!\"}", "X-Admin-Key", ADMIN).status());
        assertEquals(400, call("POST", "/api/v1/tenants", "[]", "X-Admin-Key", ADMIN).status());
        assertEquals(400, call("POST", "/api/v1/tenants", "{not json", "X-Admin-Key", ADMIN).status());
        assertEquals(before, app.tenancy().administration().all().size(), "nothing was registered");
        assertEquals(201, call("POST", "/api/v1/tenants", "{\"tenantId\": \"ok-1\", \"name\": \"OK\"}", "X-Admin-Key", ADMIN).status());
    }

    /** What the stores hold: every document of every tenant, and every content file. */
    private long[] stored() throws Exception {
        long documents;
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("data/factory.db"));
             ResultSet rs = c.createStatement().executeQuery("SELECT COUNT(*) FROM documents")) {
            documents = rs.getLong(1);
        }
        Path content = dir.resolve("data/content");
        long files = 0;
        if (Files.exists(content)) {
            try (Stream<Path> s = Files.walk(content)) {
                files = s.filter(Files::isRegularFile).count();
            }
        }
        return new long[] {documents, files};
    }

    @Test
    void hostileFileNamesAreRefusedBeforeAnythingIsStoredAndNeverEchoed() throws Exception {
        String key = tenantWithKey("names");
        String yaml = Files.readString(TestFactory.EXAMPLES.resolve("invoicing.blueprint.yaml"));
        long[] before = stored();
        List<String> hostile = List.of(
                "x.jdl\u0000.yaml",                        // NUL
                "evil\r\nX-Injected: 1.yaml",              // CR/LF
                "line\nbreak.blueprint.yaml",              // LF
                "invoice\u202egpj.yaml",                   // right-to-left override
                "isolate\u2066d.yml",                      // bidi isolate
                "zero\u200bwidth.yaml",                    // zero-width space
                "bell\u0007.yaml",                         // control
                "next\u0085line.yaml",                     // C1 control
                "sep\u2028arator.yaml",                    // line separator
                "n".repeat(5000) + ".yaml",                // 5,000 characters
                "../../etc/passwd.yaml",                   // path
                "dir/shop.yaml",
                "dir\\shop.yaml",
                "C:shop.yaml",
                "shop.txt",                                // unknown extension
                ".yaml",
                "shop.yaml ",
                " ");
        for (String name : hostile) {
            Reply r = callFrom("10.0.0.1", "POST", "/api/v1/blueprints", Map.of("file", name), yaml, "X-Api-Key", key);
            assertEquals(400, r.status(), "name " + name.codePoints().limit(40).mapToObj(Integer::toHexString).toList() + ": " + r.raw());
            assertEquals("application/problem+json", r.headers().get("Content-Type"));
            String shown = name.strip();
            if (shown.length() > 4 && !com.connectsoft.factory.project.domain.BlueprintFileName.hint().contains(shown.substring(0, shown.length() - 4))) {
                assertFalse(r.raw().contains(shown.substring(0, shown.length() - 4)), "the name is echoed: " + r.raw());
            }
            assertFalse(r.raw().contains("\u202e") || r.raw().contains("\u0000") || r.raw().contains("X-Injected"), r.raw());
            assertEquals(before[0], stored()[0], "documents written for a refused name");
            assertEquals(before[1], stored()[1], "content written for a refused name");
        }
        Reply ok = callFrom("10.0.0.1", "POST", "/api/v1/blueprints", Map.of("file", "invoicing.blueprint.yaml"), yaml, "X-Api-Key", key);
        assertEquals(201, ok.status(), ok.raw());
        assertTrue(stored()[0] > before[0] && stored()[1] == before[1] + 1, "a good name stores the blueprint");
    }

    @Test
    void aHostileNameOverHttpIsRefusedAndStoresNothing() throws Exception {
        String key = tenantWithKey("names-http");
        long[] before = stored();
        try (LocalHost host = new LocalHost(api, "127.0.0.1", 0)) {
            HttpResponse<String> r = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build().send(HttpRequest.newBuilder(
                    URI.create("http://127.0.0.1:" + host.port() + "/api/v1/blueprints?file=x.jdl%00.yaml")).header("X-Api-Key", key)
                    .POST(HttpRequest.BodyPublishers.ofByteArray(Files.readAllBytes(TestFactory.EXAMPLES.resolve("invoicing.blueprint.yaml"))))
                    .build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(400, r.statusCode(), r.body());
            assertTrue(r.body().contains("NUL"), r.body());
        }
        assertEquals(before[0], stored()[0]);
        assertEquals(before[1], stored()[1]);
    }

    @Test
    void keysAreListedCreatedRevokedAndExpireWithClearAnswers() {
        String first = tenantWithKey("keys-a");
        String other = tenantWithKey("keys-b");
        Reply created = call("POST", "/api/v1/keys", "{\"expiresIn\": \"12h\"}", "X-Api-Key", first);
        assertEquals(201, created.status(), created.raw());
        String shortLived = created.json().get("apiKey").asText();
        assertEquals(clock.now.plus(Duration.ofHours(12)).toString(), created.json().get("expiresAt").asText());
        assertEquals(200, call("GET", "/api/v1/runs", null, "X-Api-Key", shortLived).status());

        Reply listed = call("GET", "/api/v1/keys", null, "X-Api-Key", first);
        assertEquals(2, listed.json().get("items").size(), listed.raw());
        assertFalse(listed.raw().contains(first.substring(12)) || listed.raw().contains(shortLived.substring(12)), "no secret is listed");
        for (JsonNode k : listed.json().get("items")) {
            assertEquals("active", k.get("status").asText());
            assertTrue(k.get("prefix").asText().startsWith("fk.keys-a."), k.toString());
            assertTrue(k.has("keyId") && k.has("createdAt") && k.has("expiresAt"), k.toString());
        }
        assertTrue(listed.json().get("items").findValues("lastUsedAt").size() == 2, "both keys were used: " + listed.raw());
        assertEquals(1, call("GET", "/api/v1/keys", null, "X-Api-Key", other).json().get("items").size(), "another tenant's keys are its own");

        String shortId = created.json().get("keyId").asText();
        assertEquals(404, call("DELETE", "/api/v1/keys/" + shortId, null, "X-Api-Key", other).status(), "no revoking another tenant's key");
        assertEquals(200, call("GET", "/api/v1/runs", null, "X-Api-Key", shortLived).status());
        Reply revoked = call("DELETE", "/api/v1/keys/" + shortId, null, "X-Api-Key", first);
        assertEquals(200, revoked.status(), revoked.raw());
        assertEquals("revoked", revoked.json().get("status").asText());
        Reply refused = call("GET", "/api/v1/runs", null, "X-Api-Key", shortLived);
        assertEquals(401, refused.status());
        assertTrue(refused.json().get("title").asText().startsWith("the API key was revoked at"), refused.raw());
        assertEquals(200, call("DELETE", "/api/v1/keys/" + shortId, null, "X-Api-Key", first).status(), "revoking twice changes nothing");

        clock.advance(Duration.ofDays(91)); // the default lifetime is 90 days
        Reply expired = call("GET", "/api/v1/runs", null, "X-Api-Key", first);
        assertEquals(401, expired.status());
        assertTrue(expired.json().get("title").asText().startsWith("the API key expired at"), expired.raw());
        assertTrue(log.stream().anyMatch(l -> l.contains("reason=expired") && l.contains("tenant=keys-a")), log.toString());
        assertTrue(log.stream().anyMatch(l -> l.contains("reason=revoked") && l.contains("keyId=" + shortId)), log.toString());

        String fresh = app.tenancy().administration().issueKey(TenantId.of("keys-a"));
        assertEquals(400, call("POST", "/api/v1/keys", "{\"expiresIn\": \"forever\"}", "X-Api-Key", fresh).status());
        assertEquals(400, call("POST", "/api/v1/keys", "{\"expiresIn\": \"1000d\"}", "X-Api-Key", fresh).status());
        assertEquals(404, call("DELETE", "/api/v1/keys/nope", null, "X-Api-Key", fresh).status());
        for (int i = 1; i < FactoryApi.MAX_ACTIVE_KEYS; i++) {
            assertEquals(201, call("POST", "/api/v1/keys", "{}", "X-Api-Key", fresh).status());
        }
        assertEquals(409, call("POST", "/api/v1/keys", "{}", "X-Api-Key", fresh).status(), "a key cannot mint keys without end");
    }

    @Test
    void aBadKeyFloodIsThrottledPerAddressWithoutTouchingTheStoreAndLoggedWithoutTheKeys() {
        String good = tenantWithKey("flood");
        String attacker = "203.0.113.9";
        for (int i = 0; i < 5; i++) {
            Reply r = callFrom(attacker, "GET", "/api/v1/runs", Map.of(), null, "X-Api-Key", "fk.flood." + String.format("%048x", i));
            assertEquals(401, r.status());
        }
        Reply throttled = callFrom(attacker, "GET", "/api/v1/runs", Map.of(), null, "X-Api-Key", "fk.flood." + "f".repeat(48));
        assertEquals(429, throttled.status());
        assertEquals("60", throttled.headers().get("Retry-After"));
        assertEquals(429, callFrom(attacker, "GET", "/api/v1/runs", Map.of(), null, "X-Api-Key", good).status(), "the address is refused");
        assertEquals(200, callFrom("198.51.100.7", "GET", "/api/v1/runs", Map.of(), null, "X-Api-Key", good).status(), "others are not");
        assertEquals(429, callFrom(attacker, "POST", "/api/v1/tenants", Map.of(), "{\"tenantId\":\"x-1\"}", "X-Admin-Key", ADMIN).status());

        List<String> failures = log.stream().filter(l -> l.startsWith("auth-failed")).toList();
        assertEquals(5, failures.size(), log.toString());
        assertTrue(failures.stream().allMatch(l -> l.contains("client=" + attacker) && l.matches(".*keyId=[0-9a-f]{24}.*")), failures.toString());
        assertEquals(1, log.stream().filter(l -> l.startsWith("auth-throttled client=" + attacker)).count(), log.toString());
        assertTrue(log.stream().noneMatch(l -> l.contains("fk.flood") || l.contains(good)), "no key is logged: " + log);

        clock.advance(Duration.ofSeconds(61));
        assertEquals(200, callFrom(attacker, "GET", "/api/v1/runs", Map.of(), null, "X-Api-Key", good).status(), "the block ends");
        for (int i = 0; i < 5; i++) {
            callFrom(attacker, "POST", "/api/v1/tenants", Map.of(), "{\"tenantId\":\"x-1\"}", "X-Admin-Key", "guess-" + i);
        }
        assertTrue(log.stream().filter(l -> l.contains("credential=admin-key")).allMatch(l -> !l.contains("guess-")), log.toString());

        app.close(); // a throttled caller never reaches the store: with the store closed it is still a clean 429
        for (int i = 0; i < 100; i++) {
            assertEquals(429, callFrom(attacker, "GET", "/api/v1/runs", Map.of(), null, "X-Api-Key", "fk.flood." + "e".repeat(48)).status());
        }
        app = Factory.with(TestFactory.settings(dir.resolve("data"))).builds(new TestFactory.RecordingBuilds(com.connectsoft.factory.run.vocabulary.BuildStatus.PASSED)).clock(clock).open();
    }

    @Test
    void listsAreAnsweredInBoundedPagesWithTheTotalAndTheNextPage() throws Exception {
        String key = tenantWithKey("pages");
        String yaml = new String(TestFactory.example("invoicing.blueprint.yaml"), StandardCharsets.UTF_8);
        Reply uploaded = callFrom("10.0.0.1", "POST", "/api/v1/blueprints", Map.of("file", "invoicing.blueprint.yaml"), yaml, "X-Api-Key", key);
        String blueprintId = uploaded.json().get("blueprintId").asText();
        for (int i = 0; i < 3; i++) {
            assertEquals(202, call("POST", "/api/v1/runs", "{\"blueprintId\": \"" + blueprintId + "\"}", "X-Api-Key", key).status());
        }
        Reply all = call("GET", "/api/v1/runs", null, "X-Api-Key", key);
        assertEquals(3, all.json().get("items").size());
        assertEquals(3, all.json().get("total").asInt());
        assertFalse(all.json().has("next"), all.raw());

        Reply first = callFrom("10.0.0.1", "GET", "/api/v1/runs", Map.of("limit", "2"), null, "X-Api-Key", key);
        assertEquals(2, first.json().get("items").size());
        assertEquals("/api/v1/runs?offset=2&limit=2", first.json().get("next").asText());
        Reply second = callFrom("10.0.0.1", "GET", "/api/v1/runs", Map.of("limit", "2", "offset", "2"), null, "X-Api-Key", key);
        assertEquals(1, second.json().get("items").size());
        assertFalse(second.json().has("next"));
        java.util.Set<String> ids = new java.util.HashSet<>();
        first.json().get("items").forEach(n -> ids.add(n.get("runId").asText()));
        second.json().get("items").forEach(n -> ids.add(n.get("runId").asText()));
        assertEquals(3, ids.size(), "the pages together are every run once");
        assertEquals(0, callFrom("10.0.0.1", "GET", "/api/v1/runs", Map.of("offset", "99"), null, "X-Api-Key", key).json().get("items").size());

        for (Map<String, String> bad : List.of(Map.of("limit", "0"), Map.of("limit", "1000000000"), Map.of("limit", "-1"), Map.of("offset", "-1"),
                Map.of("limit", "ten"), Map.of("offset", "1e3"))) {
            for (String path : List.of("/api/v1/runs", "/api/v1/feedback")) {
                Reply r = callFrom("10.0.0.1", "GET", path, bad, null, "X-Api-Key", key);
                assertEquals(400, r.status(), path + " " + bad + ": " + r.raw());
                assertTrue(r.json().get("title").asText().contains("is not allowed: give a whole number from"), r.raw());
            }
        }
    }

    @Test
    void aJsonRouteRefusesAnotherMediaTypeAndTheUploadTakesAnyType() throws Exception {
        String key = tenantWithKey("types");
        for (String type : List.of("application/x-www-form-urlencoded", "text/plain", "multipart/form-data; boundary=x", "application/xml")) {
            Reply r = call("POST", "/api/v1/installs", "{\"itemId\":\"ConnectSoft.Template.WebFrontend\"}", "X-Api-Key", key, "Content-Type", type);
            assertEquals(415, r.status(), type + ": " + r.raw());
            assertTrue(r.json().get("title").asText().startsWith("this route takes a JSON body: send Content-Type: application/json"), r.raw());
            assertEquals(415, call("POST", "/api/v1/keys", "{}", "X-Api-Key", key, "Content-Type", type).status());
        }
        assertEquals(201, call("POST", "/api/v1/keys", "{}", "X-Api-Key", key, "Content-Type", "application/json; charset=utf-8").status());
        assertEquals(201, call("POST", "/api/v1/keys", "{}", "X-Api-Key", key).status(), "no Content-Type: read as JSON");
        assertEquals(401, call("POST", "/api/v1/keys", "{}", "Content-Type", "text/plain").status(), "who calls is checked first");
        String yaml = Files.readString(TestFactory.EXAMPLES.resolve("invoicing.blueprint.yaml"));
        assertEquals(201, callFrom("10.0.0.1", "POST", "/api/v1/blueprints", Map.of("file", "invoicing.blueprint.yaml"), yaml, "X-Api-Key", key,
                "Content-Type", "application/x-yaml").status(), "the upload takes the file as it is");
    }

    @Test
    void aBadBodyIsRefusedInWordsWithWhereAndNothingOfTheParser() {
        String key = tenantWithKey("bodies");
        Reply broken = call("POST", "/api/v1/runs", "{\"blueprintId\": \"bp-x\",\n  \"version\": }", "X-Api-Key", key);
        assertEquals(400, broken.status());
        String title = broken.json().get("title").asText();
        assertTrue(title.startsWith("the body is not valid JSON at line 2, column "), title);
        Reply deep = call("POST", "/api/v1/runs/run-x/approve", "[".repeat(3000) + "]".repeat(3000), "X-Api-Key", key);
        assertEquals(400, deep.status());
        assertTrue(deep.json().get("title").asText().contains("nested deeper"), deep.raw());
        Reply cut = call("POST", "/api/v1/runs/run-x/reject", "{\"comment\": \"a", "X-Api-Key", key);
        assertEquals(400, cut.status());
        for (Reply r : List.of(broken, deep, cut)) {
            assertTrue(!r.raw().contains("Source") && !r.raw().contains("StreamRead") && !r.raw().contains("jackson"), r.raw());
        }
        for (String version : List.of("\"1\"", "-5", "0", "1e300", "99999999999999999999", "1.5", "true", "[1]")) {
            Reply r = call("POST", "/api/v1/runs", "{\"blueprintId\": \"bp-x\", \"version\": " + version + "}", "X-Api-Key", key);
            assertEquals(400, r.status(), version + ": " + r.raw());
            assertTrue(r.json().get("title").asText().startsWith("version must be a whole number from 1"), r.raw());
        }
        assertEquals(404, call("POST", "/api/v1/runs", "{\"blueprintId\": \"bp-x\", \"version\": 3}", "X-Api-Key", key).status());
        assertEquals(404, call("POST", "/api/v1/runs", "{\"blueprintId\": \"bp-x\", \"version\": null}", "X-Api-Key", key).status());
    }

    private static String events(String prefix, int n) {
        StringBuilder b = new StringBuilder("[");
        for (int i = 0; i < n; i++) {
            b.append(i == 0 ? "" : ",").append("{\"id\":\"").append(prefix).append(i).append("\",\"subject\":\"s\",\"eventType\":\"Contoso.Thing\",")
                    .append("\"eventTime\":\"2026-12-01T09:00:00Z\",\"dataVersion\":\"1\",\"data\":{}}");
        }
        return b.append("]").toString();
    }

    @Test
    void aTenantsWebhooksTakeAtMostTheirEventsAMinuteAndARefusedDeliveryTakesNothing() {
        String key = tenantWithKey("rates");
        String other = tenantWithKey("rates-b");
        String hook = call("POST", "/api/v1/tenant/webhooks", "{}", "X-Api-Key", key).json().get("deliveryHeader").get("value").asText();
        String second = call("POST", "/api/v1/tenant/webhooks", "{\"name\":\"two\"}", "X-Api-Key", key).json().get("deliveryHeader").get("value").asText();
        String hookB = call("POST", "/api/v1/tenant/webhooks", "{}", "X-Api-Key", other).json().get("deliveryHeader").get("value").asText();
        int perMinute = com.connectsoft.factory.integration.adapter.WebhookRates.DEFAULT_PER_MINUTE;

        Reply tooBig = call("POST", WebhookHttp.ENDPOINT, events("big-", perMinute + 1), "Content-Type", "application/json", WebhookHttp.HEADER, hook);
        assertEquals(413, tooBig.status(), tooBig.raw());
        assertTrue(tooBig.json().get("title").asText().contains("max events per batch to " + perMinute), tooBig.raw());
        Reply first = call("POST", WebhookHttp.ENDPOINT, events("a-", perMinute - 10), "Content-Type", "application/json", WebhookHttp.HEADER, hook);
        assertEquals(200, first.status(), first.raw());
        assertEquals(perMinute - 10, first.json().get("accepted").asInt());
        Reply over = call("POST", WebhookHttp.ENDPOINT, events("b-", 11), "Content-Type", "application/json", WebhookHttp.HEADER, second);
        assertEquals(429, over.status(), "the tenant's webhooks share the allowance: " + over.raw());
        assertEquals("60", over.headers().get("Retry-After"));
        Reply fits = call("POST", WebhookHttp.ENDPOINT, events("b-", 10), "Content-Type", "application/json", WebhookHttp.HEADER, second);
        assertEquals(10, fits.json().get("accepted").asInt(), "the refused delivery took nothing: " + fits.raw());
        assertEquals(200, call("POST", WebhookHttp.ENDPOINT, events("c-", 100), "Content-Type", "application/json", WebhookHttp.HEADER, hookB)
                .status(), "another tenant is not slowed");
        Reply handshake = call("POST", WebhookHttp.ENDPOINT, "[{\"id\":\"v1\",\"subject\":\"\",\"eventType\":"
                + "\"Microsoft.EventGrid.SubscriptionValidationEvent\",\"eventTime\":\"2026-12-01T09:00:00Z\",\"dataVersion\":\"1\","
                + "\"data\":{\"validationCode\":\"abc\"}}]", "Content-Type", "application/json", WebhookHttp.HEADER, hook);
        assertEquals("abc", handshake.json().path("validationResponse").asText(), "the handshake still answers: " + handshake.raw());
    }

    @Test
    void wrongWebhookCredentialsAreThrottledAndLoggedLikeKeys() {
        String good = tenantWithKey("hooks");
        String attacker = "203.0.113.44";
        for (int i = 0; i < 5; i++) {
            Reply r = callFrom(attacker, "POST", WebhookHttp.ENDPOINT, Map.of(), "[]", "Content-Type", "application/json",
                    WebhookHttp.HEADER, "fwh.hooks.guess" + i);
            assertEquals(401, r.status(), r.raw());
        }
        Reply refused = callFrom(attacker, "POST", WebhookHttp.ENDPOINT, Map.of(), "[]", "Content-Type", "application/json",
                WebhookHttp.HEADER, "fwh.hooks.guess-more");
        assertEquals(429, refused.status(), refused.raw());
        assertEquals("60", refused.headers().get("Retry-After"));
        assertEquals(429, callFrom(attacker, "GET", "/api/v1/runs", Map.of(), null, "X-Api-Key", good).status(), "the address is refused");
        assertEquals(401, callFrom("198.51.100.8", "POST", WebhookHttp.ENDPOINT, Map.of(), "[]", WebhookHttp.HEADER, "fwh.x.y").status(),
                "others are not");
        List<String> failures = log.stream().filter(l -> l.startsWith("auth-failed client=" + attacker)).toList();
        assertEquals(5, failures.size(), log.toString());
        assertTrue(failures.stream().allMatch(l -> l.contains("credential=webhook") && l.matches(".*keyId=[0-9a-f]{24}.*")), failures.toString());
        assertTrue(log.stream().noneMatch(l -> l.contains("guess")), "no credential is logged: " + log);
        for (int i = 0; i < 20; i++) {
            assertEquals(401, callFrom("192.0.2.5", "POST", WebhookHttp.ENDPOINT, Map.of(), "[]").status(), "no credential at all is not a guess");
        }
    }

    @Test
    void aBadKeyFloodOverHttpIsThrottledByTheCallersAddress() throws Exception {
        tenantWithKey("flood-http");
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        try (LocalHost host = new LocalHost(api, "127.0.0.1", 0)) {
            Map<Integer, Integer> statuses = new HashMap<>();
            for (int i = 0; i < 200; i++) {
                HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + host.port() + "/api/v1/runs"))
                        .header("X-Api-Key", "fk.flood-http." + String.format("%048x", i)).build(), HttpResponse.BodyHandlers.ofString());
                statuses.merge(r.statusCode(), 1, Integer::sum);
            }
            assertEquals(Map.of(401, 5, 429, 195), statuses);
        }
        assertTrue(log.stream().anyMatch(l -> l.startsWith("auth-throttled client=127.0.0.1")), log.toString());
    }

    @Test
    void tenantInputWorkIsNamedForTheHostsDeadline() {
        assertTrue(api.isWork("POST", "/api/v1/blueprints"));
        assertTrue(api.isWork("post", "/api/v1/runs"));
        assertFalse(api.isWork("GET", "/api/v1/runs"));
        assertFalse(api.isWork("GET", "/api/health"));
    }
}
