package com.connectsoft.factory.knowledge.adapter.lucene;

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
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.en.EnglishAnalyzer;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.KnnFloatVectorField;
import org.apache.lucene.document.StoredField;
import org.apache.lucene.document.StringField;
import org.apache.lucene.document.TextField;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.StoredFields;
import org.apache.lucene.index.Term;
import org.apache.lucene.index.VectorSimilarityFunction;
import org.apache.lucene.search.BooleanClause.Occur;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.BoostQuery;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.KnnFloatVectorQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.store.Directory;
import org.apache.lucene.store.FSDirectory;
import org.apache.lucene.store.LockObtainFailedException;

/**
 * The embedded knowledge index: a Lucene index in a directory of the data directory, BM25 over titles and texts and
 * KNN over all-MiniLM-L6-v2 vectors, fused by reciprocal rank. Every document carries its scope key; every query this
 * class makes is filtered to the caller's tenant and the platform scope.
 *
 * <p>Vectors are computed when the embedding model is loaded already; otherwise a document is stored for keyword search
 * and marked pending, and the first search (which loads the model anyway) embeds what is pending. So indexing alone
 * (a run's events) never loads the model. Writes take Lucene's write lock for one batch at a time and wait for another
 * process holding it, up to a deadline.
 */
public final class LuceneKnowledgeIndex implements KnowledgeIndex {
    static final String KEY = "key";
    static final String SCOPE = "scope";
    static final String ID = "id";
    static final String KIND = "kind";
    static final String TITLE = "title";
    static final String TEXT = "text";
    static final String SOURCE = "source";
    static final String HASH = "hash";
    static final String PENDING = "pending";
    static final String VECTOR = "vector";
    /** How many hits of each ranking are fused. */
    static final int CANDIDATES = 50;
    /** The reciprocal-rank constant (Cormack et al.). */
    static final int RRF_K = 60;
    static final int MAX_TERMS = 32;
    static final Duration LOCK_WAIT = Duration.ofSeconds(15);

    private final Path dir;
    private final Directory directory;
    private final Analyzer analyzer = new EnglishAnalyzer();
    private final Embedder embedder;
    private final Object writeLock = new Object();
    private final Object readLock = new Object();
    private DirectoryReader reader;
    /** The index version last found without pending documents: searches skip the check until the index changes. */
    private volatile long settledVersion = -1;

    public LuceneKnowledgeIndex(Path dir, Embedder embedder) {
        this.dir = dir;
        this.embedder = Objects.requireNonNull(embedder, "embedder");
        try {
            Files.createDirectories(dir);
            this.directory = FSDirectory.open(dir);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open the knowledge index in " + dir, e);
        }
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
        return withSearcher(s -> s == null || s.getIndexReader().numDocs() == 0);
    }

    @Override
    public String description() {
        return "Lucene (" + dir + ")";
    }

    /** How many documents still wait for their vector. */
    public int pending() {
        return withSearcher(s -> s == null ? 0 : s.count(new TermQuery(new Term(PENDING, "1"))));
    }

