package com.connectsoft.extensions.runtime.data.cosmos;

import com.connectsoft.extensions.runtime.data.Committed;
import com.connectsoft.extensions.runtime.data.ConflictException;
import com.connectsoft.extensions.runtime.data.Criteria;
import com.connectsoft.extensions.runtime.data.InvalidContinuationTokenException;
import com.connectsoft.extensions.runtime.data.Page;
import com.connectsoft.extensions.runtime.data.TenantEntity;
import com.connectsoft.extensions.runtime.data.TenantScopedRepository;
import com.connectsoft.extensions.runtime.data.TransactionalWrites;
import com.connectsoft.extensions.runtime.events.DomainEvent;
import com.connectsoft.extensions.runtime.idempotency.IdempotencyRecord;
import com.connectsoft.extensions.runtime.json.Json;

import com.azure.cosmos.CosmosContainer;
import com.azure.cosmos.CosmosException;
import com.azure.cosmos.models.CosmosBatch;
import com.azure.cosmos.models.CosmosBatchItemRequestOptions;
import com.azure.cosmos.models.CosmosBatchOperationResult;
import com.azure.cosmos.models.CosmosBatchResponse;
import com.azure.cosmos.models.CosmosItemOperation;
import com.azure.cosmos.models.CosmosItemRequestOptions;
import com.azure.cosmos.models.CosmosItemResponse;
import com.azure.cosmos.models.CosmosQueryRequestOptions;
import com.azure.cosmos.models.FeedResponse;
import com.azure.cosmos.models.PartitionKey;
import com.azure.cosmos.models.SqlParameter;
import com.azure.cosmos.models.SqlQuerySpec;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.Supplier;

/**
 * Cosmos DB storage of one entity type in a container partitioned by {@code /tenantId}. Every read, query and
 * write names the tenant's partition key, and every query also filters on tenantId.
 *
 * <p>The container also holds the tenant's outbox records ({@code docType: "outbox"}) and idempotency records
 * ({@code docType: "idempotency"}, expiring by Cosmos DB TTL), next to the entities ({@code docType: "entity"}), so
 * that an entity change, its events and its idempotency record commit in one transactional batch. Every query and
 * count MUST filter on {@code c.docType = @docType} (parameter {@link #ENTITY}, or {@link #OUTBOX} for pending
 * records), and every document that is not an entity goes through {@link #guardUniqueKeys} before it is written.
 */
public class CosmosRepository<T extends TenantEntity<T>> implements TenantScopedRepository<T>, TransactionalWrites<T> {
    private static final Set<String> SYSTEM_FIELDS = Set.of("_rid", "_self", "_etag", "_attachments", "_ts", "etag", "_version");
    /** The document-type field: entity documents carry {@link #ENTITY}; outbox and idempotency records {@link #OUTBOX}, {@link #IDEMPOTENCY}. */
    public static final String DOC_TYPE = "docType";
    public static final String ENTITY = "entity";
    public static final String OUTBOX = "outbox";
    public static final String IDEMPOTENCY = "idempotency";
    /** Where an entity document keeps its unique values: the container's unique key paths are /uniqueKeys/{field}. */
    public static final String UNIQUE_KEYS_FIELD = "uniqueKeys";
    /** Instants are stored with nine fraction digits, so that their string order is their time order. */
    public static final DateTimeFormatter INSTANT_FORMAT = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSSSSSSSS'Z'")
            .withZone(ZoneOffset.UTC);
    private static final String VERSION = "_version";
    private static final String OUTBOX_PREFIX = "outbox-";
    private static final String IDEMPOTENCY_PREFIX = "idem-";
    private final CosmosContainer container;
    private final Class<T> type;
    private final Set<String> queryableFields;
    private final Clock clock;
    private final List<Criteria.Field> criteriaFields;
    private final List<String> uniqueKeys;

    protected CosmosRepository(CosmosContainer container, Class<T> type, Set<String> queryableFields, Clock clock) {
        this(container, type, clock, List.copyOf(queryableFields), List.of());
    }

    /**
     * @param uniqueKeys     the unique fields: each is a unique key path (/uniqueKeys/{field}) of the container, and may be asked about with {@link #existsWith}
     * @param criteriaFields the indexed fields search and count may filter and sort on
     */
    protected CosmosRepository(CosmosContainer container, Class<T> type, Clock clock, List<String> uniqueKeys, List<Criteria.Field> criteriaFields) {
        this.container = Objects.requireNonNull(container, "container");
        this.type = type;
        this.queryableFields = Set.copyOf(uniqueKeys);
        this.clock = clock;
        this.uniqueKeys = List.copyOf(uniqueKeys);
        this.criteriaFields = List.copyOf(criteriaFields);
    }

