package com.connectsoft.factory.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.connectsoft.factory.agent.AgentSettings;
import com.connectsoft.factory.app.Factory;
import com.connectsoft.factory.platform.json.Json;
import com.connectsoft.factory.run.TestFactory;
import com.connectsoft.factory.run.domain.FactoryRun;
import com.connectsoft.factory.run.vocabulary.BuildStatus;
import com.connectsoft.factory.run.vocabulary.RunStatus;
import com.connectsoft.factory.shared.domain.TenantId;
import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * POST /api/v1/intents/{proposalId}/run: a tenant's proposal runs with its lineage starting at the intent; another
 * tenant's proposal, an unknown one and a failed one start nothing. Builds are recorded, not run.
 */
class IntentRunApiTest {
    @TempDir
    Path dir;
    Factory app;
    FactoryApi api;
    String acmeKey;
    String globexKey;

    @BeforeEach
    void open() {
        app = Factory.with(TestFactory.settings(dir.resolve("data"))).agents(AgentSettings.from(Map.of(), TestFactory.ROOT))
                .builds(new TestFactory.RecordingBuilds(BuildStatus.PASSED)).clock(Clock.systemUTC()).open().dispatchLocally();
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

    private JsonNode propose(String key) {
        Reply r = call("POST", "/api/v1/intents", Json.write(Map.of("text", IntentApiTest.TEXT)), key);
        assertEquals(200, r.status(), r.json().toString());
        assertEquals("proposed", r.json().get("status").asText(), r.json().toString());
        return r.json();
    }

    @Test
    void aRunStartedFromAProposalHasTheIntentAtTheStartOfItsLineage() {
        JsonNode proposal = propose(acmeKey);
        String intent = proposal.get("intentArtifactId").asText();
        Reply started = call("POST", "/api/v1/intents/" + proposal.get("proposalId").asText() + "/run", null, acmeKey);
        assertEquals(202, started.status(), started.json().toString());
        assertEquals(intent, started.json().get("intentArtifactId").asText());
        String runId = started.json().get("runId").asText();

        FactoryRun run = app.runs().start().awaitSettled(TenantId.of("acme"), runId);
        assertEquals(RunStatus.COMPLETED, run.status(), String.valueOf(run.failure()));
        JsonNode artifacts = call("GET", "/api/v1/runs/" + runId + "/artifacts", null, acmeKey).json().get("items");
        String blueprint = null;
        String commit = null;
        for (JsonNode a : artifacts) {
            switch (a.get("artifactType").asText()) {
                case "Blueprint" -> blueprint = a.get("artifactId").asText();
                case "Commit" -> commit = a.get("artifactId").asText();
                default -> { }
            }
        }
        assertTrue(blueprint != null && commit != null, artifacts.toString());
        JsonNode bp = call("GET", "/api/v1/artifacts/" + blueprint, null, acmeKey).json();
        assertEquals(List.of(intent, proposal.get("proposalArtifactId").asText()), texts(bp.get("inputArtifactIds")), bp.toString());
        assertEquals("ConnectSoft.Agent.ProductIntake", bp.get("producedByAgentId").asText(), bp.toString());

        Reply lineage = call("GET", "/api/v1/artifacts/" + commit + "/lineage", null, acmeKey);
        assertEquals(200, lineage.status());
        List<String> types = new ArrayList<>();
        List<String> ids = new ArrayList<>();
        walk(lineage.json().get("madeFrom"), types, ids);
        assertTrue(ids.contains(intent), "the commit's lineage reaches the intent: " + lineage.json());
        assertTrue(types.containsAll(List.of("Intent", "BlueprintProposal", "Blueprint", "ModuleSource", "BuildReport")),
                types.toString());
    }

    @Test
    void anotherTenantsProposalIsNotFoundAndStartsNothing() {
        JsonNode proposal = propose(acmeKey);
        Reply r = call("POST", "/api/v1/intents/" + proposal.get("proposalId").asText() + "/run", null, globexKey);
        assertEquals(404, r.status(), r.json().toString());
        assertTrue(r.json().get("title").asText().contains("was not found"), r.json().toString());
        assertTrue(app.runs().queries().list(TenantId.of("globex")).isEmpty());
        assertTrue(app.runs().queries().list(TenantId.of("acme")).isEmpty());
    }

    @Test
    void unknownAndMalformedProposalsAreNotFoundAndBadBodiesAre400() {
        propose(acmeKey);
        for (String id : new String[] {"prop-0000000000zzzzzzzz", "run-01", "prop-UPPER", "..", "prop-" + "a".repeat(150)}) {
            Reply r = call("POST", "/api/v1/intents/" + id + "/run", null, acmeKey);
            assertEquals(404, r.status(), id + " " + r.json());
        }
        String id = propose(acmeKey).get("proposalId").asText();
        for (String body : new String[] {"[]", "{not json", "{\"template\": 42}", "{\"template\": \"../etc\"}", "{\"t\":\"" + "x".repeat(5000) + "\"}"}) {
            assertEquals(400, call("POST", "/api/v1/intents/" + id + "/run", body, acmeKey).status(), body.substring(0, Math.min(40, body.length())));
        }
        assertEquals(401, call("POST", "/api/v1/intents/" + id + "/run", null, null).status());
        assertTrue(app.runs().queries().list(TenantId.of("acme")).isEmpty());
    }

    @Test
    void runningAProposalIsWorkTheHostBounds() {
        assertTrue(api.isWork("POST", "/api/v1/intents/prop-abc/run"));
        assertTrue(!api.isWork("GET", "/api/v1/intents/prop-abc/run"));
    }

    private static List<String> texts(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(n -> out.add(n.asText()));
        return out;
    }

    private static void walk(JsonNode nodes, List<String> types, List<String> ids) {
        for (JsonNode n : nodes) {
            ids.add(n.get("artifactId").asText());
            types.add(n.path("artifactType").asText());
            if (n.has("madeFrom")) {
                walk(n.get("madeFrom"), types, ids);
            }
        }
    }
}
