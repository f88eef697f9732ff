package com.connectsoft.factory.integration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.connectsoft.factory.api.FactoryApi;
import com.connectsoft.factory.app.Factory;
import com.connectsoft.factory.integration.adapter.eventgrid.EventGridDeliveries;
import com.connectsoft.factory.api.WebhookHttp;
import com.connectsoft.factory.integration.application.WebhookIntake;
import com.connectsoft.factory.platform.bus.RetryPolicy;
import com.connectsoft.factory.platform.bus.Subscription;
import com.connectsoft.factory.platform.json.Json;
import com.connectsoft.factory.platform.store.Filter;
import com.connectsoft.factory.platform.store.PageRequest;
import com.connectsoft.factory.run.TestFactory;
import com.connectsoft.factory.shared.domain.Envelope;
import com.connectsoft.factory.shared.domain.TenantId;
import com.connectsoft.factory.tenancy.domain.Tenant;
import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Event Grid deliveries to {@code /api/v1/webhooks/eventgrid}: the tenant comes from the webhook credential, never
 * from the payload; both handshakes need a valid credential; a redelivery within days is one event, across a
 * restart too; oversized or malformed deliveries are refused and take nothing in.
 */
class WebhookDeliveryTest {
    private static final TenantId ACME = TenantId.of("acme");
    private static final TenantId GLOBEX = TenantId.of("globex");
    private Path dir;
    private ManualClock clock;
    private Factory app;
    private FactoryApi api;
    private final List<Envelope> published = new CopyOnWriteArrayList<>();
    private String acmeHook;
    private String globexHook;

    @BeforeEach
    void start() throws Exception {
        dir = Files.createTempDirectory("webhooks");
        clock = new ManualClock(Instant.parse("2026-12-01T09:30:00Z"));
        open();
        app.tenancy().administration().register(ACME, "Acme", Tenant.DEFAULT_PLAN);
        app.tenancy().administration().register(GLOBEX, "Globex", Tenant.DEFAULT_PLAN);
        acmeHook = app.integration().credentials().create(ACME, "github").credential();
        globexHook = app.integration().credentials().create(GLOBEX, "alerts").credential();
    }

    private void open() {
        app = Factory.with(TestFactory.settings(dir.resolve("data"))).builds(new TestFactory.RecordingBuilds(com.connectsoft.factory.run.vocabulary.BuildStatus.PASSED)).clock(clock).open();
        app.bus().subscribe(new Subscription("webhook-test", Set.of(WebhookIntake.EVENT_TYPE),
                new RetryPolicy(3, Duration.ofMillis(10), Duration.ofMillis(100))), published::add);
        api = new FactoryApi(app, java.util.Optional.empty());
    }

    @AfterEach
    void stop() {
        app.close();
    }

    private record Reply(int status, Map<String, String> headers, JsonNode json) {
    }

    private Reply call(String method, String path, String contentType, String body, String... headers) {
        Map<String, String> h = new HashMap<>();
        if (contentType != null) {
            h.put("Content-Type", contentType);
        }
        for (int i = 0; i + 1 < headers.length; i += 2) {
            h.put(headers[i], headers[i + 1]);
        }
        Map<String, String> query = new HashMap<>();
        int q = path.indexOf('?');
        if (q >= 0) {
            for (String kv : path.substring(q + 1).split("&")) {
                String[] p = kv.split("=", 2);
                query.put(p[0], p[1]);
            }
            path = path.substring(0, q);
        }
        FactoryApi.Response r = api.handle(new FactoryApi.Request(method, path, h, query,
                body == null ? new byte[0] : body.getBytes(StandardCharsets.UTF_8)));
        String text = new String(r.body(), StandardCharsets.UTF_8);
        return new Reply(r.status(), r.headers(), text.isEmpty() ? Json.object() : Json.read(text));
    }

    private Reply deliver(String credential, String contentType, String body, String... headers) {
        String[] all = new String[headers.length + 2];
        all[0] = WebhookHttp.HEADER;
        all[1] = credential;
        System.arraycopy(headers, 0, all, 2, headers.length);
        return call("POST", WebhookHttp.ENDPOINT, contentType, body, credential == null ? headers : all);
    }