    @Override
    public Optional<T> find(String tenantId, String id) {
        try {
            CosmosItemResponse<ObjectNode> r = container.readItem(id, partition(tenantId), ObjectNode.class);
            if (!isEntity(r.getItem())) {
                return Optional.empty();
            }
            return Optional.of(fromDocument(r.getItem(), r.getETag()));
        } catch (CosmosException e) {
            if (e.getStatusCode() == 404) {
                return Optional.empty();
            }
            throw e;
        }
    }

    @Override
    public Page<T> list(String tenantId, int limit, String continuationToken) {
        SqlQuerySpec query = new SqlQuerySpec("SELECT * FROM c WHERE c.tenantId = @tenantId AND c.docType = @docType ORDER BY c.id",
                List.of(new SqlParameter("@tenantId", tenantId), new SqlParameter("@docType", ENTITY)));
        CosmosQueryRequestOptions options = new CosmosQueryRequestOptions().setPartitionKey(partition(tenantId));
        FeedResponse<ObjectNode> page = firstPage(continuationToken,
                () -> container.queryItems(query, options, ObjectNode.class).iterableByPage(continuationToken, limit).iterator());
        if (page == null) {
            return new Page<>(List.of(), null);
        }
        List<T> items = page.getResults().stream().filter(CosmosRepository::isEntity)
                .map(d -> fromDocument(d, d.path("_etag").asText(null))).toList();
        return new Page<>(items, page.getContinuationToken());
    }

    @Override
    public T insert(String tenantId, T entity) {
        var now = clock.instant();
        String id = entity.id() != null ? entity.id() : UUID.randomUUID().toString();
        T toStore = entity.withMetadata(id, tenantId, null, now, now);
        try {
            CosmosItemResponse<ObjectNode> r = container.createItem(toDocument(toStore), partition(tenantId), new CosmosItemRequestOptions());
            return toStore.withMetadata(id, tenantId, r.getETag(), now, now);
        } catch (CosmosException e) {
            if (e.getStatusCode() == 409) {
                throw new ConflictException("an item with id " + id + " or with the same value in one of " + uniqueKeys + " exists already", false);
            }
            throw e;
        }
    }

    @Override
    public T replace(String tenantId, T entity, String ifMatch) {
        T toStore = entity.withMetadata(entity.id(), tenantId, null, entity.createdAt(), clock.instant());
        try {
            CosmosItemResponse<ObjectNode> r = container.replaceItem(toDocument(toStore), entity.id(), partition(tenantId),
                    new CosmosItemRequestOptions().setIfMatchETag(ifMatch));
            return toStore.withMetadata(entity.id(), tenantId, r.getETag(), toStore.createdAt(), toStore.updatedAt());
        } catch (CosmosException e) {
            if (e.getStatusCode() == 412 || e.getStatusCode() == 404) {
                throw new ConflictException("item " + entity.id() + " was changed or removed since etag " + ifMatch, true);
            }
            if (e.getStatusCode() == 409) {
                throw new ConflictException("another item has the same value in one of " + uniqueKeys, false);
            }
            throw e;
        }
    }

    @Override
    public boolean delete(String tenantId, String id, String ifMatch) {
        CosmosItemRequestOptions options = new CosmosItemRequestOptions();
        if (ifMatch != null) {
            options.setIfMatchETag(ifMatch);
        }
        try {
            container.deleteItem(id, partition(tenantId), options);
            return true;
        } catch (CosmosException e) {
            if (e.getStatusCode() == 404) {
                return false;
            }
            if (e.getStatusCode() == 412) {
                throw new ConflictException("item " + id + " was changed since etag " + ifMatch, true);
            }
            throw e;
        }
    }

