package com.connectsoft.factory.agent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.connectsoft.factory.agent.application.ProposeBlueprint;
import com.connectsoft.factory.agent.domain.AgentArtifacts;
import com.connectsoft.factory.agent.domain.AgentTask;
import com.connectsoft.factory.agent.domain.TaskState;
import com.connectsoft.factory.app.Factory;
import com.connectsoft.factory.run.TestFactory;
import com.connectsoft.factory.shared.domain.TenantId;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The model path with a scripted ChatModel: corrections within 3 rounds, failures of the endpoint, the run's token cap. */
class ModelSkillTest {
    static final TenantId ACME = TenantId.of("acme");
    static final String INTENT = "Customers place orders for products.";
    static final String VISION = """
            {"productName": "Order Desk", "purpose": "Customers place orders", "actors": ["Customer"],
             "capabilities": ["Customer place Order"], "concepts": [{"name": "Customer", "kind": "person"}, {"name": "Order", "kind": "money"}]}""";
    static final String SOLUTION = """
            {"modules": [{"name": "sales", "description": "Customers and their orders", "concepts": ["Customer", "Order"]}]}""";
    static final String BLUEPRINT = """
            {"blueprint": 1, "product": {"name": "Order Desk", "package": "com.example.orderdesk"},
             "modules": [{"name": "sales", "entities": [
               {"name": "Customer", "fields": [{"name": "fullName", "type": "string", "required": true, "maxLength": 120}]},
               {"name": "Order", "fields": [{"name": "amount", "type": "decimal", "required": true, "min": 0}],
                "relationships": [{"name": "customer", "kind": "many-to-one", "target": "Customer", "required": true}]}]}]}""";
    /** Breaks the blueprint schema: modules is no list. */
    static final String SCHEMA_BREAKING = """
            {"blueprint": 1, "product": {"name": "Order Desk"}, "modules": "sales"}""";
    /** Fits the schema, breaks the blueprint rules: a relationship to an entity nobody defines, a field named like a Java keyword. */
    static final String RULE_BREAKING = """
            {"blueprint": 1, "product": {"name": "Order Desk", "package": "com.example.orderdesk"},
             "modules": [{"name": "sales", "entities": [
               {"name": "Order", "fields": [{"name": "class", "type": "string"}],
                "relationships": [{"name": "buyer", "kind": "many-to-one", "target": "Buyer"}]}]}]}""";

    @TempDir
    Path dir;
    Factory app;

    Factory open(ScriptedChatModel model, long cap, int timeoutSeconds) throws IOException {
        Path home = dir.resolve("home");
        Files.createDirectories(home.resolve("agents"));
        Files.createDirectories(home.resolve("skills"));
        try (var s = Files.list(TestFactory.ROOT.resolve("skills"))) {
            for (Path p : s.toList()) {
                Files.copy(p, home.resolve("skills").resolve(p.getFileName()));
            }
        }
        Path agent = TestFactory.ROOT.resolve("agents/ConnectSoft.Agent.ProductIntake.yaml");
        Files.writeString(home.resolve("agents").resolve(agent.getFileName()), Files.readString(agent)
                .replace("timeoutSeconds: 60", "timeoutSeconds: " + timeoutSeconds));
        app = Factory.with(TestFactory.settings(dir.resolve("data"))).chatModel(model)
                .agents(AgentSettings.from(Map.of("FACTORY_AGENT_RUN_TOKEN_CAP", String.valueOf(cap)), home)).open();
        return app;
    }

    @AfterEach
    void close() {
        if (app != null) {
            app.close();
        }
    }

    ProposeBlueprint.Outcome propose() {
        return app.agents().propose().propose(new ProposeBlueprint.Request(ACME, INTENT, Optional.empty()));
    }

