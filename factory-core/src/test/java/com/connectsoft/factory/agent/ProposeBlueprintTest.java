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
}