    @Override
    public boolean existsWith(String tenantId, String field, Object value, String exceptId) {
        if (!queryableFields.contains(field)) {
            throw new IllegalArgumentException("unknown field " + field);
        }
        SqlQuerySpec query = new SqlQuerySpec(
                "SELECT VALUE COUNT(1) FROM c WHERE c.tenantId = @tenantId AND c.docType = @docType AND c[\"" + field
                        + "\"] = @value AND c.id != @exceptId",
                List.of(new SqlParameter("@tenantId", tenantId), new SqlParameter("@docType", ENTITY), new SqlParameter("@value", Json.MAPPER.valueToTree(value)),
                        new SqlParameter("@exceptId", exceptId == null ? "" : exceptId)));
        CosmosQueryRequestOptions options = new CosmosQueryRequestOptions().setPartitionKey(partition(tenantId));
        for (Long count : container.queryItems(query, options, Long.class)) {
            return count != null && count > 0;
        }
        return false;
    }

    @Override
    public Page<T> search(String tenantId, Criteria criteria, int limit, String continuationToken) {
        SqlQuerySpec query = criteriaQuery(new SqlQuerySpec("SELECT * FROM c WHERE c.tenantId = @tenantId AND c.docType = @docType"),
                tenantId, criteria, true);
        CosmosQueryRequestOptions options = new CosmosQueryRequestOptions().setPartitionKey(partition(tenantId));
        FeedResponse<ObjectNode> page = firstPage(continuationToken,
                () -> container.queryItems(query, options, ObjectNode.class).iterableByPage(continuationToken, limit).iterator());
        if (page == null) {
            return new Page<>(List.of(), null);
        }
        List<T> items = page.getResults().stream().filter(CosmosRepository::isEntity)
                .map(d -> fromDocument(d, d.path("_etag").asText(null))).toList();
        return new Page<>(items, page.getContinuationToken());
    }

    @Override
    public long count(String tenantId, Criteria criteria) {
        SqlQuerySpec query = criteriaQuery(new SqlQuerySpec("SELECT VALUE COUNT(1) FROM c WHERE c.tenantId = @tenantId AND c.docType = @docType"),
                tenantId, criteria, false);
        CosmosQueryRequestOptions options = new CosmosQueryRequestOptions().setPartitionKey(partition(tenantId));
        for (Long count : container.queryItems(query, options, Long.class)) {
            return count == null ? 0 : count;
        }
        return 0;
    }

    /**
     * The parameterised query of criteria: {@code base} filters on the tenant and the entity document type, each
     * criterion adds an AND condition; field names only from the entity's indexed fields (never from the request),
     * every value a parameter.
     */
    private SqlQuerySpec criteriaQuery(SqlQuerySpec base, String tenantId, Criteria criteria, boolean ordered) {
        StringBuilder sql = new StringBuilder(base.getQueryText());
        List<SqlParameter> parameters = new ArrayList<>();
        parameters.add(new SqlParameter("@tenantId", tenantId));
        parameters.add(new SqlParameter("@docType", ENTITY));
        int i = 0;
        for (Criteria.Filter f : criteria.filters()) {
            String path = path(f.field());
            String p = "@v" + i++;
            switch (f.op()) {
                case EQUALS -> sql.append(" AND ").append(path).append(" = ").append(p);
                case IN -> sql.append(" AND ARRAY_CONTAINS(").append(p).append(", ").append(path).append(")");
                case CONTAINS -> sql.append(" AND CONTAINS(").append(path).append(", ").append(p).append(", true)");
                case GREATER_THAN -> sql.append(" AND ").append(path).append(" > ").append(p);
                case LESS_THAN -> sql.append(" AND ").append(path).append(" < ").append(p);
                case GREATER_THAN_OR_EQUAL -> sql.append(" AND ").append(path).append(" >= ").append(p);
                case LESS_THAN_OR_EQUAL -> sql.append(" AND ").append(path).append(" <= ").append(p);
                case SPECIFIED -> sql.append((Boolean) f.values().get(0)
                        ? " AND IS_DEFINED(" + path + ") AND NOT IS_NULL(" + path + ")"
                        : " AND (NOT IS_DEFINED(" + path + ") OR IS_NULL(" + path + "))");
            }
            if (f.op() == Criteria.Op.IN) {
                parameters.add(new SqlParameter(p, f.values().stream().map(v -> parameter(f.field(), v)).toList()));
            } else if (f.op() != Criteria.Op.SPECIFIED) {
                parameters.add(new SqlParameter(p, parameter(f.field(), f.values().get(0))));
            }
        }
        if (ordered) {
            if (criteria.sorts().isEmpty()) {
                sql.append(" ORDER BY c.id");
            } else {
                sql.append(" ORDER BY ").append(String.join(", ", criteria.sorts().stream()
                        .map(s -> path(s.field()) + (s.descending() ? " DESC" : " ASC")).toList()));
            }
        }
        return new SqlQuerySpec(sql.toString(), parameters);
    }