    @Test
    void aSchemaBreakingThenRuleBreakingAnswerIsCorrectedWithinThreeRounds() throws IOException {
        ScriptedChatModel model = new ScriptedChatModel().answer(VISION).answer(SOLUTION).answer("Sure! Here is your blueprint.")
                .answer(SCHEMA_BREAKING).answer(RULE_BREAKING).answer(BLUEPRINT);
        open(model, 1_000_000, 60);
        var p = assertInstanceOf(ProposeBlueprint.Outcome.Proposed.class, propose());
        AgentTask domain = p.tasks().get(2);
        assertEquals(4, domain.attempts());
        assertEquals(List.of(TaskState.ASSIGNED, TaskState.CONTEXT_LOADING, TaskState.EXECUTING, TaskState.VALIDATING, TaskState.CORRECTING,
                TaskState.EXECUTING, TaskState.VALIDATING, TaskState.CORRECTING, TaskState.EXECUTING, TaskState.VALIDATING, TaskState.CORRECTING,
                TaskState.EXECUTING, TaskState.VALIDATING, TaskState.COMPLETED), domain.history().stream().map(AgentTask.Transition::state).toList());
        // the model was told what was wrong with each answer, located
        assertTrue(model.userText(3).contains("schema:"), model.userText(3));
        assertTrue(model.userText(4).contains("schema:") && model.userText(4).contains("modules"), model.userText(4));
        assertTrue(model.userText(5).contains("at modules[0].entities[0]"), model.userText(5));
        assertTrue(model.userText(5).contains("Buyer"), model.userText(5));
        assertEquals(List.of("Customer", "Order"), p.blueprint().blueprint().modules().get(0).entities().stream().map(e -> e.name()).toList());
        assertEquals(6L * (ScriptedChatModel.INPUT_TOKENS + ScriptedChatModel.OUTPUT_TOKENS), p.tokens().total());
        assertTrue(domain.implementation().startsWith("model:"));
    }

    @Test
    void anAnswerNeverCorrectedFailsTheTaskWithItsProblemsAndNoBlueprintIsKept() throws IOException {
        open(new ScriptedChatModel().answer(VISION).answer(SOLUTION).answer(RULE_BREAKING).answer(RULE_BREAKING).answer(RULE_BREAKING)
                .answer(RULE_BREAKING), 1_000_000, 60);
        var f = assertInstanceOf(ProposeBlueprint.Outcome.Failed.class, propose());
        assertTrue(f.reason().contains("after 3 correction round(s)"), f.reason());
        assertFalse(f.problems().isEmpty());
        AgentTask domain = f.tasks().get(2);
        assertEquals(TaskState.FAILED, domain.state());
        assertEquals(4, domain.attempts());
        assertTrue(app.artifacts().ledger().byRun(ACME, f.proposalId()).stream()
                .noneMatch(a -> a.artifactType().equals(AgentArtifacts.BLUEPRINT_PROPOSAL)), "no partial blueprint is recorded");
    }

    @Test
    void aFailingEndpointFailsOnlyItsTask() throws IOException {
        java.util.function.Supplier<String> failing = () -> {
            throw new IllegalStateException("HTTP 503 from the endpoint, with secret details");
        };
        // the agent retries a failed call once: the second failure fails the task
        ScriptedChatModel model = new ScriptedChatModel().answer(VISION).answer(failing).answer(failing).answer(VISION).answer(SOLUTION)
                .answer(BLUEPRINT);
        open(model, 1_000_000, 60);
        var f = assertInstanceOf(ProposeBlueprint.Outcome.Failed.class, propose());
        assertEquals("ConnectSoft.Skill.SolutionDesign failed: the model endpoint failed (IllegalStateException)", f.reason());
        assertEquals(List.of(TaskState.COMPLETED, TaskState.FAILED), f.tasks().stream().map(AgentTask::state).toList());
        assertEquals(3, model.requests.size());
        // the next proposal, on the same factory, is unaffected
        assertInstanceOf(ProposeBlueprint.Outcome.Proposed.class, propose());
    }

    @Test
    void aFailedCallIsRetriedOnceWithinTheTask() throws IOException {
        ScriptedChatModel model = new ScriptedChatModel().answer(() -> {
            throw new IllegalStateException("connection reset");
        }).answer(VISION).answer(SOLUTION).answer(BLUEPRINT);
        open(model, 1_000_000, 60);
        var p = assertInstanceOf(ProposeBlueprint.Outcome.Proposed.class, propose());
        assertEquals(1, p.tasks().get(0).attempts());
        assertEquals(4, model.requests.size());
    }

