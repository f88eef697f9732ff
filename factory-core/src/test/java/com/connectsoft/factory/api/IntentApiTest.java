package com.connectsoft.factory.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.connectsoft.factory.agent.AgentSettings;
import com.connectsoft.factory.app.Factory;
import com.connectsoft.factory.blueprint.BlueprintConfiguration;
import com.connectsoft.factory.blueprint.domain.ParseOutcome;
import com.connectsoft.factory.platform.json.Json;
import com.connectsoft.factory.run.TestFactory;
import com.connectsoft.factory.shared.domain.TenantId;
import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** POST /api/v1/intents: authenticated per tenant, 400 for bad input with nothing written, 200 with the proposal. */
class IntentApiTest {
    static final String TEXT = "Members borrow books from the library. Each book has a title and an ISBN. Loans can be active or returned.";
    @TempDir
    Path dir;
    Factory app;
    FactoryApi api;
    String acmeKey;
    String globexKey;

    @BeforeEach
    void open() {
        app = Factory.with(TestFactory.settings(dir.resolve("data"))).agents(AgentSettings.from(Map.of(), TestFactory.ROOT)).open();
        api = new FactoryApi(app, Optional.empty());
        app.tenancy().administration().register(TenantId.of("acme"), "Acme", "developer");
        app.tenancy().administration().register(TenantId.of("globex"), "Globex", "developer");
        acmeKey = app.tenancy().administration().issueKey(TenantId.of("acme"));
        globexKey = app.tenancy().administration().issueKey(TenantId.of("globex"));
    }

    @AfterEach
    void close() {
        app.close();
    }

    record Reply(int status, JsonNode json) {
    }

    Reply call(String method, String path, String body, String key) {
        Map<String, String> h = key == null ? Map.of() : Map.of("X-Api-Key", key);
        FactoryApi.Response r = api.handle(new FactoryApi.Request(method, path, h, Map.of(), body == null ? new byte[0]
                : body.getBytes(StandardCharsets.UTF_8), "10.0.0.9"));
        String raw = new String(r.body(), StandardCharsets.UTF_8);
        return new Reply(r.status(), raw.isEmpty() ? Json.object() : Json.read(raw));
    }

    @Test
    void aTenantsIntentBecomesAProposalThatValidatesAndOnlyThatTenantSeesIt() {
        Reply r = call("POST", "/api/v1/intents", Json.write(Map.of("text", TEXT)), acmeKey);
        assertEquals(200, r.status(), r.json().toString());
        assertEquals("proposed", r.json().get("status").asText());
        String yaml = r.json().get("yaml").asText();
        assertInstanceOf(ParseOutcome.Accepted.class, BlueprintConfiguration.READERS.read("p.blueprint.yaml", yaml.getBytes(StandardCharsets.UTF_8)));
        String entities = r.json().get("modules").toString();
        assertTrue(entities.contains("\"Member\"") && entities.contains("\"Book\"") && entities.contains("\"Loan\""), entities);
        JsonNode loans = null;
        for (JsonNode m : r.json().get("modules")) {
            for (JsonNode ef : m.get("entityFields")) {
                if (ef.get("entity").asText().equals("Book")) {
                    assertTrue(ef.get("fields").toString().contains("\"title\""), ef.toString());
                    assertTrue(ef.get("fields").get(0).has("type") && ef.get("fields").get(0).has("required"), ef.toString());
                }
            }
            if (m.get("entities").toString().contains("\"Loan\"")) {
                loans = m;
            }
        }
        assertTrue(loans != null && loans.get("events").isArray(), r.json().get("modules").toString());
        int events = 0;
        for (JsonNode m : r.json().get("modules")) {
            for (JsonNode e : m.get("events")) {
                events++;
                assertTrue(e.get("on").asText().matches("created|updated|deleted") && m.get("entities").toString()
                        .contains("\"" + e.get("entity").asText() + "\""), e.toString());
            }
        }
        assertTrue(events > 0 && yaml.contains("events:"), r.json().get("modules").toString());
        assertEquals(3, r.json().get("tasks").size());
        String intent = r.json().get("intentArtifactId").asText();
        assertEquals(200, call("GET", "/api/v1/artifacts/" + intent, null, acmeKey).status());
        assertEquals(404, call("GET", "/api/v1/artifacts/" + intent, null, globexKey).status());
        Reply lineage = call("GET", "/api/v1/artifacts/" + r.json().get("proposalArtifactId").asText() + "/lineage", null, acmeKey);
        assertEquals(200, lineage.status());
        assertTrue(lineage.json().toString().contains(intent), lineage.json().toString());
    }

    @Test
    void withoutACredentialNothingIsProposed() {
        assertEquals(401, call("POST", "/api/v1/intents", Json.write(Map.of("text", TEXT)), null).status());
        assertEquals(401, call("POST", "/api/v1/intents", Json.write(Map.of("text", TEXT)), "not-a-key").status());
    }

    @Test
    void badBodiesAndIntentsAre400AndWriteNothing() {
        for (String body : new String[] {"", "[]", "{not json", "{\"text\": 42}", "{\"txt\": \"Members borrow books\"}",
                Json.write(Map.of("text", "x".repeat(4001))), Json.write(Map.of("text", "Members\u0007 borrow books from us")),
                Json.write(Map.of("text", TEXT, "name", "<script>")), "{\"text\": \"" + "a ".repeat(40_000) + "\"}"}) {
            Reply r = call("POST", "/api/v1/intents", body, acmeKey);
            assertEquals(400, r.status(), body.length() > 60 ? body.substring(0, 60) : body);
            assertTrue(r.json().has("title"), r.json().toString());
        }
        Reply control = call("POST", "/api/v1/intents", Json.write(Map.of("text", "Members\u0007 borrow books from us")), acmeKey);
        assertTrue(control.json().path("errors").toString().contains("U+0007 at line 1, column 8"), control.json().toString());
        assertTrue(app.agents().tasks().byProposal(TenantId.of("acme"), "any").isEmpty());
    }
}