    private String path(Criteria.Field field) {
        boolean known = field.name().equals("id") || field.name().equals("createdAt") || field.name().equals("updatedAt")
                || criteriaFields.stream().anyMatch(f -> f.name().equals(field.name()));
        if (!known) {
            throw new IllegalArgumentException("not an indexed field: " + field.name());
        }
        return "c[\"" + field.name() + "\"]";
    }

    private static Object parameter(Criteria.Field field, Object value) {
        return switch (field.kind()) {
            case INTEGER -> ((BigDecimal) value).longValueExact();
            case DATE -> value.toString();
            case INSTANT -> INSTANT_FORMAT.format((Instant) value);
            default -> value;
        };
    }

    @Override
    public Committed<T> insertWithEvents(String tenantId, T entity, Change<T> change, Optional<IdempotencyRecord> record) {
        Instant now = clock.instant();
        String id = entity.id() != null ? entity.id() : UUID.randomUUID().toString();
        T toStore = entity.withMetadata(id, tenantId, null, now, now);
        List<DomainEvent> events = change.events(null, toStore, 1L);
        CosmosBatch batch = CosmosBatch.createCosmosBatch(partition(tenantId));
        batch.createItemOperation(entityDocument(toStore, 1L));
        events.forEach(e -> batch.createItemOperation(outboxDocument(tenantId, e, now)));
        record.ifPresent(r -> {
            ObjectNode doc = idempotencyDocument(tenantId, r.withEntity(id, 1L));
            if (r.recordEtag() == null) {
                batch.createItemOperation(doc);
            } else {
                batch.replaceItemOperation(doc.get("id").asText(), doc, new CosmosBatchItemRequestOptions().setIfMatchETag(r.recordEtag()));
            }
        });
        CosmosBatchResponse response = execute(batch, id);
        return new Committed<>(toStore.withMetadata(id, tenantId, response.getResults().get(0).getETag(), now, now), 1L, events);
    }

    @Override
    public Committed<T> replaceWithEvents(String tenantId, T entity, String ifMatch, Change<T> change) {
        Optional<CosmosItemResponse<ObjectNode>> current = readDocument(tenantId, entity.id()).filter(r -> isEntity(r.getItem()));
        if (current.isEmpty() || !current.get().getETag().equals(ifMatch)) {
            throw new ConflictException("item " + entity.id() + " was changed or removed since etag " + ifMatch, true);
        }
        long version = current.get().getItem().path(VERSION).asLong(0) + 1;
        T before = fromDocument(current.get().getItem(), current.get().getETag());
        Instant now = clock.instant();
        T toStore = entity.withMetadata(entity.id(), tenantId, null, before.createdAt(), now);
        List<DomainEvent> events = change.events(before, toStore, version);
        CosmosBatch batch = CosmosBatch.createCosmosBatch(partition(tenantId));
        batch.replaceItemOperation(entity.id(), entityDocument(toStore, version), new CosmosBatchItemRequestOptions().setIfMatchETag(ifMatch));
        events.forEach(e -> batch.createItemOperation(outboxDocument(tenantId, e, now)));
        CosmosBatchResponse response = execute(batch, entity.id());
        return new Committed<>(toStore.withMetadata(entity.id(), tenantId, response.getResults().get(0).getETag(),
                toStore.createdAt(), now), version, events);
    }

    @Override
    public Optional<Committed<T>> deleteWithEvents(String tenantId, String id, String ifMatch, Change<T> change) {
        Optional<CosmosItemResponse<ObjectNode>> current = readDocument(tenantId, id).filter(r -> isEntity(r.getItem()));
        if (current.isEmpty()) {
            return Optional.empty();
        }
        String etag = current.get().getETag();
        if (ifMatch != null && !ifMatch.equals(etag)) {
            throw new ConflictException("item " + id + " was changed since etag " + ifMatch, true);
        }
        long version = current.get().getItem().path(VERSION).asLong(0) + 1;
        T before = fromDocument(current.get().getItem(), etag);
        Instant now = clock.instant();
        List<DomainEvent> events = change.events(before, null, version);
        CosmosBatch batch = CosmosBatch.createCosmosBatch(partition(tenantId));
        batch.deleteItemOperation(id, new CosmosBatchItemRequestOptions().setIfMatchETag(etag));
        events.forEach(e -> batch.createItemOperation(outboxDocument(tenantId, e, now)));
        execute(batch, id);
        return Optional.of(new Committed<>(before, version, events));
    }

