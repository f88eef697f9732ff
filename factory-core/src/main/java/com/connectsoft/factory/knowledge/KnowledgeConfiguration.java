package com.connectsoft.factory.knowledge;

import com.connectsoft.factory.artifact.domain.Artifacts;
import com.connectsoft.factory.blueprint.domain.BlueprintReaders;
import com.connectsoft.factory.knowledge.adapter.azure.AzureSearchKnowledgeIndex;
import com.connectsoft.factory.knowledge.adapter.embedding.MiniLmEmbedder;
import com.connectsoft.factory.knowledge.adapter.lucene.LuceneKnowledgeIndex;
import com.connectsoft.factory.knowledge.application.KnowledgeFeed;
import com.connectsoft.factory.knowledge.application.KnowledgeSources;
import com.connectsoft.factory.knowledge.application.PlatformKnowledge;
import com.connectsoft.factory.knowledge.application.RebuildKnowledge;
import com.connectsoft.factory.knowledge.application.SearchKnowledge;
import com.connectsoft.factory.knowledge.domain.Embedder;
import com.connectsoft.factory.knowledge.domain.KnowledgeIndex;
import com.connectsoft.factory.platform.content.ContentStore;
import com.connectsoft.factory.run.domain.Runs;
import com.connectsoft.factory.shared.domain.Envelope;
import com.connectsoft.factory.template.domain.TemplateCatalog;
import com.connectsoft.factory.tenancy.domain.Tenants;
import java.util.List;
import java.util.function.Function;

/**
 * The knowledge platform wired: the index the settings select (Lucene in the data directory, or Azure AI Search), the
 * knowledge-index capability that feeds it from run events, tenant-scoped search, and the rebuild from the stores.
 * Nothing is opened until first used, and the embedding model only when something is embedded (a search).
 */
public final class KnowledgeConfiguration implements AutoCloseable {
    private final KnowledgeSettings settings;
    private final Embedder embedder;
    private final KnowledgeSources sources;
    private final PlatformKnowledge platform;
    private final Tenants tenants;
    private volatile KnowledgeIndex index;
    private volatile boolean checked;

    public record Stores(Tenants tenants, Runs runs, Artifacts artifacts, ContentStore content, TemplateCatalog catalog,
                         BlueprintReaders readers) {
    }

    public KnowledgeConfiguration(KnowledgeSettings settings, Stores stores) {
        this(settings, stores, new MiniLmEmbedder());
    }

    public KnowledgeConfiguration(KnowledgeSettings settings, Stores stores, Embedder embedder) {
        this.settings = settings;
        this.embedder = embedder;
        this.tenants = stores.tenants();
        this.sources = new KnowledgeSources(stores.runs(), stores.artifacts(), stores.content(), stores.readers());
        this.platform = new PlatformKnowledge(stores.catalog(), settings.jdlSamples(), stores.readers());
    }

    /**
     * The index; the embedded one is rebuilt from the stores the first time it is opened empty (a new data directory,
     * or its {@code knowledge/} directory removed), and otherwise its platform scope is brought up to date with the
     * catalog and the samples once per process (unchanged documents are left as they are).
     */
    public KnowledgeIndex index() {
        KnowledgeIndex i = opened();
        if (!checked) {
            synchronized (this) {
                if (!checked) {
                    checked = true;
                    if (settings.azure().isEmpty() && rebuild().rebuildIfEmpty().isEmpty()) {
                        i.platform().upsert(platform.documents());
                    }
                }
            }
        }
        return i;
    }

    private KnowledgeIndex opened() {
        KnowledgeIndex i = index;
        if (i == null) {
            synchronized (this) {
                if (index == null) {
                    index = settings.azure().<KnowledgeIndex>map(a -> AzureSearchKnowledgeIndex.connect(a.endpoint(), a.indexName(), a.apiKey(), embedder))
                            .orElseGet(() -> new LuceneKnowledgeIndex(settings.luceneDir(), embedder));
                }
                i = index;
            }
        }
        return i;
    }

    /** The knowledge-index capability bean: indexes what the event is about; answers nothing. */
    public Function<Envelope, List<Envelope>> feedStep() {
        return new KnowledgeFeed(sources, this::index);
    }

    public SearchKnowledge search() {
        return new SearchKnowledge(tenants, this::index);
    }

    public RebuildKnowledge rebuild() {
        return new RebuildKnowledge(tenants, sources, platform, this::opened);
    }

    public KnowledgeSettings settings() {
        return settings;
    }

    @Override
    public synchronized void close() {
        if (index != null) {
            index.close();
            index = null;
        }
    }
}