    static String eventGrid(String id, String tenantInPayload) {
        return "{\"id\":\"" + id + "\",\"topic\":\"/subscriptions/s/resourceGroups/r/providers/Microsoft.EventGrid/topics/t\","
                + "\"subject\":\"/repos/shop\",\"eventType\":\"Contoso.Repository.Pushed\",\"eventTime\":\"2026-12-01T09:00:00Z\","
                + "\"dataVersion\":\"1\",\"data\":{\"tenantId\":\"" + tenantInPayload + "\",\"projectId\":\"proj-x\"}}";
    }

    static String cloudEvent(String id, String tenantInPayload) {
        return "{\"specversion\":\"1.0\",\"id\":\"" + id + "\",\"type\":\"com.github.push\",\"source\":\"/repos/shop\","
                + "\"time\":\"2026-12-01T09:00:00Z\",\"datacontenttype\":\"application/json\",\"data\":{\"tenantId\":\""
                + tenantInPayload + "\"}}";
    }

    private List<Envelope> publishedFor(TenantId tenant) {
        assertTrue(app.drain(Duration.ofSeconds(20)), "the bus did not settle");
        return published.stream().filter(e -> e.tenantId().equals(tenant.value())).toList();
    }

    private int remembered(TenantId tenant) {
        return app.platform().store().query(tenant, "webhook-events", Filter.all(), PageRequest.first(1000)).items().size();
    }

    @Test
    void theEventGridValidationHandshakeIsAnsweredOnlyForAValidCredential() {
        String validation = "[{\"id\":\"v-1\",\"topic\":\"/subscriptions/s\",\"subject\":\"\",\"data\":{\"validationCode\":\"512d38b6-c7b8-40c8"
                + "-89fe-f46f9e9622b6\",\"validationUrl\":\"https://rp-westeurope.eventgrid.azure.net/validate?id=x\"},\"eventType\":"
                + "\"Microsoft.EventGrid.SubscriptionValidationEvent\",\"eventTime\":\"2026-12-01T09:00:00Z\",\"metadataVersion\":\"1\","
                + "\"dataVersion\":\"2\"}]";
        Reply ok = deliver(acmeHook, "application/json", validation, "aeg-event-type", "SubscriptionValidation");
        assertEquals(200, ok.status(), ok.json().toString());
        assertEquals("512d38b6-c7b8-40c8-89fe-f46f9e9622b6", ok.json().path("validationResponse").asText());
        Reply viaQuery = call("POST", WebhookHttp.ENDPOINT + "?key=" + acmeHook, "application/json", validation);
        assertEquals(200, viaQuery.status(), "the credential may sit in the endpoint URL instead");

        for (String bad : new String[] {null, "fwh.acme." + "0".repeat(48), app.tenancy().administration().issueKey(ACME), "", "x".repeat(5000)}) {
            Reply r = deliver(bad, "application/json", validation);
            assertEquals(401, r.status(), "credential " + (bad == null ? "none" : bad.length() > 20 ? bad.substring(0, 20) : bad));
            assertFalse(r.json().has("validationResponse"));
        }
        assertTrue(publishedFor(ACME).isEmpty(), "a handshake is not an event");
    }

    @Test
    void theCloudEventsAbuseProtectionHandshakeIsAnsweredOnlyForAValidCredential() {
        Reply ok = call("OPTIONS", WebhookHttp.ENDPOINT, null, null, WebhookHttp.HEADER, globexHook, "WebHook-Request-Origin", "eventgrid.azure.net");
        assertEquals(200, ok.status());
        assertEquals("eventgrid.azure.net", ok.headers().get("WebHook-Allowed-Origin"));
        Reply forged = call("OPTIONS", WebhookHttp.ENDPOINT, null, null, WebhookHttp.HEADER, "fwh.globex." + "1".repeat(48),
                "WebHook-Request-Origin", "eventgrid.azure.net");
        assertEquals(401, forged.status());
        assertNull(forged.headers().get("WebHook-Allowed-Origin"));
        assertEquals(401, call("OPTIONS", WebhookHttp.ENDPOINT, null, null, "WebHook-Request-Origin", "eventgrid.azure.net").status());
        assertEquals(400, call("OPTIONS", WebhookHttp.ENDPOINT, null, null, WebhookHttp.HEADER, globexHook).status(), "no origin");
        assertEquals(400, call("OPTIONS", WebhookHttp.ENDPOINT, null, null, WebhookHttp.HEADER, globexHook,
                "WebHook-Request-Origin", "evil\r\nSet-Cookie: x").status(), "an origin that is not a host name");
        assertEquals(405, call("GET", WebhookHttp.ENDPOINT, null, null, WebhookHttp.HEADER, globexHook).status());
    }