    @Override
    public Optional<IdempotencyRecord> idempotencyRecord(String tenantId, String keyHash) {
        return readDocument(tenantId, IDEMPOTENCY_PREFIX + keyHash)
                .filter(r -> IDEMPOTENCY.equals(r.getItem().path(DOC_TYPE).asText()))
                .map(r -> {
                    ObjectNode d = r.getItem();
                    return new IdempotencyRecord(keyHash, d.path("requestHash").asText(), d.path("status").asInt(),
                            d.path("entityId").asText(), d.path("version").asLong(), Instant.ofEpochMilli(d.path("expiresAtMillis").asLong()),
                            r.getETag());
                });
    }

    @Override
    public List<DomainEvent> pending(String tenantId, int limit) {
        SqlQuerySpec query = new SqlQuerySpec(
                "SELECT * FROM c WHERE c.tenantId = @tenantId AND c.docType = @docType ORDER BY c.enqueuedAtMillis",
                List.of(new SqlParameter("@tenantId", tenantId), new SqlParameter("@docType", OUTBOX)));
        CosmosQueryRequestOptions options = new CosmosQueryRequestOptions().setPartitionKey(partition(tenantId));
        Iterator<FeedResponse<ObjectNode>> pages = container.queryItems(query, options, ObjectNode.class).iterableByPage(limit).iterator();
        if (!pages.hasNext()) {
            return List.of();
        }
        return pages.next().getResults().stream().limit(limit).map(d -> Json.MAPPER.convertValue(d.get("event"), DomainEvent.class)).toList();
    }

    @Override
    public void markPublished(String tenantId, String eventId) {
        try {
            container.deleteItem(OUTBOX_PREFIX + eventId, partition(tenantId), new CosmosItemRequestOptions());
        } catch (CosmosException e) {
            if (e.getStatusCode() != 404) {
                throw e;
            }
        }
    }

    private Optional<CosmosItemResponse<ObjectNode>> readDocument(String tenantId, String id) {
        try {
            return Optional.of(container.readItem(id, partition(tenantId), ObjectNode.class));
        } catch (CosmosException e) {
            if (e.getStatusCode() == 404) {
                return Optional.empty();
            }
            throw e;
        }
    }

    /** Runs the batch; maps a 409/412/404 inside it to the refusal it means, anything else to a fault. */
    private CosmosBatchResponse execute(CosmosBatch batch, String entityId) {
        CosmosBatchResponse response = container.executeCosmosBatch(batch);
        if (response.isSuccessStatusCode()) {
            return response;
        }
        CosmosBatchOperationResult failed = response.getResults().stream()
                .filter(r -> !r.isSuccessStatusCode() && r.getStatusCode() != 424).findFirst().orElse(null);
        int status = failed != null ? failed.getStatusCode() : response.getStatusCode();
        String failedId = failed == null ? "" : operationId(failed.getOperation());
        if ((status == 409 || status == 412) && failedId.startsWith(IDEMPOTENCY_PREFIX)) {
            throw new IdempotencyConflict("the idempotency key was stored by another request");
        }
        if (status == 409) {
            throw new ConflictException("an item with id " + entityId + " or with the same value in one of " + uniqueKeys + " exists already", false);
        }
        if (status == 412 || status == 404) {
            throw new ConflictException("item " + entityId + " was changed or removed since it was read", true);
        }
        throw new BatchFailedException(status, "the transactional batch for item " + entityId + " failed with status " + status);
    }

    private static String operationId(CosmosItemOperation op) {
        if (op == null) {
            return "";
        }
        if (op.getId() != null) {
            return op.getId();
        }
        return op.getItem() instanceof ObjectNode doc ? doc.path("id").asText("") : "";
    }

    private ObjectNode entityDocument(T entity, long version) {
        ObjectNode doc = toDocument(entity);
        doc.put(VERSION, version);
        return doc;
    }

    private ObjectNode outboxDocument(String tenantId, DomainEvent event, Instant now) {
        ObjectNode doc = Json.MAPPER.createObjectNode();
        doc.put("id", OUTBOX_PREFIX + event.eventId());
        doc.put("tenantId", tenantId);
        doc.put(DOC_TYPE, OUTBOX);
        doc.put("enqueuedAtMillis", now.toEpochMilli());
        doc.set("event", Json.MAPPER.valueToTree(event));
        return guardUniqueKeys(tenantId, doc);
    }

