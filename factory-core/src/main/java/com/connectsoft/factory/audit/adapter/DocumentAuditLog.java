package com.connectsoft.factory.audit.adapter;

import com.connectsoft.factory.audit.domain.AuditChain;
import com.connectsoft.factory.audit.domain.AuditEntry;
import com.connectsoft.factory.audit.domain.AuditEvent;
import com.connectsoft.factory.audit.domain.AuditLog;
import com.connectsoft.factory.platform.json.Json;
import com.connectsoft.factory.platform.store.Document;
import com.connectsoft.factory.platform.store.DocumentStore;
import com.connectsoft.factory.platform.store.Documents;
import com.connectsoft.factory.platform.store.Filter;
import com.connectsoft.factory.platform.store.StoreConflictException;
import com.connectsoft.factory.shared.domain.Hashing;
import com.connectsoft.factory.shared.domain.TenantId;
import java.time.Clock;
import java.util.List;
import java.util.Optional;

/**
 * The audit log in the document store, in the tenant's partition: entries in {@value #ENTRIES} keyed by their
 * zero-padded sequence number (so the store's id order is the sequence order), the head ({@value #HEAD}/head: the
 * newest entry's sequence and hash) and one marker per event key ({@value #KEYS}). An append reads the head, then
 * creates the entry and the marker and replaces the head guarded by its etag, in one transaction: two appends that
 * race both read the same head, and the store lets only one commit; the other reads the new head and tries again.
 */
public final class DocumentAuditLog implements AuditLog {
    static final String ENTRIES = "audit-entries";
    static final String HEAD = "audit-head";
    static final String KEYS = "audit-keys";
    private static final String HEAD_ID = "head";
    private static final int ATTEMPTS = 64;

    private final DocumentStore store;
    private final Clock clock;

    public DocumentAuditLog(DocumentStore store, Clock clock) {
        this.store = store;
        this.clock = clock;
    }

    /** The document id of entry {@code sequence}. */
    public static String entryId(long sequence) {
        return String.format("%019d", sequence);
    }

    @Override
    public AuditEntry record(TenantId tenant, AuditEvent event) {
        String keyId = "k-" + Hashing.sha256Hex(event.key()).substring(0, 48);
        for (int attempt = 1; attempt <= ATTEMPTS; attempt++) {
            try {
                return store.transact(tenant, tx -> {
                    Optional<Document> known = tx.get(KEYS, keyId);
                    if (known.isPresent()) {
                        long seq = known.get().body().path("sequence").asLong();
                        return tx.get(ENTRIES, entryId(seq)).map(d -> Json.fromTree(d.body(), AuditEntry.class))
                                .orElseThrow(() -> new IllegalStateException("audit log of tenant " + tenant.value() + " has a key marker for "
                                        + "entry " + seq + " but not the entry"));
                    }
                    Optional<Document> head = tx.get(HEAD, HEAD_ID);
                    long sequence = head.map(h -> h.body().path("sequence").asLong()).orElse(0L) + 1;
                    String previous = head.map(h -> h.body().path("hash").asText()).orElse(AuditChain.GENESIS);
                    AuditEntry unsigned = new AuditEntry(sequence, tenant.value(), clock.instant(), event.action(), event.actor(),
                            event.subject(), event.details(), event.key(), previous, null);
                    AuditEntry entry = new AuditEntry(unsigned.sequence(), unsigned.tenantId(), unsigned.at(), unsigned.action(),
                            unsigned.actor(), unsigned.subject(), unsigned.details(), unsigned.key(), previous, AuditChain.hashOf(unsigned));
                    tx.create(ENTRIES, entryId(sequence), Documents.body(entry));
                    tx.create(KEYS, keyId, Json.object().put("sequence", sequence));
                    var headBody = Json.object().put("sequence", sequence).put("hash", entry.hash());
                    if (head.isPresent()) {
                        tx.replace(HEAD, HEAD_ID, headBody, head.get().etag());
                    } else {
                        tx.create(HEAD, HEAD_ID, headBody);
                    }
                    return entry;
                });
            } catch (StoreConflictException raced) {
                // another append took this sequence number or the head moved; read the new head
                Thread.onSpinWait();
            }
        }
        throw new IllegalStateException("the audit log of tenant " + tenant.value() + " kept changing during " + ATTEMPTS + " attempts to "
                + "append; the caller retries");
    }

    @Override
    public List<AuditEntry> all(TenantId tenant) {
        return Documents.documents(store, tenant, ENTRIES, Filter.all()).stream().map(d -> Json.fromTree(d.body(), AuditEntry.class)).toList();
    }

    @Override
    public Optional<Head> head(TenantId tenant) {
        return store.get(tenant, HEAD, HEAD_ID).map(d -> new Head(d.body().path("sequence").asLong(), d.body().path("hash").asText()));
    }
}
