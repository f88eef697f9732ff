package com.connectsoft.factory.knowledge.application;

import com.connectsoft.factory.knowledge.domain.KnowledgeDocument;
import com.connectsoft.factory.knowledge.domain.KnowledgeIndex;
import com.connectsoft.factory.run.domain.FactoryRun;
import com.connectsoft.factory.shared.domain.TenantId;
import com.connectsoft.factory.tenancy.domain.Tenants;
import java.util.List;
import java.util.function.Supplier;

/**
 * Rebuilds the knowledge index from the stores: the platform scope from the catalog and the JDL samples, and each
 * tenant's scope from its runs. Idempotent: documents keep their ids, so a rebuild over a full index changes nothing
 * but what changed in the stores.
 */
public final class RebuildKnowledge {
    private final Tenants tenants;
    private final KnowledgeSources sources;
    private final PlatformKnowledge platform;
    private final Supplier<KnowledgeIndex> index;

    public RebuildKnowledge(Tenants tenants, KnowledgeSources sources, PlatformKnowledge platform, Supplier<KnowledgeIndex> index) {
        this.tenants = tenants;
        this.sources = sources;
        this.platform = platform;
        this.index = index;
    }

    /** How much a rebuild indexed. */
    public record Rebuilt(int tenants, int tenantDocuments, int platformDocuments, long millis) {
    }

    public Rebuilt rebuild() {
        long started = System.nanoTime();
        List<KnowledgeDocument> shared = platform.documents();
        index.get().platform().upsert(shared);
        int tenantCount = 0;
        int docs = 0;
        for (TenantId t : tenants.all()) {
            tenantCount++;
            for (FactoryRun run : sources.runs(t)) {
                List<KnowledgeDocument> ofRun = sources.ofRun(t, run);
                index.get().forTenant(t).upsert(ofRun);
                docs += ofRun.size();
            }
        }
        return new Rebuilt(tenantCount, docs, shared.size(), (System.nanoTime() - started) / 1_000_000);
    }

    /** Rebuilds when the index holds nothing (first start, or its directory was removed). */
    public java.util.Optional<Rebuilt> rebuildIfEmpty() {
        return index.get().isEmpty() ? java.util.Optional.of(rebuild()) : java.util.Optional.empty();
    }
}
