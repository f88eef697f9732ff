package com.connectsoft.factory.knowledge.adapter.azure;

import com.azure.core.credential.AzureKeyCredential;
import com.azure.core.exception.ResourceNotFoundException;
import com.azure.core.http.HttpClient;
import com.azure.core.util.Context;
import com.azure.identity.DefaultAzureCredentialBuilder;
import com.azure.search.documents.SearchClient;
import com.azure.search.documents.SearchClientBuilder;
import com.azure.search.documents.SearchDocument;
import com.azure.search.documents.indexes.SearchIndexClient;
import com.azure.search.documents.indexes.SearchIndexClientBuilder;
import com.azure.search.documents.indexes.models.HnswAlgorithmConfiguration;
import com.azure.search.documents.indexes.models.SearchField;
import com.azure.search.documents.indexes.models.SearchFieldDataType;
import com.azure.search.documents.indexes.models.SearchIndex;
import com.azure.search.documents.indexes.models.VectorSearch;
import com.azure.search.documents.indexes.models.VectorSearchProfile;
import com.azure.search.documents.models.SearchOptions;
import com.azure.search.documents.models.SearchResult;
import com.azure.search.documents.models.VectorSearchOptions;
import com.azure.search.documents.models.VectorizedQuery;
import com.connectsoft.factory.knowledge.domain.DocumentKind;
import com.connectsoft.factory.knowledge.domain.Embedder;
import com.connectsoft.factory.knowledge.domain.KnowledgeDocument;
import com.connectsoft.factory.knowledge.domain.KnowledgeIndex;
import com.connectsoft.factory.knowledge.domain.KnowledgeScope;
import com.connectsoft.factory.knowledge.domain.KnowledgeWriter;
import com.connectsoft.factory.knowledge.domain.SearchHit;
import com.connectsoft.factory.knowledge.domain.SearchQuery;
import com.connectsoft.factory.knowledge.domain.Snippets;
import com.connectsoft.factory.knowledge.domain.TenantKnowledge;
import com.connectsoft.factory.shared.domain.TenantId;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The knowledge index on Azure AI Search: one index, every document carrying its scope; each search is hybrid (the
 * text for BM25 and the query's MiniLM vector for KNN, fused by the service's reciprocal-rank fusion) and always
 * carries the filter {@code scope eq 'tenant:<id>' or scope eq 'platform'}, built here from the {@link TenantKnowledge}
 * the caller was given. The index is created (or updated) on first write.
 */
public final class AzureSearchKnowledgeIndex implements KnowledgeIndex {
    static final String VECTOR_PROFILE = "knowledge-vectors";
    static final String HNSW = "knowledge-hnsw";
    static final int CANDIDATES = 50;

    private final SearchIndexClient indexes;
    private final SearchClient client;
    private final String indexName;
    private final Embedder embedder;
    private volatile boolean ensured;

    AzureSearchKnowledgeIndex(SearchIndexClient indexes, SearchClient client, String indexName, Embedder embedder) {
        this.indexes = indexes;
        this.client = client;
        this.indexName = indexName;
        this.embedder = Objects.requireNonNull(embedder, "embedder");
    }

    /** With the service's API key when given, else DefaultAzureCredential (the function app's managed identity). */
    public static AzureSearchKnowledgeIndex connect(String endpoint, String indexName, Optional<String> apiKey, Embedder embedder) {
        return connect(endpoint, indexName, apiKey, embedder, Optional.empty());
    }

    /** The same through {@code httpClient} (tests reach a local server through it). */
    public static AzureSearchKnowledgeIndex connect(String endpoint, String indexName, Optional<String> apiKey, Embedder embedder,
                                                    Optional<HttpClient> httpClient) {
        SearchIndexClientBuilder ib = new SearchIndexClientBuilder().endpoint(endpoint);
        SearchClientBuilder cb = new SearchClientBuilder().endpoint(endpoint).indexName(indexName);
        if (apiKey.isPresent()) {
            AzureKeyCredential key = new AzureKeyCredential(apiKey.get());
            ib.credential(key);
            cb.credential(key);
        } else {
            var credential = new DefaultAzureCredentialBuilder().build();
            ib.credential(credential);
            cb.credential(credential);
        }
        httpClient.ifPresent(h -> {
            ib.httpClient(h);
            cb.httpClient(h);
        });
        return new AzureSearchKnowledgeIndex(ib.buildClient(), cb.buildClient(), indexName, embedder);
    }

    @Override
    public TenantKnowledge forTenant(TenantId tenant) {
        return new TenantView(new KnowledgeScope.Tenant(tenant));
    }

    @Override
    public KnowledgeWriter platform() {
        return new Writer(KnowledgeScope.platform());
    }

    @Override
    public boolean isEmpty() {
        return client.getDocumentCount() == 0;
    }

    @Override
    public String description() {
        return "Azure AI Search (index " + indexName + ")";
    }

    @Override
    public void close() {
    }

    /** The filter of a tenant's searches: its own scope and the platform's, nothing else. */
    static String visibleTo(KnowledgeScope.Tenant tenant) {
        return "scope eq '" + quoted(tenant.key()) + "' or scope eq '" + KnowledgeScope.PLATFORM_KEY + "'";
    }

    private static String quoted(String s) {
        return s.replace("'", "''");
    }