    @Test
    void aTimedOutEndpointFailsItsTaskWithinTheTimeout() throws IOException {
        java.util.function.Supplier<String> stalling = () -> {
            try {
                Thread.sleep(30_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return VISION;
        };
        ScriptedChatModel model = new ScriptedChatModel().answer(stalling).answer(stalling);
        open(model, 1_000_000, 1);
        long started = System.nanoTime();
        var f = assertInstanceOf(ProposeBlueprint.Outcome.Failed.class, propose());
        // one call and its retry, each cut at the 1 s timeout
        assertTrue(Duration.ofNanos(System.nanoTime() - started).compareTo(Duration.ofSeconds(10)) < 0);
        assertEquals("ConnectSoft.Skill.ProductVision failed: the model endpoint did not answer within 1 s", f.reason());
    }

    @Test
    void theRunStopsWhenItsTokenCapWouldBeCrossedAndTokensAreMetered() throws IOException {
        // the agent allows 4000 output tokens per answer: 6000 covers the first two calls' estimates, not the domain step's
        ScriptedChatModel model = new ScriptedChatModel().answer(VISION).answer(SOLUTION).answer(BLUEPRINT);
        open(model, 6_000, 60).dispatchLocally();
        var f = assertInstanceOf(ProposeBlueprint.Outcome.Failed.class, propose());
        assertTrue(f.reason().startsWith("ConnectSoft.Skill.DomainModel failed: the run's token cap of 6000 would be crossed: 2000 used"),
                f.reason());
        assertEquals(2, model.requests.size(), "no call is made that would cross the cap");
        app.drain(Duration.ofSeconds(10));
        // the proposal's stored artifacts are metered too (stored-bytes, per tenant); the tokens are per proposal
        var records = app.usage().queries().records(ACME).stream().filter(r -> !r.meter().equals("stored-bytes")).toList();
        assertEquals(2, records.size(), records.toString());
        for (var r : records) {
            assertEquals(AgentConfiguration.TOKENS_METER, r.meter());
            assertEquals(1000, r.quantity());
            assertEquals(f.proposalId(), r.runId());
        }
    }

    @Test
    void exchangesAreRecordedAndReplayedAndAReplayRefusesAChangedRequest() throws IOException {
        Path file = dir.resolve("exchanges.jsonl");
        ScriptedChatModel model = new ScriptedChatModel().answer(VISION).answer(SOLUTION).answer(RULE_BREAKING).answer(BLUEPRINT);
        app = Factory.with(TestFactory.settings(dir.resolve("data"))).chatModel(
                com.connectsoft.factory.agent.adapter.model.ModelExchanges.recording(model, file))
                .agents(AgentSettings.from(Map.of(), TestFactory.ROOT)).open();
        var recorded = assertInstanceOf(ProposeBlueprint.Outcome.Proposed.class, propose());
        app.close();
        assertEquals(4, Files.readAllLines(file).size());

        app = Factory.with(TestFactory.settings(dir.resolve("data2")))
                .agents(AgentSettings.from(Map.of("FACTORY_AGENT_MODEL_REPLAY", file.toString()), TestFactory.ROOT)).open();
        var replayed = assertInstanceOf(ProposeBlueprint.Outcome.Proposed.class, propose());
        assertEquals(recorded.blueprint().blueprint(), replayed.blueprint().blueprint());
        assertEquals(recorded.tokens(), replayed.tokens());
        assertEquals("model:replay", replayed.tasks().get(0).implementation());
        var changed = app.agents().propose().propose(new ProposeBlueprint.Request(ACME, INTENT + " Customers also pay.", Optional.empty()));
        var f = assertInstanceOf(ProposeBlueprint.Outcome.Failed.class, changed);
        assertEquals("ConnectSoft.Skill.ProductVision failed: the model endpoint failed (IllegalStateException)", f.reason());
        var fresh = com.connectsoft.factory.agent.adapter.model.ModelExchanges.replaying(file);
        var e = org.junit.jupiter.api.Assertions.assertThrows(IllegalStateException.class, () -> fresh.chat(
                dev.langchain4j.model.chat.request.ChatRequest.builder().messages(dev.langchain4j.data.message.UserMessage.from("other")).build()));
        assertTrue(e.getMessage().contains("differs from the recorded one"), e.getMessage());
    }
}
