package com.connectsoft.factory.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.connectsoft.factory.app.Factory;
import com.connectsoft.factory.platform.json.Json;
import com.connectsoft.factory.run.TestFactory;
import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** The HTTP API on the local host, driven over HTTP only, with real builds of the generated modules. */
class LocalHostTest {
    private static final String ADMIN = "admin-test-key";
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static Path dir;
    private static Factory app;
    private static LocalHost host;

    @BeforeAll
    static void start() throws Exception {
        dir = Files.createTempDirectory("localhost-test");
        app = Factory.open(TestFactory.settings(dir.resolve("data"))).dispatchLocally();
        host = new LocalHost(new FactoryApi(app, Optional.of(ADMIN)), "127.0.0.1", 0);
    }

    @AfterAll
    static void stop() {
        host.close();
        app.close();
    }

    private record Reply(int status, JsonNode json, HttpResponse<String> raw) {
    }

    private static Reply call(String method, String path, String body, String... headers) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + host.port() + path)).timeout(Duration.ofSeconds(30))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        for (int i = 0; i < headers.length; i += 2) {
            b.header(headers[i], headers[i + 1]);
        }
        HttpResponse<String> r = HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
        JsonNode json = r.body().isEmpty() ? Json.object() : Json.read(r.body());
        return new Reply(r.statusCode(), json, r);
    }

    private static String tenant(String id) throws Exception {
        Reply r = call("POST", "/api/v1/tenants", "{\"tenantId\":\"" + id + "\",\"name\":\"" + id + "\"}", "X-Admin-Key", ADMIN);
        assertEquals(201, r.status(), r.raw().body());
        return r.json().get("apiKey").asText();
    }

    @Test
    @Tag("maven-build")
    void aWholeRunOverHttp() throws Exception {
        String key = tenant("http-a");
        String yaml = Files.readString(TestFactory.EXAMPLES.resolve("invoicing.blueprint.yaml"));
        Reply uploaded = call("POST", "/api/v1/blueprints?file=invoicing.blueprint.yaml", yaml, "X-Api-Key", key);
        assertEquals(201, uploaded.status(), uploaded.raw().body());
        assertEquals(1, uploaded.json().get("version").asInt());
        String blueprintId = uploaded.json().get("blueprintId").asText();

        Reply started = call("POST", "/api/v1/runs", "{\"blueprintId\":\"" + blueprintId + "\"}", "X-Api-Key", key);
        assertEquals(202, started.status(), started.raw().body());
        String runId = started.json().get("runId").asText();
        assertEquals("/api/v1/runs/" + runId, started.raw().headers().firstValue("Location").orElseThrow());

        JsonNode run = null;
        long deadline = System.nanoTime() + Duration.ofMinutes(3).toNanos();
        while (System.nanoTime() < deadline) {
            run = call("GET", "/api/v1/runs/" + runId, null, "X-Api-Key", key).json();
            if (!run.get("status").asText().equals("running")) {
                break;
            }
            Thread.sleep(250);
        }
        assertEquals("completed", run.get("status").asText(), run.toString());
        assertEquals(7, call("GET", "/api/v1/runs/" + runId + "/stages", null, "X-Api-Key", key).json().get("items").size());
        JsonNode artifacts = call("GET", "/api/v1/runs/" + runId + "/artifacts", null, "X-Api-Key", key).json().get("items");
        assertEquals(16, artifacts.size(), "blueprint, 2 x (sources, 4 governance reports, build report, build log), commit");
        String commit = null;
        for (JsonNode a : artifacts) {
            if (a.get("artifactType").asText().equals("Commit")) {
                commit = a.get("artifactId").asText();
            }
        }
        JsonNode lineage = call("GET", "/api/v1/artifacts/" + commit + "/lineage", null, "X-Api-Key", key).json();
        assertEquals(4, lineage.get("madeFrom").size(), lineage.toString());

        // another tenant sees none of it
        String other = tenant("http-b");
        assertEquals(404, call("GET", "/api/v1/runs/" + runId, null, "X-Api-Key", other).status());
        assertEquals(404, call("GET", "/api/v1/artifacts/" + commit, null, "X-Api-Key", other).status());
        assertEquals(0, call("GET", "/api/v1/runs", null, "X-Api-Key", other).json().get("items").size());
        assertEquals(404, call("POST", "/api/v1/runs", "{\"blueprintId\":\"" + blueprintId + "\"}", "X-Api-Key", other).status());
    }

    @Test
    void callsNeedAValidKeyAndAMatchingTenant() throws Exception {
        String key = tenant("http-c");
        assertEquals(401, call("GET", "/api/v1/runs", null).status());
        assertEquals(401, call("GET", "/api/v1/runs", null, "X-Api-Key", "fk.http-c." + "0".repeat(48)).status());
        assertEquals(403, call("GET", "/api/v1/runs", null, "X-Api-Key", key, "X-Tenant-Id", "http-a").status());
        assertEquals(200, call("GET", "/api/v1/runs", null, "Authorization", "Bearer " + key, "X-Tenant-Id", "http-c").status());
        assertEquals(401, call("POST", "/api/v1/tenants", "{\"tenantId\":\"x-1\"}", "X-Admin-Key", "wrong").status());
        assertEquals(200, call("GET", "/api/health", null).status());
        assertTrue(call("GET", "/api/openapi.json", null).json().get("paths").has("/api/v1/runs"));
        assertEquals(404, call("GET", "/api/v1/nothing", null, "X-Api-Key", key).status());
        assertEquals(405, call("DELETE", "/api/v1/runs", null, "X-Api-Key", key).status());
    }

    @Test
    void aBadBlueprintIs400WithLocatedProblemsAndNothingIsStored() throws Exception {
        String key = tenant("http-d");
        Reply r = call("POST", "/api/v1/blueprints?file=shop.jdl", "entity Item {\n  price Money\n}\n", "X-Api-Key", key);
        assertEquals(400, r.status());
        assertEquals("application/problem+json", r.raw().headers().firstValue("Content-Type").orElseThrow());
        JsonNode p = r.json().get("problems").get(0);
        assertEquals(2, p.get("line").asInt());
        assertEquals(9, p.get("column").asInt());
        assertTrue(p.get("message").asText().contains("unknown field type 'Money'"));
        assertEquals(0, call("GET", "/api/v1/projects", null, "X-Api-Key", key).json().get("items").size());
        assertEquals(400, call("POST", "/api/v1/blueprints", "entity A {}", "X-Api-Key", key).status(), "no ?file=");
        assertEquals(400, call("POST", "/api/v1/runs", "not json", "X-Api-Key", key).status());
        assertEquals(404, call("POST", "/api/v1/runs", "{\"blueprintId\":\"bp-none\"}", "X-Api-Key", key).status());
    }
}