    /** Document keys may only hold letters, digits, '_', '-' and '=': the scope and id, base64url-encoded. */
    static String key(KnowledgeScope scope, String id) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString((scope.key() + "|" + id).getBytes(StandardCharsets.UTF_8));
    }

    private class Writer implements KnowledgeWriter {
        private final KnowledgeScope scope;

        Writer(KnowledgeScope scope) {
            this.scope = scope;
        }

        @Override
        public KnowledgeScope scope() {
            return scope;
        }

        @Override
        public void upsert(List<KnowledgeDocument> documents) {
            if (documents.isEmpty()) {
                return;
            }
            ensureIndex();
            Map<String, SearchDocument> batch = new LinkedHashMap<>();
            for (KnowledgeDocument d : documents) {
                SearchDocument doc = new SearchDocument();
                doc.put("key", key(scope, d.id()));
                doc.put("scope", scope.key());
                doc.put("id", d.id());
                doc.put("kind", d.kind().key());
                doc.put("title", d.title());
                doc.put("text", d.text());
                doc.put("source", d.source());
                doc.put("hash", d.contentHash());
                doc.put("vector", floats(embedder.embed(d.title() + ". " + d.text())));
                batch.put(d.id(), doc);
            }
            client.mergeOrUploadDocuments(batch.values());
        }

        @Override
        public boolean delete(String id) {
            String key = key(scope, id);
            try {
                client.getDocument(key, SearchDocument.class);
            } catch (ResourceNotFoundException e) {
                return false;
            }
            SearchDocument doc = new SearchDocument();
            doc.put("key", key);
            client.deleteDocuments(List.of(doc));
            return true;
        }

        @Override
        public int count() {
            SearchOptions options = new SearchOptions().setFilter("scope eq '" + quoted(scope.key()) + "'").setIncludeTotalCount(true).setTop(0);
            Long total = client.search("*", options, Context.NONE).getTotalCount();
            return total == null ? 0 : total.intValue();
        }
    }

    private final class TenantView extends Writer implements TenantKnowledge {
        private final KnowledgeScope.Tenant tenant;

        TenantView(KnowledgeScope.Tenant tenant) {
            super(tenant);
            this.tenant = tenant;
        }

        @Override
        public TenantId tenant() {
            return tenant.tenant();
        }

        @Override
        public List<SearchHit> search(SearchQuery query) {
            VectorizedQuery vector = new VectorizedQuery(floats(embedder.embed(query.text()))).setKNearestNeighborsCount(CANDIDATES)
                    .setFields("vector");
            SearchOptions options = new SearchOptions().setFilter(visibleTo(tenant)).setTop(query.limit())
                    .setSelect("id", "scope", "kind", "title", "text", "source")
                    .setVectorSearchOptions(new VectorSearchOptions().setQueries(vector));
            List<SearchHit> hits = new ArrayList<>();
            for (SearchResult r : client.search(query.text(), options, Context.NONE)) {
                SearchDocument d = r.getDocument(SearchDocument.class);
                String scope = String.valueOf(d.get("scope"));
                if (!scope.equals(tenant.key()) && !scope.equals(KnowledgeScope.PLATFORM_KEY)) {
                    throw new IllegalStateException("the search service answered a document outside the caller's scope; refusing the answer");
                }
                hits.add(new SearchHit(String.valueOf(d.get("id")), DocumentKind.ofKey(String.valueOf(d.get("kind"))),
                        String.valueOf(d.get("title")), String.valueOf(d.getOrDefault("source", "")),
                        Snippets.of(String.valueOf(d.getOrDefault("text", "")), query.text()), scope, r.getScore()));
                if (hits.size() == query.limit()) {
                    break;
                }
            }
            return hits;
        }
    }

    private void ensureIndex() {
        if (ensured) {
            return;
        }
        SearchIndex index = new SearchIndex(indexName, List.of(
                new SearchField("key", SearchFieldDataType.STRING).setKey(true).setFilterable(true),
                new SearchField("scope", SearchFieldDataType.STRING).setFilterable(true),
                new SearchField("id", SearchFieldDataType.STRING).setFilterable(true),
                new SearchField("kind", SearchFieldDataType.STRING).setFilterable(true).setFacetable(true),
                new SearchField("title", SearchFieldDataType.STRING).setSearchable(true).setAnalyzerName(
                        com.azure.search.documents.indexes.models.LexicalAnalyzerName.EN_LUCENE),
                new SearchField("text", SearchFieldDataType.STRING).setSearchable(true).setAnalyzerName(
                        com.azure.search.documents.indexes.models.LexicalAnalyzerName.EN_LUCENE),
                new SearchField("source", SearchFieldDataType.STRING),
                new SearchField("hash", SearchFieldDataType.STRING),
                new SearchField("vector", SearchFieldDataType.collection(SearchFieldDataType.SINGLE)).setSearchable(true)
                        .setVectorSearchDimensions(embedder.dimensions()).setVectorSearchProfileName(VECTOR_PROFILE)))
                .setVectorSearch(new VectorSearch().setAlgorithms(List.of(new HnswAlgorithmConfiguration(HNSW)))
                        .setProfiles(List.of(new VectorSearchProfile(VECTOR_PROFILE, HNSW))));
        indexes.createOrUpdateIndex(index);
        ensured = true;
    }

    private static List<Float> floats(float[] v) {
        List<Float> out = new ArrayList<>(v.length);
        for (float x : v) {
            out.add(x);
        }
        return out;
    }
}