    private ObjectNode idempotencyDocument(String tenantId, IdempotencyRecord r) {
        ObjectNode doc = Json.MAPPER.createObjectNode();
        doc.put("id", IDEMPOTENCY_PREFIX + r.keyHash());
        doc.put("tenantId", tenantId);
        doc.put(DOC_TYPE, IDEMPOTENCY);
        doc.put("requestHash", r.requestHash());
        doc.put("status", r.status());
        doc.put("entityId", r.entityId());
        doc.put("version", r.version());
        doc.put("expiresAtMillis", r.expiresAt().toEpochMilli());
        doc.put("ttl", Math.max(1, Duration.between(clock.instant(), r.expiresAt()).toSeconds()));
        return guardUniqueKeys(tenantId, doc);
    }

    private static boolean isEntity(ObjectNode doc) {
        return ENTITY.equals(doc.path(DOC_TYPE).asText());
    }

    /**
     * The first page of a query, or null when there is none. A continuation token the store refuses (400, or one the SDK
     * cannot parse) is the caller's mistake: {@link InvalidContinuationTokenException}; other faults propagate.
     */
    protected static <R> FeedResponse<R> firstPage(String continuationToken, Supplier<Iterator<FeedResponse<R>>> query) {
        try {
            Iterator<FeedResponse<R>> pages = query.get();
            return pages.hasNext() ? pages.next() : null;
        } catch (CosmosException e) {
            if (continuationToken != null && e.getStatusCode() == 400) {
                throw new InvalidContinuationTokenException(e);
            }
            throw e;
        } catch (IllegalArgumentException | UnsupportedOperationException e) {
            if (continuationToken != null) {
                throw new InvalidContinuationTokenException(e);
            }
            throw e;
        }
    }

    private static PartitionKey partition(String tenantId) {
        return new PartitionKey(Objects.requireNonNull(tenantId, "tenantId is required"));
    }

    private ObjectNode toDocument(T entity) {
        ObjectNode doc = Json.MAPPER.valueToTree(entity);
        SYSTEM_FIELDS.forEach(doc::remove);
        doc.put(DOC_TYPE, ENTITY);
        for (String instant : instantFields()) {
            JsonNode v = doc.get(instant);
            if (v != null && v.isTextual()) {
                doc.put(instant, INSTANT_FORMAT.format(Instant.parse(v.textValue())));
            }
        }
        if (!uniqueKeys.isEmpty()) {
            ObjectNode keys = doc.putObject(UNIQUE_KEYS_FIELD);
            for (String field : uniqueKeys) {
                JsonNode v = doc.get(field);
                keys.put(field, v == null || v.isNull() ? "none:" + entity.id() : "v:" + (v.isTextual() ? v.textValue() : v.toString()));
            }
        }
        return doc;
    }

    private List<String> instantFields() {
        List<String> out = new ArrayList<>(List.of("createdAt", "updatedAt"));
        criteriaFields.stream().filter(f -> f.kind() == Criteria.Kind.INSTANT).forEach(f -> out.add(f.name()));
        return out;
    }

    /**
     * Gives a document that is not an entity (an outbox or idempotency record written to this container) a distinct
     * value under every unique key path. Cosmos DB treats a missing unique value as null, and only one document per
     * partition may have null: without this, a second such document of a tenant would be refused.
     */
    public ObjectNode guardUniqueKeys(String tenantId, ObjectNode document) {
        if (!Objects.requireNonNull(tenantId, "tenantId").equals(document.path("tenantId").asText(null))) {
            throw new IllegalArgumentException("the document belongs to another tenant's partition");
        }
        if (!uniqueKeys.isEmpty()) {
            ObjectNode keys = document.putObject(UNIQUE_KEYS_FIELD);
            uniqueKeys.forEach(field -> keys.put(field, "doc:" + document.path("id").asText()));
        }
        return document;
    }

    private T fromDocument(ObjectNode doc, String etag) {
        ObjectNode copy = doc.deepCopy();
        SYSTEM_FIELDS.forEach(copy::remove);
        copy.remove(DOC_TYPE);
        copy.remove(UNIQUE_KEYS_FIELD);
        T entity = Json.MAPPER.convertValue(copy, type);
        return entity.withMetadata(entity.id(), entity.tenantId(), etag, entity.createdAt(), entity.updatedAt());
    }
}