    @Test
    void theTenantComesFromTheCredentialNeverFromThePayload() {
        Reply r = deliver(globexHook, "application/json", "[" + eventGrid("e-1", "acme") + "," + eventGrid("e-2", "globex") + "]");
        assertEquals(200, r.status(), r.json().toString());
        assertEquals(2, r.json().path("accepted").asInt());
        Reply c = deliver(globexHook, "application/cloudevents+json; charset=utf-8", cloudEvent("c-1", "acme"));
        assertEquals(200, c.status(), c.json().toString());
        Reply batch = deliver(globexHook, "application/cloudevents-batch+json", "[" + cloudEvent("c-2", "acme") + "," + cloudEvent("c-3", "acme") + "]");
        assertEquals(2, batch.json().path("accepted").asInt(), batch.json().toString());

        assertTrue(publishedFor(ACME).isEmpty(), "globex's webhook put events into acme: " + publishedFor(ACME));
        List<Envelope> globex = publishedFor(GLOBEX);
        assertEquals(5, globex.size());
        Envelope first = globex.stream().filter(e -> Json.tree(e.payload()).path("id").asText().equals("e-1")).findFirst().orElseThrow();
        assertEquals("eventgrid", Json.tree(first.payload()).path("schema").asText());
        assertEquals("acme", Json.tree(first.payload()).path("data").path("tenantId").asText(), "the payload is kept as data, nothing more");
        assertNull(first.projectId(), "nothing in the payload routes the event");
        assertEquals(Instant.parse("2026-12-01T09:00:00Z"), first.occurredAt());
        assertEquals(0, remembered(ACME));
    }

    @Test
    void anotherTenantsCredentialCannotPostIntoATenantItDoesNotOwn() {
        String globexSecret = globexHook.substring(globexHook.lastIndexOf('.') + 1);
        for (String forged : new String[] {"fwh.acme." + globexSecret, "fwh.acme." + "a".repeat(48), globexHook.replace("globex", "acme"),
                acmeHook.substring(0, acmeHook.length() - 1) + (acmeHook.endsWith("0") ? "1" : "0")}) {
            assertEquals(401, deliver(forged, "application/json", "[" + eventGrid("f-1", "acme") + "]").status(), forged);
        }
        assertTrue(publishedFor(ACME).isEmpty());
        // the real acme credential works, and its events are acme's
        assertEquals(200, deliver(acmeHook, "application/json", "[" + eventGrid("f-1", "globex") + "]").status());
        assertEquals(1, publishedFor(ACME).size());
        assertTrue(publishedFor(GLOBEX).isEmpty());
    }

    @Test
    void aRedeliveryAfterTwoHoursAfterThirtyHoursAndAfterARestartIsOneEvent() {
        String body = "[" + eventGrid("r-1", "acme") + "]";
        assertEquals(1, deliver(acmeHook, "application/json", body).json().path("accepted").asInt());
        clock.advance(Duration.ofHours(2));
        Reply twoHours = deliver(acmeHook, "application/json", body);
        assertEquals(0, twoHours.json().path("accepted").asInt(), twoHours.json().toString());
        assertEquals(1, twoHours.json().path("duplicates").asInt());
        clock.advance(Duration.ofHours(28));
        Reply thirtyHours = deliver(acmeHook, "application/json", body);
        assertEquals(1, thirtyHours.json().path("duplicates").asInt(), "Event Grid retries for 24 hours: " + thirtyHours.json());

        app.close();
        open();
        clock.advance(Duration.ofHours(10));
        Reply afterRestart = deliver(acmeHook, "application/json", body);
        assertEquals(1, afterRestart.json().path("duplicates").asInt(), "a restart forgot the event: " + afterRestart.json());
        assertEquals(1, publishedFor(ACME).size());

        // the same id twice in one delivery, and an id another tenant also used, are each one event of their tenant
        Reply twice = deliver(acmeHook, "application/json", "[" + eventGrid("r-2", "acme") + "," + eventGrid("r-2", "acme") + "]");
        assertEquals(1, twice.json().path("accepted").asInt());
        assertEquals(1, twice.json().path("duplicates").asInt());
        assertEquals(1, deliver(globexHook, "application/json", body).json().path("accepted").asInt(), "dedupe is per tenant");
    }

