package com.connectsoft.factory.platform.store.cosmos;

import com.azure.cosmos.CosmosContainer;
import com.azure.cosmos.CosmosException;
import com.azure.cosmos.models.CosmosBatch;
import com.azure.cosmos.models.CosmosBatchItemRequestOptions;
import com.azure.cosmos.models.CosmosBatchResponse;
import com.azure.cosmos.models.CosmosItemRequestOptions;
import com.azure.cosmos.models.CosmosItemResponse;
import com.azure.cosmos.models.CosmosQueryRequestOptions;
import com.azure.cosmos.models.FeedResponse;
import com.azure.cosmos.models.PartitionKey;
import com.azure.cosmos.models.SqlParameter;
import com.azure.cosmos.models.SqlQuerySpec;
import com.connectsoft.factory.platform.json.Json;
import com.connectsoft.factory.platform.store.Document;
import com.connectsoft.factory.platform.store.DocumentStore;
import com.connectsoft.factory.platform.store.DocumentTransaction;
import com.connectsoft.factory.platform.store.Filter;
import com.connectsoft.factory.platform.store.Page;
import com.connectsoft.factory.platform.store.PageRequest;
import com.connectsoft.factory.platform.store.StoreConflictException;
import com.connectsoft.factory.platform.store.StoreConflictException.Kind;
import com.connectsoft.factory.shared.domain.Envelope;
import com.connectsoft.factory.shared.domain.TenantId;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;

/**
 * The document store on Cosmos DB: one container partitioned by {@code /tenantId} holds every collection and the
 * outbox (item id {@code <collection>:<id>}), so a transaction is atomic within the tenant's partition. Writes
 * are buffered (a transaction reads its own writes) and committed at the end: one point operation, or one
 * transactional batch. The etags the store hands out are its own version stamps; each write is additionally
 * guarded by Cosmos DB's {@code _etag}, so a concurrent writer makes the commit fail with a conflict.
 * Throttling (429) is retried by the SDK after the server's delay (see the client's throttling retry options).
 */
public final class CosmosDocumentStore implements DocumentStore {
    /** The collection of events published in transactions, until {@link CosmosOutbox} has sent them to the bus. */
    public static final String OUTBOX = "outbox";
    /** Outbox document fields: {@code status} is {@link #PENDING} until sent, then {@link #SENT} with {@code sentAt}. */
    public static final String PENDING = "pending";
    public static final String SENT = "sent";
    private static final Set<String> SYSTEM = Set.of("_rid", "_self", "_etag", "_attachments", "_ts", "collection", "csEtag",
            "csCreatedAt", "csUpdatedAt", "csId");
    private final CosmosContainer container;
    private final Clock clock;
    private volatile java.util.function.Consumer<TenantId> afterPublish = tenant -> { };

