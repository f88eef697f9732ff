package com.connectsoft.factory.agent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.connectsoft.factory.agent.application.ProposeBlueprint;
import com.connectsoft.factory.agent.domain.AgentArtifacts;
import com.connectsoft.factory.agent.domain.AgentTask;
import com.connectsoft.factory.agent.domain.TaskState;
import com.connectsoft.factory.app.Factory;
import com.connectsoft.factory.artifact.domain.Artifact;
import com.connectsoft.factory.blueprint.BlueprintConfiguration;
import com.connectsoft.factory.blueprint.domain.Blueprint;
import com.connectsoft.factory.blueprint.domain.Entity;
import com.connectsoft.factory.blueprint.domain.ParseOutcome;
import com.connectsoft.factory.shared.domain.TenantId;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/** The deterministic chain proposes, for descriptions it was not tuned on, blueprints that validate and hold the named entities. */
class ProposeBlueprintTest {
    static final TenantId ACME = TenantId.of("acme");
    @TempDir
    Path dir;
    Factory app;

    @BeforeEach
    void open() {
        app = Factory.with(com.connectsoft.factory.run.TestFactory.settings(dir.resolve("data")))
                .agents(AgentSettings.from(java.util.Map.of(), com.connectsoft.factory.run.TestFactory.ROOT)).open();
    }

    @AfterEach
    void close() {
        app.close();
    }

    static Blueprint validated(String yaml) {
        ParseOutcome o = BlueprintConfiguration.READERS.read("p.blueprint.yaml", yaml.getBytes(StandardCharsets.UTF_8));
        if (o instanceof ParseOutcome.Rejected r) {
            throw new AssertionError(r.problems().stream().map(p -> p.render()).collect(Collectors.joining("\n")) + "\n" + yaml);
        }
        return ((ParseOutcome.Accepted) o).blueprint();
    }

    @TestFactory
    List<DynamicTest> eachDescriptionBecomesAValidBlueprintWithTheEntitiesItNames() {
        return IntentDescriptions.ALL.stream().map(d -> DynamicTest.dynamicTest(d.key(), () -> {
            ProposeBlueprint.Outcome o = app.agents().propose().propose(new ProposeBlueprint.Request(ACME, d.text(), Optional.empty()));
            ProposeBlueprint.Outcome.Proposed p = assertInstanceOf(ProposeBlueprint.Outcome.Proposed.class, o, () -> String.valueOf(o));
            Blueprint bp = validated(p.blueprint().yaml());
            List<String> names = bp.modules().stream().flatMap(m -> m.entities().stream()).map(Entity::name).toList();
            bp.modules().forEach(m -> m.events().forEach(e -> assertTrue(!e.name().matches(e.entity() + "(Created|Updated|Deleted)"),
                    "generated modules publish " + e.name() + " themselves")));
            if (d.key().equals("maintenance")) {   // "Tenants submit repair requests": the product's tenants, not the factory's
                assertTrue(bp.modules().stream().flatMap(m -> m.entities().stream()).filter(e -> e.name().equals("RepairRequest"))
                        .flatMap(e -> e.relationships().stream()).anyMatch(r -> r.name().equals("relatedTenant") && r.target().equals("Tenant")),
                        p.blueprint().yaml());
            }
            for (String expected : d.entities()) {
                assertTrue(names.contains(expected), d.key() + ": " + expected + " in " + names + "\n" + p.blueprint().yaml());
            }
        })).toList();
    }

    @Test
    void tasksAreRecordedWithTheirLifecycleAndLineageStartsAtTheIntent() {
        var d = IntentDescriptions.ALL.get(0);
        var p = (ProposeBlueprint.Outcome.Proposed) app.agents().propose().propose(new ProposeBlueprint.Request(ACME, d.text(), Optional.empty()));
        List<AgentTask> tasks = app.agents().tasks().byProposal(ACME, p.proposalId());
        assertEquals(List.of("ConnectSoft.Skill.ProductVision@1.0.0", "ConnectSoft.Skill.SolutionDesign@1.0.0", "ConnectSoft.Skill.DomainModel@1.0.0"),
                tasks.stream().map(AgentTask::skillId).toList());
        for (AgentTask t : tasks) {
            assertEquals(TaskState.COMPLETED, t.state());
            assertEquals(List.of(TaskState.ASSIGNED, TaskState.CONTEXT_LOADING, TaskState.EXECUTING, TaskState.VALIDATING, TaskState.COMPLETED),
                    t.history().stream().map(AgentTask.Transition::state).toList());
        }
        Artifact proposal = app.artifacts().ledger().find(ACME, p.proposalArtifactId()).orElseThrow();
        assertEquals(AgentArtifacts.BLUEPRINT_PROPOSAL, proposal.artifactType());
        assertEquals("ConnectSoft.Agent.ProductIntake", proposal.producedByAgentId());
        assertEquals("ConnectSoft.Skill.DomainModel", proposal.producedBySkillId());
        assertTrue(proposal.inputArtifactIds().contains(p.intentArtifactId()), proposal.inputArtifactIds().toString());
        Artifact intent = app.artifacts().ledger().find(ACME, p.intentArtifactId()).orElseThrow();
        assertEquals(d.text(), new String(app.content().get(ACME, intent.contentHash()).orElseThrow(), StandardCharsets.UTF_8));
        // another tenant sees none of it
        assertTrue(app.agents().tasks().byProposal(TenantId.of("globex"), p.proposalId()).isEmpty());
        assertTrue(app.artifacts().ledger().find(TenantId.of("globex"), p.intentArtifactId()).isEmpty());
    }