    @Test
    void rememberedEventsArePrunedOnceOlderThanTheRetention() {
        deliver(acmeHook, "application/json", "[" + eventGrid("p-1", "acme") + "," + eventGrid("p-2", "acme") + "]");
        clock.advance(Duration.ofHours(47));
        deliver(acmeHook, "application/json", "[" + eventGrid("p-3", "acme") + "]");
        assertEquals(3, remembered(ACME), "nothing is forgotten within 48 hours");
        clock.advance(Duration.ofHours(26)); // p-1 and p-2 are 73 hours old, p-3 26 hours
        deliver(acmeHook, "application/json", "[" + eventGrid("p-4", "acme") + "]");
        assertEquals(2, remembered(ACME), "the first day's events are pruned, later ones kept");
        Reply p3 = deliver(acmeHook, "application/json", "[" + eventGrid("p-3", "acme") + "]");
        assertEquals(1, p3.json().path("duplicates").asInt());
    }

    @Test
    void oversizedAndMalformedDeliveriesAreRefusedAndTakeNothingIn() {
        String big = "[" + eventGrid("b-1", "acme").replace("\"projectId\":\"proj-x\"", "\"pad\":\"" + "x".repeat(EventGridDeliveries.MAX_BODY_BYTES)
                + "\"") + "]";
        assertEquals(413, deliver(acmeHook, "application/json", big).status());
        StringBuilder many = new StringBuilder("[");
        for (int i = 0; i <= EventGridDeliveries.MAX_EVENTS; i++) {
            many.append(i == 0 ? "" : ",").append("{\"id\":\"").append(i).append("\",\"subject\":\"s\",\"eventType\":\"T\",\"eventTime\":")
                    .append("\"2026-12-01T09:00:00Z\",\"dataVersion\":\"1\",\"data\":{}}");
        }
        many.append(']');
        Reply tooMany = deliver(acmeHook, "application/json", many.toString());
        assertEquals(413, tooMany.status(), tooMany.json().toString());
        assertTrue(tooMany.json().path("title").asText().contains("5000"), tooMany.json().toString());

        Map<String, String[]> malformed = new java.util.LinkedHashMap<>();
        malformed.put("not JSON", new String[] {"application/json", "{{{"});
        malformed.put("an object, not an array", new String[] {"application/json", eventGrid("m-1", "acme")});
        malformed.put("no eventType", new String[] {"application/json", "[{\"id\":\"m-2\",\"subject\":\"s\",\"eventTime\":\"2026-12-01T09:00:00Z\","
                + "\"dataVersion\":\"1\",\"data\":{}}]"});
        malformed.put("a CloudEvent as Event Grid", new String[] {"application/json", "[" + cloudEvent("m-3", "acme") + "]"});
        malformed.put("a CloudEvent without source", new String[] {"application/cloudevents+json", "{\"specversion\":\"1.0\",\"id\":\"m-4\",\"type\":\"t\"}"});
        malformed.put("Event Grid events as CloudEvents", new String[] {"application/cloudevents-batch+json", "[" + eventGrid("m-6", "acme") + "]"});
        malformed.put("an id of 300 characters", new String[] {"application/json", "[" + eventGrid("i".repeat(300), "acme") + "]"});
        malformed.put("empty", new String[] {"application/json", ""});
        malformed.put("deeply nested data", new String[] {"application/json", "[" + eventGrid("m-5", "acme").replace("{\"tenantId\"",
                "[".repeat(5000) + "]".repeat(5000) + ",{\"tenantId\"") + "]"});
        for (Map.Entry<String, String[]> m : malformed.entrySet()) {
            Reply r = deliver(acmeHook, m.getValue()[0], m.getValue()[1]);
            assertEquals(400, r.status(), m.getKey() + ": " + r.json());
            assertNotEquals("", r.json().path("title").asText());
        }
        assertTrue(publishedFor(ACME).isEmpty());
        assertEquals(0, remembered(ACME));
    }