    public CosmosDocumentStore(CosmosContainer container, Clock clock) {
        this.container = Objects.requireNonNull(container, "container");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** Called with the tenant after every committed transaction that published events (the outbox forwards them). */
    public void afterPublish(java.util.function.Consumer<TenantId> listener) {
        this.afterPublish = Objects.requireNonNull(listener, "listener");
    }

    private static String itemId(String collection, String id) {
        if (collection == null || collection.isBlank() || collection.contains(":")) {
            throw new IllegalArgumentException("collection '" + collection + "' must be a non-empty name without ':'");
        }
        if (id == null || id.isBlank() || id.matches(".*[/\\\\?#].*")) {
            throw new IllegalArgumentException("document id '" + id + "' must be non-empty and free of / \\ ? #");
        }
        return collection + ":" + id;
    }

    private static PartitionKey partition(TenantId tenant) {
        return new PartitionKey(Objects.requireNonNull(tenant, "tenantId is required: every store operation is scoped to one tenant").value());
    }

    /** A stored item and Cosmos DB's etag for it. */
    private record Stored(Document document, String cosmosEtag) {
    }

    private Optional<Stored> read(TenantId tenant, String collection, String id) {
        try {
            CosmosItemResponse<ObjectNode> r = container.readItem(itemId(collection, id), partition(tenant), ObjectNode.class);
            return Optional.of(new Stored(toDocument(tenant, r.getItem()), r.getETag()));
        } catch (CosmosException e) {
            if (e.getStatusCode() == 404) {
                return Optional.empty();
            }
            throw e;
        }
    }

    private static Document toDocument(TenantId tenant, ObjectNode item) {
        ObjectNode body = item.deepCopy();
        String collection = item.path("collection").asText();
        String id = item.path("csId").asText();
        SYSTEM.forEach(body::remove);
        body.put("id", id);
        return new Document(tenant, collection, id, item.path("csEtag").asText(), body,
                Instant.parse(item.path("csCreatedAt").asText()), Instant.parse(item.path("csUpdatedAt").asText()));
    }

    private static ObjectNode toItem(Document d) {
        ObjectNode item = d.body().deepCopy();
        item.put("id", itemId(d.collection(), d.id()));
        item.put("csId", d.id());
        item.put("tenantId", d.tenantId().value());
        item.put("collection", d.collection());
        item.put("csEtag", d.etag());
        item.put("csCreatedAt", d.createdAt().toString());
        item.put("csUpdatedAt", d.updatedAt().toString());
        return item;
    }

    @Override
    public Optional<Document> get(TenantId tenant, String collection, String id) {
        return read(tenant, collection, id).map(Stored::document);
    }

    @Override
    public Page<Document> query(TenantId tenant, String collection, Filter filter, PageRequest page) {
        StringBuilder sql = new StringBuilder("SELECT * FROM c WHERE c.tenantId = @tenantId AND c.collection = @collection");
        List<SqlParameter> params = new ArrayList<>(List.of(new SqlParameter("@tenantId", partitionValue(tenant)),
                new SqlParameter("@collection", collection)));
        int i = 0;
        for (Map.Entry<String, String> e : filter.equalTo().entrySet()) {
            sql.append(" AND c[\"").append(e.getKey()).append("\"] = @p").append(i);
            params.add(new SqlParameter("@p" + i++, e.getValue()));
        }
        sql.append(" ORDER BY c.id");
        CosmosQueryRequestOptions options = new CosmosQueryRequestOptions().setPartitionKey(partition(tenant));
        Iterator<FeedResponse<ObjectNode>> pages;
        try {
            pages = container.queryItems(new SqlQuerySpec(sql.toString(), params), options, ObjectNode.class)
                    .iterableByPage(page.continuation().orElse(null), page.limit()).iterator();
            if (!pages.hasNext()) {
                return new Page<>(List.of(), Optional.empty());
            }
            FeedResponse<ObjectNode> r = pages.next();
            List<Document> items = r.getResults().stream().map(item -> toDocument(tenant, item)).toList();
            return new Page<>(items, Optional.ofNullable(r.getContinuationToken()).filter(t -> !t.isBlank()));
        } catch (CosmosException e) {
            if (e.getStatusCode() == 400 && page.continuation().isPresent()) {
                throw new IllegalArgumentException("continuation token '" + page.continuation().get() + "' is not one this store issued");
            }
            throw e;
        } catch (RuntimeException e) {
            if (page.continuation().isPresent() && !(e instanceof CosmosException)) {
                throw new IllegalArgumentException("continuation token '" + page.continuation().get() + "' is not one this store issued", e);
            }
            throw e;
        }
    }

    private static String partitionValue(TenantId tenant) {
        return Objects.requireNonNull(tenant, "tenantId is required: every store operation is scoped to one tenant").value();
    }

    @Override
    public <T> T transact(TenantId tenant, Function<DocumentTransaction, T> work) {
        Objects.requireNonNull(tenant, "tenantId is required: every store operation is scoped to one tenant");
        Tx tx = new Tx(tenant);
        T result = work.apply(tx);
        tx.commit();
        if (tx.published) {
            afterPublish.accept(tenant);
        }
        return result;
    }

    private enum Op { CREATE, REPLACE, UPSERT, DELETE }

    /** One buffered write; {@code guard} is Cosmos DB's etag of what the write expects to find. */
    private record Write(Op op, Document document, String itemId, Optional<String> guard) {
    }

    private final class Tx implements DocumentTransaction {
        private final TenantId tenant;
        private final Map<String, Write> writes = new LinkedHashMap<>();
        private final Map<String, Optional<Stored>> seen = new LinkedHashMap<>();
        private boolean published;

        Tx(TenantId tenant) {
            this.tenant = tenant;
        }

        private Optional<Stored> current(String collection, String id) {
            String key = itemId(collection, id);
            Write w = writes.get(key);
            if (w != null) {
                return w.op() == Op.DELETE ? Optional.empty() : Optional.of(new Stored(w.document(), null));
            }
            return seen.computeIfAbsent(key, k -> read(tenant, collection, id));
        }

        private Optional<String> cosmosEtag(String key) {
            Optional<Stored> s = seen.getOrDefault(key, Optional.empty());
            return s.map(Stored::cosmosEtag).filter(Objects::nonNull);
        }

        private void buffer(Op op, Document d) {
            String key = itemId(d.collection(), d.id());
            Write previous = writes.get(key);
            Op effective = op;
            if (previous != null && previous.op() == Op.CREATE && op != Op.DELETE) {
                effective = Op.CREATE; // still a new item as far as the store is concerned
            }
            if (previous != null && previous.op() == Op.CREATE && op == Op.DELETE) {
                writes.remove(key);
                return;
            }
            writes.put(key, new Write(effective, d, key, effective == Op.CREATE ? Optional.empty() : cosmosEtag(key)));
        }

        @Override
        public Optional<Document> get(String collection, String id) {
            return current(collection, id).map(Stored::document);
        }

        @Override
        public Document create(String collection, String id, JsonNode body) {
            if (current(collection, id).isPresent()) {
                throw new StoreConflictException(Kind.ALREADY_EXISTS, collection + "/" + id + " already exists");
            }
            Instant now = clock.instant();
            Document d = document(collection, id, body, now, now);
            buffer(Op.CREATE, d);
            return d;
        }

        @Override
        public Document replace(String collection, String id, JsonNode body, String ifMatch) {
            Stored now = current(collection, id).orElseThrow(() ->
                    new StoreConflictException(Kind.NOT_FOUND, collection + "/" + id + " does not exist"));
            if (!now.document().etag().equals(ifMatch)) {
                throw new StoreConflictException(Kind.ETAG_MISMATCH,
                        collection + "/" + id + " was changed by someone else (etag " + ifMatch + " is stale)");
            }
            Document d = document(collection, id, body, now.document().createdAt(), clock.instant());
            buffer(Op.REPLACE, d);
            return d;
        }

        @Override
        public Document upsert(String collection, String id, JsonNode body) {
            Optional<Stored> now = current(collection, id);
            Instant at = clock.instant();
            Document d = document(collection, id, body, now.map(s -> s.document().createdAt()).orElse(at), at);
            buffer(now.isPresent() ? Op.REPLACE : Op.CREATE, d);
            return d;
        }

        @Override
        public boolean delete(String collection, String id, Optional<String> ifMatch) {
            Optional<Stored> now = current(collection, id);
            if (now.isEmpty()) {
                return false;
            }
            if (ifMatch.isPresent() && !now.get().document().etag().equals(ifMatch.get())) {
                throw new StoreConflictException(Kind.ETAG_MISMATCH,
                        collection + "/" + id + " was changed by someone else (etag " + ifMatch.get() + " is stale)");
            }
            buffer(Op.DELETE, now.get().document());
            return true;
        }

        @Override
        public void publish(Envelope event) {
            Objects.requireNonNull(event, "event");
            if (!event.tenantId().equals(tenant.value())) {
                throw new IllegalArgumentException("event " + event.eventId() + " belongs to tenant " + event.tenantId()
                        + " and cannot be published in a transaction of tenant " + tenant.value());
            }
            if (current(OUTBOX, event.eventId()).isPresent()) {
                return; // the same eventId is one event
            }
            ObjectNode body = Json.object();
            body.put("eventType", event.eventType());
            body.put("status", PENDING);
            body.set("envelope", Json.toTree(event));
            Instant now = clock.instant();
            buffer(Op.CREATE, document(OUTBOX, event.eventId(), body, now, now));
            published = true;
        }

        private Document document(String collection, String id, JsonNode body, Instant created, Instant updated) {
            if (!(body instanceof ObjectNode)) {
                throw new IllegalArgumentException("a document body must be a JSON object");
            }
            ObjectNode stored = ((ObjectNode) body).deepCopy();
            stored.put("id", id);
            stored.put("tenantId", tenant.value());
            itemId(collection, id);
            return new Document(tenant, collection, id, "\"" + UUID.randomUUID() + "\"", stored, created, updated);
        }

        void commit() {
            if (writes.isEmpty()) {
                return;
            }
            try {
                if (writes.size() == 1) {
                    single(writes.values().iterator().next());
                } else {
                    batch();
                }
            } catch (CosmosException e) {
                if (e.getStatusCode() == 409) {
                    throw new StoreConflictException(Kind.ALREADY_EXISTS, "a document of this transaction was created meanwhile");
                }
                if (e.getStatusCode() == 412 || e.getStatusCode() == 404) {
                    throw new StoreConflictException(Kind.ETAG_MISMATCH, "a document of this transaction was changed meanwhile");
                }
                throw e;
            }
        }

        private CosmosItemRequestOptions guarded(Write w) {
            CosmosItemRequestOptions o = new CosmosItemRequestOptions();
            w.guard().ifPresent(o::setIfMatchETag);
            return o;
        }

        private void single(Write w) {
            PartitionKey pk = partition(tenant);
            switch (w.op()) {
                case CREATE -> container.createItem(toItem(w.document()), pk, new CosmosItemRequestOptions());
                case REPLACE -> container.replaceItem(toItem(w.document()), w.itemId(), pk, guarded(w));
                case UPSERT -> container.upsertItem(toItem(w.document()), pk, new CosmosItemRequestOptions());
                case DELETE -> container.deleteItem(w.itemId(), pk, guarded(w));
                default -> throw new IllegalStateException(w.op().name());
            }
        }

        private void batch() {
            CosmosBatch batch = CosmosBatch.createCosmosBatch(partition(tenant));
            for (Write w : writes.values()) {
                CosmosBatchItemRequestOptions o = new CosmosBatchItemRequestOptions();
                w.guard().ifPresent(o::setIfMatchETag);
                switch (w.op()) {
                    case CREATE -> batch.createItemOperation(toItem(w.document()));
                    case REPLACE -> batch.replaceItemOperation(w.itemId(), toItem(w.document()), o);
                    case UPSERT -> batch.upsertItemOperation(toItem(w.document()));
                    case DELETE -> batch.deleteItemOperation(w.itemId(), o);
                    default -> throw new IllegalStateException(w.op().name());
                }
            }
            CosmosBatchResponse r = container.executeCosmosBatch(batch);
            if (!r.isSuccessStatusCode()) {
                int status = r.getResults().stream().mapToInt(x -> x.getStatusCode()).filter(s -> s != 424).findFirst().orElse(r.getStatusCode());
                if (status == 409) {
                    throw new StoreConflictException(Kind.ALREADY_EXISTS, "a document of this transaction was created meanwhile");
                }
                if (status == 412 || status == 404) {
                    throw new StoreConflictException(Kind.ETAG_MISMATCH, "a document of this transaction was changed meanwhile");
                }
                throw new IllegalStateException("the transaction's batch failed with status " + r.getStatusCode() + ": "
                        + r.getErrorMessage());
            }
        }
    }
}