    @Override
    public void close() {
        synchronized (readLock) {
            try {
                if (reader != null) {
                    reader.decRef();
                    reader = null;
                }
                directory.close();
                analyzer.close();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
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
            write(scope, documents);
        }

        @Override
        public boolean delete(String id) {
            Term key = new Term(KEY, key(scope, id));
            boolean there = withSearcher(s -> s != null && s.count(new TermQuery(key)) > 0);
            if (there) {
                writing(w -> w.deleteDocuments(key));
            }
            return there;
        }

        @Override
        public int count() {
            return withSearcher(s -> s == null ? 0 : s.count(new TermQuery(new Term(SCOPE, scope.key()))));
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
            return LuceneKnowledgeIndex.this.search(tenant, query);
        }
    }

    private void write(KnowledgeScope scope, List<KnowledgeDocument> documents) {
        if (documents.isEmpty()) {
            return;
        }
        Map<String, KnowledgeDocument> unique = new LinkedHashMap<>();
        documents.forEach(d -> unique.put(d.id(), d));
        boolean embedding = embedder.loaded();
        List<Document> changed = new ArrayList<>();
        withSearcher(s -> {
            StoredFields stored = s == null ? null : s.storedFields();
            for (KnowledgeDocument d : unique.values()) {
                String hash = d.contentHash();
                if (s != null) {
                    ScoreDoc[] found = s.search(new TermQuery(new Term(KEY, key(scope, d.id()))), 1).scoreDocs;
                    if (found.length == 1) {
                        Document old = stored.document(found[0].doc);
                        if (hash.equals(old.get(HASH)) && (old.get(PENDING) == null || !embedding)) {
                            continue;
                        }
                    }
                }
                changed.add(document(scope.key(), d.id(), d.kind().key(), d.title(), d.text(), d.source(), hash,
                        embedding ? embedder.embed(embedText(d.title(), d.text())) : null));
            }
            return null;
        });
        if (!changed.isEmpty()) {
            writing(w -> {
                for (Document doc : changed) {
                    w.updateDocument(new Term(KEY, doc.get(KEY)), doc);
                }
            });
        }
    }

    static String embedText(String title, String text) {
        return title + ". " + text;
    }

    private static String key(KnowledgeScope scope, String id) {
        return scope.key() + "|" + id;
    }

    private static Document document(String scope, String id, String kind, String title, String text, String source, String hash,
                                     float[] vector) {
        Document doc = new Document();
        doc.add(new StringField(KEY, scope + "|" + id, Field.Store.YES));
        doc.add(new StringField(SCOPE, scope, Field.Store.YES));
        doc.add(new StringField(ID, id, Field.Store.YES));
        doc.add(new StringField(KIND, kind, Field.Store.YES));
        doc.add(new TextField(TITLE, title, Field.Store.YES));
        doc.add(new TextField(TEXT, text, Field.Store.YES));
        doc.add(new StoredField(SOURCE, source));
        doc.add(new StringField(HASH, hash, Field.Store.YES));
        if (vector == null) {
            doc.add(new StringField(PENDING, "1", Field.Store.YES));
        } else {
            doc.add(new KnnFloatVectorField(VECTOR, vector, VectorSimilarityFunction.COSINE));
        }
        return doc;
    }

    /** Embeds the documents stored without a vector (loads the model). */
    public void embedPending() {
        List<Document> done = withSearcher(s -> {
            List<Document> out = new ArrayList<>();
            if (s == null) {
                return out;
            }
            long version = ((DirectoryReader) s.getIndexReader()).getVersion();
            if (version == settledVersion) {
                return out;
            }
            TermQuery pending = new TermQuery(new Term(PENDING, "1"));
            int n = s.count(pending);
            if (n == 0) {
                settledVersion = version;
                return out;
            }
            StoredFields stored = s.storedFields();
            for (ScoreDoc sd : s.search(pending, n).scoreDocs) {
                Document d = stored.document(sd.doc);
                out.add(document(d.get(SCOPE), d.get(ID), d.get(KIND), d.get(TITLE), d.get(TEXT), d.get(SOURCE), d.get(HASH),
                        embedder.embed(embedText(d.get(TITLE), d.get(TEXT)))));
            }
            return out;
        });
        if (!done.isEmpty()) {
            writing(w -> {
                for (Document doc : done) {
                    w.updateDocument(new Term(KEY, doc.get(KEY)), doc);
                }
            });
        }
    }

    private List<SearchHit> search(KnowledgeScope.Tenant tenant, SearchQuery query) {
        embedPending();
        float[] vector = embedder.embed(query.text());
        List<String> terms = terms(query.text());
        return withSearcher(s -> {
            if (s == null) {
                return List.of();
            }
            Query visible = new BooleanQuery.Builder()
                    .add(new TermQuery(new Term(SCOPE, tenant.key())), Occur.SHOULD)
                    .add(new TermQuery(new Term(SCOPE, KnowledgeScope.PLATFORM_KEY)), Occur.SHOULD)
                    .setMinimumNumberShouldMatch(1).build();
            Map<Integer, Double> fused = new LinkedHashMap<>();
            if (!terms.isEmpty()) {
                BooleanQuery.Builder words = new BooleanQuery.Builder();
                for (String t : terms) {
                    words.add(new BoostQuery(new TermQuery(new Term(TITLE, t)), 2f), Occur.SHOULD);
                    words.add(new TermQuery(new Term(TEXT, t)), Occur.SHOULD);
                }
                Query bm25 = new BooleanQuery.Builder().add(words.build(), Occur.MUST).add(visible, Occur.FILTER).build();
                fuse(fused, s.search(bm25, CANDIDATES).scoreDocs);
            }
            fuse(fused, s.search(new KnnFloatVectorQuery(VECTOR, vector, CANDIDATES, visible), CANDIDATES).scoreDocs);
            StoredFields stored = s.storedFields();
            return fused.entrySet().stream()
                    .sorted(Map.Entry.<Integer, Double>comparingByValue().reversed().thenComparing(Map.Entry.comparingByKey()))
                    .limit(query.limit())
                    .map(e -> {
                        try {
                            Document d = stored.document(e.getKey());
                            return new SearchHit(d.get(ID), DocumentKind.ofKey(d.get(KIND)), d.get(TITLE), d.get(SOURCE),
                                    Snippets.of(d.get(TEXT), query.text()), d.get(SCOPE), e.getValue());
                        } catch (IOException ex) {
                            throw new UncheckedIOException(ex);
                        }
                    }).toList();
        });
    }

    private static void fuse(Map<Integer, Double> fused, ScoreDoc[] ranked) {
        for (int rank = 0; rank < ranked.length; rank++) {
            fused.merge(ranked[rank].doc, 1.0 / (RRF_K + rank + 1), Double::sum);
        }
    }

    /** The query's analyzed terms (stemmed, stop words dropped), at most {@link #MAX_TERMS} distinct ones. */
    List<String> terms(String text) {
        Set<String> out = new LinkedHashSet<>();
        try (TokenStream ts = analyzer.tokenStream(TEXT, text.toLowerCase(Locale.ROOT))) {
            CharTermAttribute term = ts.addAttribute(CharTermAttribute.class);
            ts.reset();
            while (ts.incrementToken() && out.size() < MAX_TERMS) {
                out.add(term.toString());
            }
            ts.end();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return List.copyOf(out);
    }

    private interface SearcherWork<T> {
        T apply(IndexSearcher searcher) throws IOException;
    }

    private interface WriterWork {
        void apply(IndexWriter writer) throws IOException;
    }

    /** Runs {@code work} on the latest committed state ({@code null} searcher when nothing was ever committed). */
    private <T> T withSearcher(SearcherWork<T> work) {
        DirectoryReader r;
        synchronized (readLock) {
            try {
                if (reader == null) {
                    if (!DirectoryReader.indexExists(directory)) {
                        r = null;
                    } else {
                        reader = DirectoryReader.open(directory);
                        r = reader;
                    }
                } else {
                    DirectoryReader newer = DirectoryReader.openIfChanged(reader);
                    if (newer != null) {
                        reader.decRef();
                        reader = newer;
                    }
                    r = reader;
                }
                if (r != null) {
                    r.incRef();
                }
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read the knowledge index in " + dir, e);
            }
        }
        try {
            return work.apply(r == null ? null : new IndexSearcher(r));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the knowledge index in " + dir, e);
        } finally {
            if (r != null) {
                try {
                    r.decRef();
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }
        }
    }

    /** One batch of changes under Lucene's write lock, committed; waits for another process holding the lock. */
    private void writing(WriterWork work) {
        synchronized (writeLock) {
            long deadline = System.nanoTime() + LOCK_WAIT.toNanos();
            while (true) {
                try (IndexWriter w = new IndexWriter(directory, new IndexWriterConfig(analyzer)
                        .setOpenMode(IndexWriterConfig.OpenMode.CREATE_OR_APPEND).setCommitOnClose(true))) {
                    work.apply(w);
                    return;
                } catch (LockObtainFailedException e) {
                    if (System.nanoTime() > deadline) {
                        throw new IllegalStateException("the knowledge index in " + dir + " stayed locked by another process for "
                                + LOCK_WAIT.toSeconds() + " s; retry when it is done");
                    }
                    try {
                        Thread.sleep(25);
                    } catch (InterruptedException ie) {
                        Thread.currentThread().interrupt();
                        throw new IllegalStateException("interrupted while waiting for the knowledge index's write lock");
                    }
                } catch (IOException e) {
                    throw new UncheckedIOException("cannot write the knowledge index in " + dir, e);
                }
            }
        }
    }
}
