package com.connectsoft.factory.agent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.connectsoft.factory.agent.application.ProposeBlueprint;
import com.connectsoft.factory.app.Factory;
import com.connectsoft.factory.platform.json.Json;
import com.connectsoft.factory.run.TestFactory;
import com.connectsoft.factory.shared.domain.TenantId;
import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The model adapter at the HTTP boundary: an Azure OpenAI-style endpoint on loopback answers chat completions the way
 * the service does; the factory's settings alone (FACTORY_AGENT_MODEL_*) make it call the v1 API with the key and the
 * deployment, ask for JSON, and read the answer and token use.
 */
class OpenAiEndpointTest {
    @TempDir
    Path dir;
    HttpServer server;
    final List<JsonNode> bodies = new CopyOnWriteArrayList<>();
    final List<String> paths = new CopyOnWriteArrayList<>();
    final List<String> keys = new CopyOnWriteArrayList<>();
    final Deque<String> answers = new ArrayDeque<>();
    volatile int status = 200;

    @BeforeEach
    void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", ex -> {
            paths.add(ex.getRequestURI().getPath());
            keys.add(String.valueOf(ex.getRequestHeaders().getFirst("api-key")));
            bodies.add(Json.read(new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8)));
            String content = answers.isEmpty() ? "{}" : answers.poll();
            byte[] out = (status != 200 ? "{\"error\": {\"message\": \"overloaded\"}}" : Json.write(Map.of("id", "chatcmpl-1",
                    "object", "chat.completion", "created", 1, "model", "gpt-test", "choices", List.of(Map.of("index", 0, "message",
                            Map.of("role", "assistant", "content", content), "finish_reason", "stop")), "usage",
                    Map.of("prompt_tokens", 120, "completion_tokens", 80, "total_tokens", 200)))).getBytes(StandardCharsets.UTF_8);
            ex.getResponseHeaders().add("Content-Type", "application/json");
            ex.sendResponseHeaders(status, out.length);
            ex.getResponseBody().write(out);
            ex.close();
        });
        server.start();
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    Factory factory() {
        String endpoint = "http://localhost:" + server.getAddress().getPort();
        return Factory.with(TestFactory.settings(dir.resolve("data"))).agents(AgentSettings.from(Map.of("FACTORY_AGENT_MODEL_ENDPOINT", endpoint,
                "FACTORY_AGENT_MODEL_KEY", "test-key", "FACTORY_AGENT_MODEL_DEPLOYMENT", "gpt-test", "FACTORY_AGENT_MODEL_PROVIDER", "azure-openai"),
                TestFactory.ROOT)).open();
    }

    @Test
    void theChainCallsTheV1ChatCompletionsApiWithTheKeyAndReadsJsonAnswersAndTokens() {
        answers.add(ModelSkillTest.VISION);
        answers.add(ModelSkillTest.SOLUTION);
        answers.add(ModelSkillTest.BLUEPRINT);
        try (Factory app = factory()) {
            var p = assertInstanceOf(ProposeBlueprint.Outcome.Proposed.class, app.agents().propose().propose(
                    new ProposeBlueprint.Request(TenantId.of("acme"), ModelSkillTest.INTENT, Optional.empty())));
            assertEquals(600, p.tokens().total());
            assertEquals("model:gpt-test", p.tasks().get(0).implementation());
        }
        assertEquals(List.of("/openai/v1/chat/completions", "/openai/v1/chat/completions", "/openai/v1/chat/completions"), paths);
        assertEquals(List.of("test-key", "test-key", "test-key"), keys);
        JsonNode first = bodies.get(0);
        assertEquals("gpt-test", first.path("model").asText());
        assertEquals("json_object", first.path("response_format").path("type").asText(), first.toString());
        assertTrue(first.path("messages").get(0).path("content").asText().contains("ConnectSoft.Skill.ProductVision"), first.toString());
        assertTrue(first.path("messages").get(1).path("content").asText().contains(ModelSkillTest.INTENT), first.toString());
    }

    @Test
    void anEndpointAnswering503FailsTheTaskWithoutEchoingItsBody() {
        status = 503;
        try (Factory app = factory()) {
            var f = assertInstanceOf(ProposeBlueprint.Outcome.Failed.class, app.agents().propose().propose(
                    new ProposeBlueprint.Request(TenantId.of("acme"), ModelSkillTest.INTENT, Optional.empty())));
            assertTrue(f.reason().startsWith("ConnectSoft.Skill.ProductVision failed: the model endpoint failed ("), f.reason());
            assertTrue(!f.reason().contains("overloaded"), f.reason());
        }
    }
}
