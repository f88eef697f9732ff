package com.connectsoft.factory.knowledge.application;

import com.connectsoft.factory.knowledge.domain.KnowledgeDocument;
import com.connectsoft.factory.knowledge.domain.KnowledgeIndex;
import com.connectsoft.factory.platform.bus.PoisonEventException;
import com.connectsoft.factory.platform.json.Json;
import com.connectsoft.factory.run.domain.FactoryRun;
import com.connectsoft.factory.knowledge.domain.KnowledgeEvents;
import com.connectsoft.factory.run.vocabulary.RenderStatus;
import com.connectsoft.factory.shared.domain.Envelope;
import com.connectsoft.factory.shared.domain.TenantId;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The knowledge-index capability: indexes a tenant's blueprint when its run is accepted ({@code BlueprintAccepted}),
 * each generated module when it is rendered ({@code ModuleRendered}) and the run's outcome when it ends. Documents go
 * into the envelope's tenant's scope only; a redelivered event indexes the same documents again, which changes nothing.
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
        String runId = payload.path("runId").asText("");
        Optional<KnowledgeDocument> doc = switch (event.eventType()) {
            case KnowledgeEvents.BLUEPRINT_ACCEPTED -> runOf(tenant, event).flatMap(run -> sources.blueprint(tenant, run));
            case KnowledgeEvents.MODULE_RENDERED -> RenderStatus.RENDERED.key().equals(payload.path("status").asText())
                    ? run(tenant, runId).flatMap(run -> sources.module(tenant, run, payload.path("moduleId").asText(),
                            payload.path("manifestHash").asText(null)))
                    : Optional.empty();
            case KnowledgeEvents.RUN_COMPLETED, KnowledgeEvents.RUN_FAILED, KnowledgeEvents.RUN_CANCELLED ->
                    run(tenant, runId).filter(FactoryRun::terminal).map(KnowledgeDocuments::run);
            default -> throw new PoisonEventException("knowledge-index does not take " + event.eventType());
        };
        doc.ifPresent(d -> {
            index.get().forTenant(tenant).upsert(d);
            LOG.log(Level.FINE, "knowledge-indexed tenant={0} eventId={1} document={2}", new Object[] {tenant.value(), event.eventId(), d.id()});
        });
        return List.of();
    }

    private Optional<FactoryRun> run(TenantId tenant, String runId) {
        return runId.isEmpty() ? Optional.empty() : sources.run(tenant, runId);
    }

    /** The run an intake event belongs to: its correlation id is {@code corr-<runId>}. */
    private Optional<FactoryRun> runOf(TenantId tenant, Envelope event) {
        String corr = event.correlationId() == null ? "" : event.correlationId();
        return corr.startsWith("corr-") ? run(tenant, corr.substring(5)) : Optional.empty();
    }
}
