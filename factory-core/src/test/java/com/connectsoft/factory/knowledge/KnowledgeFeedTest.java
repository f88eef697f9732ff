package com.connectsoft.factory.knowledge;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import com.connectsoft.factory.knowledge.application.KnowledgeFeed;
import com.connectsoft.factory.knowledge.application.KnowledgeSources;
import com.connectsoft.factory.knowledge.domain.DocumentKind;
import com.connectsoft.factory.knowledge.domain.KnowledgeDocument;
import com.connectsoft.factory.knowledge.domain.KnowledgeIndex;
import com.connectsoft.factory.knowledge.domain.TenantKnowledge;
import com.connectsoft.factory.platform.bus.PoisonEventException;
import com.connectsoft.factory.platform.json.Json;
import com.connectsoft.factory.run.domain.FactoryRun;
import com.connectsoft.factory.run.domain.StageRecord;
import com.connectsoft.factory.run.vocabulary.RunStatus;
import com.connectsoft.factory.run.vocabulary.Stage;
import com.connectsoft.factory.run.vocabulary.StageStatus;
import com.connectsoft.factory.shared.domain.Envelope;
import com.connectsoft.factory.shared.domain.TenantId;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Which documents the knowledge-index capability writes for which event, and only in the event's tenant. */
class KnowledgeFeedTest {
    private static final TenantId ACME = TenantId.of("acme");
    private static final Instant T = Instant.parse("2026-11-30T10:00:00Z");
    private static final KnowledgeDocument BLUEPRINT = new KnowledgeDocument("blueprint:bp-1", DocumentKind.BLUEPRINT, "Shop", "a shop",
            "shop.jdl");
    private static final KnowledgeDocument MODULE = new KnowledgeDocument("module:proj-1/module-store", DocumentKind.MODULE, "store", "the store",
            "store");

    private final KnowledgeSources sources = mock(KnowledgeSources.class);
    private final KnowledgeIndex index = mock(KnowledgeIndex.class);
    private final TenantKnowledge acme = mock(TenantKnowledge.class);
    private final List<String> written = new ArrayList<>();
    private final KnowledgeFeed feed = new KnowledgeFeed(sources, () -> index);

    @BeforeEach
    void wire() {
        when(index.forTenant(ACME)).thenReturn(acme);
        org.mockito.Mockito.doAnswer(i -> written.addAll(i.<List<KnowledgeDocument>>getArgument(0).stream().map(KnowledgeDocument::id).toList()))
                .when(acme).upsert(org.mockito.ArgumentMatchers.<List<KnowledgeDocument>>any());
    }

    private static FactoryRun run(RunStatus status, Stage... stages) {
        List<StageRecord> records = new ArrayList<>();
        for (Stage s : stages) {
            records.add(new StageRecord(s, StageStatus.COMPLETED, T, T, 0, ""));
        }
        return new FactoryRun("acme", "run-1", "proj-1", "Shop", "bp-1", 1, "ConnectSoft.Template.FunctionsMicroservice@1.4.0", "trace",
                "corr-run-1", status, records, List.of(), null, null, null, status == RunStatus.FAILED ? "render failed" : null, T, T);
    }

    private static Envelope event(String type, Object payload) {
        return new Envelope("evt-" + type, type, "acme", "proj-1", null, "trace", "corr-run-1", null, T, 1, Json.payload(payload));
    }

    private static Envelope stage(Stage name) {
        return event("FactoryRunStageCompleted", new StageRecord(name, StageStatus.COMPLETED, T, T, 0, ""));
    }

    @Test
    void theGovernanceStageIndexesTheRunsBlueprintAndModules() {
        FactoryRun run = run(RunStatus.RUNNING, Stage.INTAKE, Stage.PLAN, Stage.RENDER, Stage.GOVERNANCE);
        when(sources.run(ACME, "run-1")).thenReturn(Optional.of(run));
        when(sources.ofRun(ACME, run)).thenReturn(List.of(BLUEPRINT, MODULE));

        assertEquals(List.of(), feed.apply(stage(Stage.GOVERNANCE)));
        assertEquals(List.of("blueprint:bp-1", "module:proj-1/module-store"), written);
    }

    @Test
    void otherStagesIndexNothing() {
        for (Stage s : List.of(Stage.INTAKE, Stage.PLAN, Stage.RENDER, Stage.VALIDATE, Stage.PUBLISH, Stage.DONE)) {
            feed.apply(stage(s));
        }
        verify(sources, never()).ofRun(any(), any());
        assertEquals(List.of(), written);
    }

    @Test
    void theEndOfARunPastGovernanceIndexesItsOutcomeOnly() {
        FactoryRun run = run(RunStatus.COMPLETED, Stage.INTAKE, Stage.PLAN, Stage.RENDER, Stage.GOVERNANCE, Stage.VALIDATE);
        when(sources.run(ACME, "run-1")).thenReturn(Optional.of(run));

        feed.apply(event("FactoryRunCompleted", Map.of("runId", "run-1", "status", "completed")));
        assertEquals(List.of("run:run-1"), written);
        verify(sources, never()).ofRun(any(), any());
    }

    @Test
    void theEndOfARunBeforeGovernanceIndexesEverythingOfIt() {
        FactoryRun run = run(RunStatus.FAILED, Stage.INTAKE, Stage.PLAN);
        when(sources.run(ACME, "run-1")).thenReturn(Optional.of(run));
        when(sources.ofRun(ACME, run)).thenReturn(List.of(BLUEPRINT, MODULE));

        feed.apply(event("FactoryRunFailed", Map.of("runId", "run-1", "status", "failed")));
        assertEquals(List.of("blueprint:bp-1", "module:proj-1/module-store"), written);
    }

    @Test
    void anEndOfARunStillGoingOrUnknownIndexesNothing() {
        when(sources.run(ACME, "run-1")).thenReturn(Optional.of(run(RunStatus.RUNNING, Stage.INTAKE)));
        feed.apply(event("FactoryRunCancelled", Map.of("runId", "run-1")));
        feed.apply(event("FactoryRunCancelled", Map.of("runId", "run-2")));
        feed.apply(event("FactoryRunCancelled", Map.of()));
        assertEquals(List.of(), written);
    }

    @Test
    void anotherEventIsPoison() {
        assertThrows(PoisonEventException.class, () -> feed.apply(event("ModuleRendered", Map.of("runId", "run-1"))));
    }
}