    @Test
    void factoryServeServesTheEndpointOverHttpWithBothHandshakes() throws Exception {
        try (com.connectsoft.factory.api.LocalHost host = new com.connectsoft.factory.api.LocalHost(api, "127.0.0.1", 0)) {
            java.net.http.HttpClient http = java.net.http.HttpClient.newHttpClient();
            java.net.URI uri = java.net.URI.create("http://127.0.0.1:" + host.port() + WebhookHttp.ENDPOINT);
            java.net.http.HttpResponse<String> options = http.send(java.net.http.HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(10))
                    .method("OPTIONS", java.net.http.HttpRequest.BodyPublishers.noBody()).header(WebhookHttp.HEADER, acmeHook)
                    .header("WebHook-Request-Origin", "eventgrid.azure.net").build(), java.net.http.HttpResponse.BodyHandlers.ofString());
            assertEquals(200, options.statusCode());
            assertEquals("eventgrid.azure.net", options.headers().firstValue("WebHook-Allowed-Origin").orElse(""));
            java.net.http.HttpResponse<String> events = http.send(java.net.http.HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(10))
                    .POST(java.net.http.HttpRequest.BodyPublishers.ofString("[" + cloudEvent("h-1", "globex") + "]"))
                    .header("Content-Type", "application/cloudevents-batch+json; charset=utf-8").header(WebhookHttp.HEADER, acmeHook).build(),
                    java.net.http.HttpResponse.BodyHandlers.ofString());
            assertEquals(200, events.statusCode(), events.body());
            assertEquals(1, Json.read(events.body()).path("accepted").asInt());
            java.net.http.HttpResponse<String> anonymous = http.send(java.net.http.HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(10))
                    .POST(java.net.http.HttpRequest.BodyPublishers.ofString("[" + eventGrid("h-2", "acme") + "]"))
                    .header("Content-Type", "application/json").build(), java.net.http.HttpResponse.BodyHandlers.ofString());
            assertEquals(401, anonymous.statusCode());
        }
        assertEquals(1, publishedFor(ACME).size());
        assertTrue(publishedFor(GLOBEX).isEmpty());
    }

    @Test
    void aTenantCreatesListsRotatesAndRevokesItsWebhooksOverTheApi() {
        String key = app.tenancy().administration().issueKey(ACME);
        Reply created = call("POST", "/api/v1/tenant/webhooks", "application/json", "{\"name\":\"build results\"}", "X-Api-Key", key);
        assertEquals(201, created.status(), created.json().toString());
        String id = created.json().path("webhookId").asText();
        String credential = created.json().path("deliveryHeader").path("value").asText();
        assertEquals(WebhookHttp.HEADER, created.json().path("deliveryHeader").path("name").asText());
        assertEquals(WebhookHttp.ENDPOINT, created.json().path("endpointPath").asText());
        assertEquals(200, deliver(credential, "application/json", "[" + eventGrid("w-1", "acme") + "]").status());

        Reply list = call("GET", "/api/v1/tenant/webhooks", null, null, "X-Api-Key", key);
        assertEquals(2, list.json().path("items").size(), list.json().toString());
        assertFalse(list.json().toString().contains(credential.substring(credential.lastIndexOf('.') + 1)), "a listing shows no secret");
        assertFalse(list.json().toString().contains("sha256"));

        String globexKey = app.tenancy().administration().issueKey(GLOBEX);
        assertEquals(404, call("POST", "/api/v1/tenant/webhooks/" + id + "/rotate", null, null, "X-Api-Key", globexKey).status(),
                "another tenant's webhook does not exist for globex");
        assertEquals(404, call("DELETE", "/api/v1/tenant/webhooks/" + id, null, null, "X-Api-Key", globexKey).status());
        assertEquals(401, call("POST", "/api/v1/tenant/webhooks", null, null).status(), "managing webhooks needs the tenant's key");

        Reply rotated = call("POST", "/api/v1/tenant/webhooks/" + id + "/rotate", null, null, "X-Api-Key", key);
        assertEquals(200, rotated.status());
        String next = rotated.json().path("deliveryHeader").path("value").asText();
        assertNotEquals(credential, next);
        assertEquals(401, deliver(credential, "application/json", "[" + eventGrid("w-2", "acme") + "]").status(), "the old credential is dead");
        assertEquals(200, deliver(next, "application/json", "[" + eventGrid("w-2", "acme") + "]").status());

        assertEquals(204, call("DELETE", "/api/v1/tenant/webhooks/" + id, null, null, "X-Api-Key", key).status());
        assertEquals(401, deliver(next, "application/json", "[" + eventGrid("w-3", "acme") + "]").status(), "a revoked credential is dead");
        assertEquals(400, call("POST", "/api/v1/tenant/webhooks", "application/json", "{\"name\":\"a\\nb\"}", "X-Api-Key", key).status());
        assertEquals(400, call("POST", "/api/v1/tenant/webhooks", "application/json", "[1]", "X-Api-Key", key).status());
    }
}