    @Test
    void badIntentIsRefusedAndNothingIsWritten() {
        for (String bad : List.of("", "   ", "short", "x".repeat(4001), "A shop where customers\u0000 place orders", "Customers \u202Eplace orders for goods")) {
            var o = app.agents().propose().propose(new ProposeBlueprint.Request(ACME, bad, Optional.empty()));
            assertInstanceOf(ProposeBlueprint.Outcome.Refused.class, o, bad.length() > 50 ? bad.substring(0, 50) : bad);
        }
        assertTrue(app.artifacts().ledger().byRun(ACME, "any").isEmpty());
    }

    @Test
    void aRunStartedFromAProposalHasItsLineageStartAtTheIntent() {
        var p = (ProposeBlueprint.Outcome.Proposed) app.agents().propose().propose(new ProposeBlueprint.Request(ACME,
                IntentDescriptions.ALL.get(3).text(), Optional.empty()));
        var start = app.runs().start().start(new com.connectsoft.factory.run.application.StartRun.Request(ACME, p.proposalId() + ".blueprint.yaml",
                p.blueprint().yaml().getBytes(StandardCharsets.UTF_8), Optional.empty(), com.connectsoft.factory.run.application.StartRun.DEFAULT_TEMPLATE,
                Optional.of(new com.connectsoft.factory.run.application.StartRun.Origin(ProposeBlueprint.AGENT, "ConnectSoft.Skill.DomainModel",
                        List.of(p.intentArtifactId(), p.proposalArtifactId())))), com.connectsoft.factory.run.application.RunProgress.SILENT);
        var run = assertInstanceOf(com.connectsoft.factory.run.application.StartRun.Start.Started.class, start).opened();
        Artifact blueprint = app.artifacts().ledger().byRun(ACME, run.runId()).stream().filter(a -> a.artifactType().equals(Artifact.BLUEPRINT))
                .findFirst().orElseThrow();
        assertEquals(List.of(p.intentArtifactId(), p.proposalArtifactId()), blueprint.inputArtifactIds());
        assertEquals("ConnectSoft.Skill.DomainModel", blueprint.producedBySkillId());
        assertEquals(ProposeBlueprint.AGENT, blueprint.producedByAgentId());
    }

    @Test
    void eachSkillIsACapabilityBeanThatPerformsItsCommandAsARecordedTask() {
        var bean = app.capabilities().bean(com.connectsoft.factory.capability.CapabilityRegistry.SKILL_PRODUCT_VISION);
        var input = com.connectsoft.factory.platform.json.Json.object().put("intent", IntentDescriptions.ALL.get(1).text());
        var payload = java.util.Map.of("proposalId", "prop-bus-1", "agent", ProposeBlueprint.AGENT, "input", input);
        var command = new com.connectsoft.factory.shared.domain.Envelope("evt-cmd-1", "DraftProductVision", "acme", null, null, "trace-1",
                "corr-1", null, java.time.Instant.now(), 1, com.connectsoft.factory.platform.json.Json.payload(payload));
        var replies = bean.apply(command);
        assertEquals(1, replies.size());
        assertEquals("ProductVisionDrafted", replies.get(0).eventType());
        var body = com.connectsoft.factory.platform.json.Json.tree(replies.get(0).payload());
        assertEquals("COMPLETED", body.get("state").asText());
        AgentTask task = app.agents().tasks().find(ACME, body.get("taskId").asText()).orElseThrow();
        assertEquals(TaskState.COMPLETED, task.state());
        // redelivered: answered from the recorded task, not performed again
        var again = bean.apply(command);
        assertEquals(replies.get(0).eventId(), again.get(0).eventId());
        assertEquals(replies.get(0).payload(), again.get(0).payload());
        assertEquals(1, app.agents().tasks().byProposal(ACME, "prop-bus-1").size());
        org.junit.jupiter.api.Assertions.assertThrows(com.connectsoft.factory.platform.bus.PoisonEventException.class, () -> bean.apply(
                new com.connectsoft.factory.shared.domain.Envelope("evt-cmd-2", "DraftProductVision", "acme", null, null, "trace-1", "corr-1", null,
                        java.time.Instant.now(), 1, com.connectsoft.factory.platform.json.Json.payload(java.util.Map.of("proposalId", "prop-bus-2")))));
    }

    @Test
    void aHostileIntentAtTheLimitIsBoundedAndFast() {
        StringBuilder b = new StringBuilder();
        int i = 0;
        while (b.length() < 3_900) {
            String w = Integer.toString(i + 26, 26).chars().mapToObj(c -> String.valueOf((char) ('a' + Character.digit(c, 26))))
                    .collect(Collectors.joining());
            b.append("Each thing").append(w).append(" has many widget").append(w).append("s with a name, ");
            i++;
        }
        String text = b.substring(0, Math.min(b.length(), 3_990)) + ".";
        long started = System.nanoTime();
        var o = app.agents().propose().propose(new ProposeBlueprint.Request(ACME, text, Optional.empty()));
        long ms = (System.nanoTime() - started) / 1_000_000;
        assertTrue(ms < 5_000, ms + " ms");
        if (o instanceof ProposeBlueprint.Outcome.Proposed p) {
            assertTrue(p.blueprint().blueprint().entityCount() <= 14, String.valueOf(p.blueprint().blueprint().entityCount()));
        }
        String words = "order ".repeat(599) + "items";
        started = System.nanoTime();
        app.agents().propose().propose(new ProposeBlueprint.Request(ACME, words, Optional.empty()));
        assertTrue((System.nanoTime() - started) / 1_000_000 < 5_000);
        assertInstanceOf(ProposeBlueprint.Outcome.Refused.class, app.agents().propose().propose(new ProposeBlueprint.Request(ACME,
                "a ".repeat(1_000), Optional.empty())));
    }
}
