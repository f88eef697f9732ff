package com.connectsoft.factory.billing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.connectsoft.factory.billing.adapter.store.MeteredContentStore;
import com.connectsoft.factory.platform.content.ContentRef;
import com.connectsoft.factory.platform.content.filesystem.FileSystemContentStore;
import com.connectsoft.factory.platform.store.Document;
import com.connectsoft.factory.platform.store.DocumentStore;
import com.connectsoft.factory.platform.store.DocumentTransaction;
import com.connectsoft.factory.platform.store.Filter;
import com.connectsoft.factory.platform.store.Page;
import com.connectsoft.factory.platform.store.PageRequest;
import com.connectsoft.factory.platform.store.sqlite.EmbeddedDatabase;
import com.connectsoft.factory.platform.store.sqlite.SqliteDocumentStore;
import com.connectsoft.factory.shared.domain.Ids;
import com.connectsoft.factory.shared.domain.TenantId;
import com.connectsoft.factory.usage.adapter.DocumentUsage;
import com.connectsoft.factory.usage.domain.UsageRecord;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The stored-bytes meter: once per tenant and content hash, whether the bytes come one by one or in a batch. */
class MeteredContentStoreTest {
    private static final TenantId ACME = TenantId.of("acme");
    private static final TenantId GLOBEX = TenantId.of("globex");

    @TempDir
    Path dir;

    private EmbeddedDatabase db;
    private CountingStore store;
    private DocumentUsage usage;
    private MeteredContentStore content;
    private final java.util.Set<String> hashesSeen = new java.util.HashSet<>();

    @BeforeEach
    void open() {
        db = EmbeddedDatabase.open(dir.resolve("data"));
        Clock clock = Clock.fixed(Instant.parse("2026-12-01T04:00:00Z"), ZoneOffset.UTC);
        store = new CountingStore(new SqliteDocumentStore(db, clock));
        usage = new DocumentUsage(store);
        content = new MeteredContentStore(new FileSystemContentStore(dir.resolve("content")), usage, clock);
    }

    @AfterEach
    void close() {
        db.close();
    }

    @Test
    void aModulesFilesAreMeteredInOneTransactionPerFiftyAndEachContentOnce() {
        List<byte[]> files = new ArrayList<>();
        for (int i = 0; i < 70; i++) {
            files.add(("file " + i + "\n".repeat(i)).getBytes(StandardCharsets.UTF_8));
        }
        files.add("file 3\n\n\n".getBytes(StandardCharsets.UTF_8)); // the same bytes as file 3: stored and counted once

        List<ContentRef> refs = content.putAll(ACME, files);
        refs.forEach(r -> hashesSeen.add(r.contentHash()));

        assertEquals(71, refs.size(), "a reference per content, in order");
        assertEquals(refs.get(3), refs.get(70));
        for (int i = 0; i < files.size(); i++) {
            assertEquals(new String(files.get(i), StandardCharsets.UTF_8),
                    new String(content.get(ACME, refs.get(i).contentHash()).orElseThrow(), StandardCharsets.UTF_8));
        }
        assertEquals(2, store.transactions.get(), "70 distinct contents: two usage transactions, not one per file");
        Map<String, Long> bytesPerHash = storedBytes(ACME);
        assertEquals(70, bytesPerHash.size());
        for (ContentRef ref : refs) {
            assertEquals(ref.size(), bytesPerHash.get(ref.contentHash()), ref.contentHash());
        }

        content.putAll(ACME, files.subList(0, 10));
        content.put(ACME, files.get(5));
        assertEquals(70, storedBytes(ACME).size(), "stored again, one by one or in a batch: not counted again");
        assertEquals(Map.of(), storedBytes(GLOBEX), "nothing is counted for another tenant");

        content.putAll(GLOBEX, List.of(files.get(0)));
        assertEquals(Map.of(refs.get(0).contentHash(), (long) refs.get(0).size()), storedBytes(GLOBEX),
                "the same bytes stored by another tenant are that tenant's usage");
    }

    @Test
    void aBatchCountsWhatWasRecordedNowAndRefusesAnotherTenantsRecordWritingNothing() {
        Instant at = Instant.parse("2026-12-01T04:00:00Z");
        UsageRecord a = new UsageRecord("acme", "u-a", null, null, "stored-bytes", 3, "byte", at);
        UsageRecord b = new UsageRecord("acme", "u-b", null, null, "stored-bytes", 4, "byte", at);
        assertEquals(1, usage.recordAll(ACME, List.of(a)));
        assertEquals(1, usage.recordAll(ACME, List.of(a, b, b)), "u-a was recorded before, u-b twice in the batch: one new");
        UsageRecord foreign = new UsageRecord("globex", "u-c", null, null, "stored-bytes", 5, "byte", at);
        UsageRecord c = new UsageRecord("acme", "u-d", null, null, "stored-bytes", 6, "byte", at);
        assertThrows(IllegalArgumentException.class, () -> usage.recordAll(ACME, List.of(c, foreign)));
        assertEquals(List.of("u-a", "u-b"), usage.all(ACME).stream().map(UsageRecord::usageId).sorted().toList());
    }

    /** The tenant's stored-bytes usage: quantity by content hash (the usage id derives from tenant, meter and hash). */
    private Map<String, Long> storedBytes(TenantId tenant) {
        Map<String, Long> byId = usage.all(tenant).stream().filter(r -> r.meter().equals("stored-bytes"))
                .collect(Collectors.toMap(UsageRecord::usageId, UsageRecord::quantity));
        Map<String, Long> byHash = new java.util.HashMap<>();
        for (String hash : hashesSeen) {
            Long q = byId.remove(Ids.derived("use", tenant.value(), "stored-bytes", hash));
            if (q != null) {
                byHash.put(hash, q);
            }
        }
        assertEquals(Map.of(), byId, "no stored-bytes usage for contents that were not stored");
        return byHash;
    }

    /** The document store, counting transactions. */
    private static final class CountingStore implements DocumentStore {
        private final DocumentStore inner;
        final AtomicInteger transactions = new AtomicInteger();

        CountingStore(DocumentStore inner) {
            this.inner = inner;
        }

        @Override
        public <T> T transact(TenantId tenant, Function<DocumentTransaction, T> work) {
            transactions.incrementAndGet();
            return inner.transact(tenant, work);
        }

        @Override
        public Optional<Document> get(TenantId tenant, String collection, String id) {
            return inner.get(tenant, collection, id);
        }

        @Override
        public Page<Document> query(TenantId tenant, String collection, Filter filter, PageRequest page) {
            return inner.query(tenant, collection, filter, page);
        }
    }
}
