package com.connectsoft.factory.knowledge.application;

import com.connectsoft.factory.knowledge.domain.KnowledgeDocument;
import com.connectsoft.factory.knowledge.domain.KnowledgeIndex;
import com.connectsoft.factory.platform.bus.PoisonEventException;
import com.connectsoft.factory.platform.json.Json;
import com.connectsoft.factory.run.domain.FactoryRun;
import com.connectsoft.factory.knowledge.domain.KnowledgeEvents;
import com.connectsoft.factory.run.vocabulary.Stage;
import com.connectsoft.factory.shared.domain.Envelope;
import com.connectsoft.factory.shared.domain.TenantId;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The knowledge-index capability: when a run's governance stage is done it indexes the run's blueprint and rendered
 * modules, and when the run ends its outcome (with the blueprint and modules too when the run ended before
 * governance was done). Indexing waits for governance on purpose: the documents are then final, and the work runs
 * while the modules build instead of competing with rendering and the checks for the machine. Documents go into the
 * envelope's tenant's scope only; a redelivered event indexes the same documents again, which changes nothing.
 */
public final class KnowledgeFeed implements Function<Envelope, List<Envelope>> {
    private static final Logger LOG = Logger.getLogger(KnowledgeFeed.class.getName());

    private final KnowledgeSources sources;
    private final java.util.function.Supplier<KnowledgeIndex> index;

    public KnowledgeFeed(KnowledgeSources sources, java.util.function.Supplier<KnowledgeIndex> index) {
        this.sources = sources;
        this.index = index;
    }

    @Override
    public List<Envelope> apply(Envelope event) {
        TenantId tenant = event.tenant();
        JsonNode payload = Json.tree(event.payload());
        List<KnowledgeDocument> docs = switch (event.eventType()) {
            case KnowledgeEvents.STAGE_COMPLETED -> Stage.GOVERNANCE.key().equals(payload.path("name").asText())
                    ? runOf(tenant, event).map(run -> sources.ofRun(tenant, run)).orElse(List.of())
                    : List.of();
            case KnowledgeEvents.RUN_COMPLETED, KnowledgeEvents.RUN_FAILED, KnowledgeEvents.RUN_CANCELLED ->
                    run(tenant, payload.path("runId").asText("")).filter(FactoryRun::terminal)
                            .map(run -> run.hasStage(Stage.GOVERNANCE) ? List.of(KnowledgeDocuments.run(run)) : sources.ofRun(tenant, run))
                            .orElse(List.of());
            default -> throw new PoisonEventException("knowledge-index does not take " + event.eventType());
        };
        if (!docs.isEmpty()) {
            index.get().forTenant(tenant).upsert(docs);
            LOG.log(Level.FINE, "knowledge-indexed tenant={0} eventId={1} documents={2}", new Object[] {tenant.value(), event.eventId(),
                    docs.stream().map(KnowledgeDocument::id).toList()});
        }
        return List.of();
    }

    private Optional<FactoryRun> run(TenantId tenant, String runId) {
        return runId.isEmpty() ? Optional.empty() : sources.run(tenant, runId);
    }

    /** The run a stage event belongs to: its correlation id is {@code corr-<runId>}. */
    private Optional<FactoryRun> runOf(TenantId tenant, Envelope event) {
        String corr = event.correlationId() == null ? "" : event.correlationId();
        return corr.startsWith("corr-") ? run(tenant, corr.substring(5)) : Optional.empty();
    }
}
