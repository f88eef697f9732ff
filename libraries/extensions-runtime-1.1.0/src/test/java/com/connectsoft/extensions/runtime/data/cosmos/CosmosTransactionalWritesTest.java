package com.connectsoft.extensions.runtime.data.cosmos;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyInt;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.doThrow;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import com.azure.cosmos.CosmosContainer;
import com.azure.cosmos.CosmosException;
import com.azure.cosmos.models.CosmosBatch;
import com.azure.cosmos.models.CosmosBatchOperationResult;
import com.azure.cosmos.models.CosmosBatchResponse;
import com.azure.cosmos.models.CosmosItemOperation;
import com.azure.cosmos.models.CosmosItemOperationType;
import com.azure.cosmos.models.CosmosItemRequestOptions;
import com.azure.cosmos.models.CosmosItemResponse;
import com.azure.cosmos.models.CosmosQueryRequestOptions;
import com.azure.cosmos.models.FeedResponse;
import com.azure.cosmos.models.PartitionKey;
import com.azure.cosmos.models.SqlParameter;
import com.azure.cosmos.models.SqlQuerySpec;
import com.azure.cosmos.util.CosmosPagedIterable;
import com.connectsoft.extensions.runtime.data.Committed;
import com.connectsoft.extensions.runtime.data.ConflictException;
import com.connectsoft.extensions.runtime.data.Criteria;
import com.connectsoft.extensions.runtime.data.InvalidContinuationTokenException;
import com.connectsoft.extensions.runtime.data.Page;
import com.connectsoft.extensions.runtime.data.TenantEntity;
import com.connectsoft.extensions.runtime.data.TransactionalWrites;
import com.connectsoft.extensions.runtime.events.DomainEvent;
import com.connectsoft.extensions.runtime.idempotency.IdempotencyRecord;
import com.connectsoft.extensions.runtime.json.Json;
import com.connectsoft.extensions.runtime.outcome.Outcome;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.mockito.ArgumentCaptor;

/**
 * The Cosmos DB adapter's transactional writes and criteria queries at the SDK boundary: one batch per change in the
 * tenant's partition (entity, outbox records, idempotency record), what a failed batch means, the outbox's reads, and
 * parameterised criteria SQL.
 */
class CosmosTransactionalWritesTest {
    record Item(String id, String tenantId, String etag, Instant createdAt, Instant updatedAt, String code, Integer stock, Instant seenAt)
            implements TenantEntity<Item> {
        @Override
        public Item withMetadata(String id, String tenantId, String etag, Instant createdAt, Instant updatedAt) {
            return new Item(id, tenantId, etag, createdAt, updatedAt, code, stock, seenAt);
        }
    }

    private static final Instant NOW = Instant.parse("2025-01-01T00:00:00Z");
    static final List<Criteria.Field> FIELDS = List.of(new Criteria.Field("code", Criteria.Kind.STRING, List.of()),
            new Criteria.Field("stock", Criteria.Kind.INTEGER, List.of()), new Criteria.Field("seenAt", Criteria.Kind.INSTANT, List.of()),
            new Criteria.Field("day", Criteria.Kind.DATE, List.of()));
    private final CosmosContainer container = mock(CosmosContainer.class);
    private final CosmosRepository<Item> repository = new CosmosRepository<>(container, Item.class, Clock.fixed(NOW, ZoneOffset.UTC),
            List.of("code"), FIELDS) {
    };

    private static List<DomainEvent> events(Item before, Item after, long version) {
        Item subject = after != null ? after : before;
        String kind = before == null ? "Created" : after == null ? "Deleted" : "Updated";
        return List.of(new DomainEvent("evt-" + subject.id() + "-" + version, "Item" + kind, "a", "mod", "t", "c", null, NOW, 2,
                Json.MAPPER.createObjectNode().put("v", version)));
    }

    private static CosmosBatchResponse ok(String etag) {
        CosmosBatchResponse response = mock(CosmosBatchResponse.class);
        CosmosBatchOperationResult first = mock(CosmosBatchOperationResult.class);
        when(first.getETag()).thenReturn(etag);
        when(response.isSuccessStatusCode()).thenReturn(true);
        when(response.getResults()).thenReturn(List.of(first));
        return response;
    }

    private void failing(int index, int status) {
        when(container.executeCosmosBatch(any(CosmosBatch.class))).thenAnswer(call -> {
            CosmosBatch batch = call.getArgument(0);
            CosmosBatchResponse response = mock(CosmosBatchResponse.class);
            List<CosmosBatchOperationResult> results = new ArrayList<>();
            for (int i = 0; i < batch.getOperations().size(); i++) {
                CosmosBatchOperationResult r = mock(CosmosBatchOperationResult.class);
                when(r.getStatusCode()).thenReturn(i == index ? status : 424);
                when(r.isSuccessStatusCode()).thenReturn(false);
                when(r.getOperation()).thenReturn(batch.getOperations().get(i));
                results.add(r);
            }
            when(response.isSuccessStatusCode()).thenReturn(false);
            when(response.getStatusCode()).thenReturn(index < 0 ? status : 207);
            when(response.getResults()).thenReturn(results);
            return response;
        });
    }

    private CosmosBatch executed() {
        ArgumentCaptor<CosmosBatch> batch = ArgumentCaptor.forClass(CosmosBatch.class);
        verify(container).executeCosmosBatch(batch.capture());
        return batch.getValue();
    }

    private static Item item(String id, String code) {
        return new Item(id, null, null, null, null, code, 3, Instant.parse("2025-01-01T09:30:00.5Z"));
    }

    @SuppressWarnings("unchecked")
    private void stored(String id, String etag, long version, String docType) {
        ObjectNode doc = Json.MAPPER.valueToTree(new Item(id, "a", null, NOW.minusSeconds(60), NOW.minusSeconds(60), "OLD", 1, null));
        doc.put("docType", docType);
        doc.put("_version", version);
        doc.putObject("uniqueKeys").put("code", "v:OLD");
        CosmosItemResponse<ObjectNode> response = mock(CosmosItemResponse.class);
        when(response.getItem()).thenReturn(doc);
        when(response.getETag()).thenReturn(etag);
        when(container.readItem(eq(id), any(PartitionKey.class), eq(ObjectNode.class))).thenReturn(response);
    }

    private static CosmosException status(int code) {
        CosmosException e = mock(CosmosException.class);
        when(e.getStatusCode()).thenReturn(code);
        return e;
    }

    @Test
    void aCreateWritesEntityOutboxAndIdempotencyRecordInOneBatchOfTheTenant() {
        CosmosBatchResponse done = ok("\"e1\"");
        when(container.executeCosmosBatch(any(CosmosBatch.class))).thenReturn(done);
        IdempotencyRecord key = new IdempotencyRecord("kh", "rh", 201, null, 0, NOW.plusSeconds(3600), null);
        Committed<Item> c = repository.insertWithEvents("a", item(null, "A-1"), CosmosTransactionalWritesTest::events, Optional.of(key));
        assertEquals("\"e1\"", c.entity().etag());
        assertEquals(1, c.version());
        assertEquals(NOW, c.entity().createdAt());
        CosmosBatch batch = executed();
        assertEquals(new PartitionKey("a").toString(), batch.getPartitionKeyValue().toString());
        List<CosmosItemOperation> ops = batch.getOperations();
        assertEquals(3, ops.size());
        ops.forEach(op -> assertEquals(CosmosItemOperationType.CREATE, op.getOperationType()));
        ObjectNode entity = ops.get(0).getItem();
        assertEquals("entity", entity.get("docType").asText());
        assertEquals(1, entity.get("_version").asLong());
        assertEquals("a", entity.get("tenantId").asText());
        assertEquals(c.entity().id(), entity.get("id").asText());
        assertEquals("v:A-1", entity.get("uniqueKeys").get("code").asText());
        assertEquals("2025-01-01T09:30:00.500000000Z", entity.get("seenAt").asText(), "instants keep nine fraction digits");
        assertEquals("2025-01-01T00:00:00.000000000Z", entity.get("createdAt").asText());
        assertFalse(entity.has("etag"));
        ObjectNode outbox = ops.get(1).getItem();
        assertEquals("outbox-evt-" + c.entity().id() + "-1", outbox.get("id").asText());
        assertEquals("outbox", outbox.get("docType").asText());
        assertEquals("a", outbox.get("tenantId").asText());
        assertEquals(NOW.toEpochMilli(), outbox.get("enqueuedAtMillis").asLong());
        assertEquals("doc:" + outbox.get("id").asText(), outbox.get("uniqueKeys").get("code").asText());
        assertEquals("ItemCreated", outbox.get("event").get("eventType").asText());
        ObjectNode idem = ops.get(2).getItem();
        assertEquals("idem-kh", idem.get("id").asText());
        assertEquals("idempotency", idem.get("docType").asText());
        assertEquals(c.entity().id(), idem.get("entityId").asText());
        assertEquals(1, idem.get("version").asLong());
        assertEquals("rh", idem.get("requestHash").asText());
        assertEquals(201, idem.get("status").asInt());
        assertEquals(3600, idem.get("ttl").asLong());
        assertEquals(NOW.plusSeconds(3600).toEpochMilli(), idem.get("expiresAtMillis").asLong());
        assertEquals("doc:idem-kh", idem.get("uniqueKeys").get("code").asText());
    }

    @Test
    void anExpiredIdempotencyRecordIsReplacedWithItsEtagAndAnEmptyUniqueValueIsKeyedById() {
        CosmosBatchResponse done = ok("\"e1\"");
        when(container.executeCosmosBatch(any(CosmosBatch.class))).thenReturn(done);
        IdempotencyRecord expired = new IdempotencyRecord("kh", "rh", 201, "old", 1, NOW.minusSeconds(5), "\"r1\"");
        repository.insertWithEvents("a", item("i-1", null), CosmosTransactionalWritesTest::events, Optional.of(expired));
        List<CosmosItemOperation> ops = executed().getOperations();
        assertEquals("none:i-1", ((ObjectNode) ops.get(0).getItem()).get("uniqueKeys").get("code").asText());
        assertEquals(CosmosItemOperationType.REPLACE, ops.get(2).getOperationType());
        assertEquals("idem-kh", ops.get(2).getId());
        assertEquals(1, ((ObjectNode) ops.get(2).getItem()).get("ttl").asLong(), "a ttl is at least one second");
    }

    @Test
    void anUpdateReplacesWithTheEtagReadAndCountsTheVersion() {
        stored("i-1", "\"e1\"", 4, "entity");
        CosmosBatchResponse done = ok("\"e2\"");
        when(container.executeCosmosBatch(any(CosmosBatch.class))).thenReturn(done);
        List<Item> befores = new ArrayList<>();
        Committed<Item> c = repository.replaceWithEvents("a", item("i-1", "NEW"), "\"e1\"", (before, after, version) -> {
            befores.add(before);
            return events(before, after, version);
        });
        assertEquals(5, c.version());
        assertEquals("\"e2\"", c.entity().etag());
        assertEquals(NOW.minusSeconds(60), c.entity().createdAt(), "createdAt is kept");
        assertEquals(NOW, c.entity().updatedAt());
        assertEquals("OLD", befores.get(0).code());
        assertEquals("\"e1\"", befores.get(0).etag());
        List<CosmosItemOperation> ops = executed().getOperations();
        assertEquals(CosmosItemOperationType.REPLACE, ops.get(0).getOperationType());
        assertEquals("i-1", ops.get(0).getId());
        assertEquals(5, ((ObjectNode) ops.get(0).getItem()).get("_version").asLong());
        assertEquals(CosmosItemOperationType.CREATE, ops.get(1).getOperationType());
    }

    @Test
    void anUpdateOfAStaleMissingOrNonEntityDocumentIsAPreconditionFailure() {
        stored("i-1", "\"e1\"", 1, "entity");
        assertTrue(assertThrows(ConflictException.class, () -> repository.replaceWithEvents("a", item("i-1", "X"), "\"old\"",
                CosmosTransactionalWritesTest::events)).preconditionFailed());
        stored("outbox-1", "\"e1\"", 1, "outbox");
        assertTrue(assertThrows(ConflictException.class, () -> repository.replaceWithEvents("a", item("outbox-1", "X"), "\"e1\"",
                CosmosTransactionalWritesTest::events)).preconditionFailed());
        CosmosException e404 = status(404);
        when(container.readItem(eq("gone"), any(PartitionKey.class), eq(ObjectNode.class))).thenThrow(e404);
        assertTrue(assertThrows(ConflictException.class, () -> repository.replaceWithEvents("a", item("gone", "X"), "\"e1\"",
                CosmosTransactionalWritesTest::events)).preconditionFailed());
        CosmosException e503 = status(503);
        when(container.readItem(eq("down"), any(PartitionKey.class), eq(ObjectNode.class))).thenThrow(e503);
        assertThrows(CosmosException.class, () -> repository.replaceWithEvents("a", item("down", "X"), "\"e1\"",
                CosmosTransactionalWritesTest::events));
        verify(container, never()).executeCosmosBatch(any(CosmosBatch.class));
    }

    @Test
    void aDeleteRemovesWithTheEtagAndAnswersTheEntityAsItWas() {
        stored("i-1", "\"e1\"", 2, "entity");
        CosmosBatchResponse done = ok(null);
        when(container.executeCosmosBatch(any(CosmosBatch.class))).thenReturn(done);
        Committed<Item> c = repository.deleteWithEvents("a", "i-1", null, CosmosTransactionalWritesTest::events).orElseThrow();
        assertEquals(3, c.version());
        assertEquals("OLD", c.entity().code());
        List<CosmosItemOperation> ops = executed().getOperations();
        assertEquals(CosmosItemOperationType.DELETE, ops.get(0).getOperationType());
        assertEquals("i-1", ops.get(0).getId());
        assertEquals(2, ops.size());
        assertTrue(assertThrows(ConflictException.class, () -> repository.deleteWithEvents("a", "i-1", "\"old\"",
                CosmosTransactionalWritesTest::events)).preconditionFailed());
        stored("idem-1", "\"e1\"", 1, "idempotency");
        assertTrue(repository.deleteWithEvents("a", "idem-1", null, CosmosTransactionalWritesTest::events).isEmpty());
        CosmosException e404 = status(404);
        when(container.readItem(eq("gone"), any(PartitionKey.class), eq(ObjectNode.class))).thenThrow(e404);
        assertTrue(repository.deleteWithEvents("a", "gone", null, CosmosTransactionalWritesTest::events).isEmpty());
    }

    @Test
    void aFailedBatchSaysWhatItMeans() {
        IdempotencyRecord key = new IdempotencyRecord("kh", "rh", 201, null, 0, NOW.plusSeconds(60), null);
        failing(2, 409);
        assertThrows(TransactionalWrites.IdempotencyConflict.class,
                () -> repository.insertWithEvents("a", item("i-1", "A"), CosmosTransactionalWritesTest::events, Optional.of(key)));
        failing(2, 412);
        assertThrows(TransactionalWrites.IdempotencyConflict.class,
                () -> repository.insertWithEvents("a", item("i-1", "A"), CosmosTransactionalWritesTest::events, Optional.of(key)));
        failing(0, 409);
        ConflictException dup = assertThrows(ConflictException.class,
                () -> repository.insertWithEvents("a", item("i-1", "A"), CosmosTransactionalWritesTest::events, Optional.of(key)));
        assertFalse(dup.preconditionFailed());
        assertTrue(dup.getMessage().contains("[code]"), dup.getMessage());
        failing(0, 412);
        assertTrue(assertThrows(ConflictException.class, () -> repository.insertWithEvents("a", item("i-1", "A"),
                CosmosTransactionalWritesTest::events, Optional.empty())).preconditionFailed());
        failing(0, 404);
        assertTrue(assertThrows(ConflictException.class, () -> repository.insertWithEvents("a", item("i-1", "A"),
                CosmosTransactionalWritesTest::events, Optional.empty())).preconditionFailed());
        failing(1, 429);
        BatchFailedException busy = assertThrows(BatchFailedException.class, () -> repository.insertWithEvents("a", item("i-1", "A"),
                CosmosTransactionalWritesTest::events, Optional.empty()));
        assertEquals(429, busy.getStatusCode());
        failing(-1, 503);
        assertEquals(503, assertThrows(BatchFailedException.class, () -> repository.insertWithEvents("a", item("i-1", "A"),
                CosmosTransactionalWritesTest::events, Optional.empty())).getStatusCode());
    }

    @SuppressWarnings("unchecked")
    @Test
    void theIdempotencyRecordIsReadFromTheTenantsPartitionOnly() {
        ObjectNode doc = Json.MAPPER.createObjectNode().put("docType", "idempotency").put("requestHash", "rh").put("status", 201)
                .put("entityId", "i-1").put("version", 2).put("expiresAtMillis", NOW.toEpochMilli());
        CosmosItemResponse<ObjectNode> response = mock(CosmosItemResponse.class);
        when(response.getItem()).thenReturn(doc);
        when(response.getETag()).thenReturn("\"r1\"");
        when(container.readItem(eq("idem-kh"), eq(new PartitionKey("a")), eq(ObjectNode.class))).thenReturn(response);
        assertEquals(new IdempotencyRecord("kh", "rh", 201, "i-1", 2, NOW, "\"r1\""), repository.idempotencyRecord("a", "kh").orElseThrow());
        doc.put("docType", "entity");
        assertTrue(repository.idempotencyRecord("a", "kh").isEmpty(), "an entity that happens to have the id is not a record");
        CosmosException e404 = status(404);
        when(container.readItem(eq("idem-other"), any(PartitionKey.class), eq(ObjectNode.class))).thenThrow(e404);
        assertTrue(repository.idempotencyRecord("a", "other").isEmpty());
    }

    @SuppressWarnings("unchecked")
    @Test
    void pendingReadsTheOldestOutboxRecordsOfTheTenant() {
        CosmosPagedIterable<ObjectNode> results = mock(CosmosPagedIterable.class);
        FeedResponse<ObjectNode> page = mock(FeedResponse.class);
        DomainEvent e1 = events(null, item("i-1", "A"), 1).get(0);
        DomainEvent e2 = events(null, item("i-2", "A"), 1).get(0);
        DomainEvent e3 = events(null, item("i-3", "A"), 1).get(0);
        when(page.getResults()).thenReturn(List.of(Json.MAPPER.createObjectNode().set("event", Json.MAPPER.valueToTree(e1)),
                Json.MAPPER.createObjectNode().set("event", Json.MAPPER.valueToTree(e2)),
                Json.MAPPER.createObjectNode().set("event", Json.MAPPER.valueToTree(e3))));
        when(results.iterableByPage(2)).thenReturn(List.of(page));
        when(container.queryItems(any(SqlQuerySpec.class), any(CosmosQueryRequestOptions.class), eq(ObjectNode.class))).thenReturn(results);
        assertEquals(List.of(e1.eventId(), e2.eventId()), repository.pending("a", 2).stream().map(DomainEvent::eventId).toList());
        ArgumentCaptor<SqlQuerySpec> query = ArgumentCaptor.forClass(SqlQuerySpec.class);
        ArgumentCaptor<CosmosQueryRequestOptions> options = ArgumentCaptor.forClass(CosmosQueryRequestOptions.class);
        verify(container).queryItems(query.capture(), options.capture(), eq(ObjectNode.class));
        assertEquals("SELECT * FROM c WHERE c.tenantId = @tenantId AND c.docType = @docType ORDER BY c.enqueuedAtMillis",
                query.getValue().getQueryText());
        assertEquals("a", query.getValue().getParameters().get(0).getValue(String.class));
        assertEquals("outbox", query.getValue().getParameters().get(1).getValue(String.class));
        assertEquals(new PartitionKey("a").toString(), options.getValue().getPartitionKey().toString());
        when(results.iterableByPage(5)).thenReturn(List.of());
        assertEquals(List.of(), repository.pending("a", 5));
    }

    @Test
    void markingPublishedDeletesTheRecordAndAGoneRecordIsFine() {
        repository.markPublished("a", "evt-1");
        verify(container).deleteItem(eq("outbox-evt-1"), eq(new PartitionKey("a")), any(CosmosItemRequestOptions.class));
        doThrow(status(404)).when(container).deleteItem(eq("outbox-evt-2"), any(PartitionKey.class), any(CosmosItemRequestOptions.class));
        repository.markPublished("a", "evt-2");
        doThrow(status(503)).when(container).deleteItem(eq("outbox-evt-3"), any(PartitionKey.class), any(CosmosItemRequestOptions.class));
        assertThrows(CosmosException.class, () -> repository.markPublished("a", "evt-3"));
    }

    @Test
    void otherDocumentsGetDistinctUniqueValuesAndStayInTheirTenantsPartition() {
        ObjectNode doc = Json.MAPPER.createObjectNode().put("id", "x-1").put("tenantId", "a");
        assertEquals("doc:x-1", repository.guardUniqueKeys("a", doc).get("uniqueKeys").get("code").asText());
        assertThrows(IllegalArgumentException.class, () -> repository.guardUniqueKeys("b", Json.MAPPER.createObjectNode().put("id", "x")
                .put("tenantId", "a")));
        assertThrows(IllegalArgumentException.class, () -> repository.guardUniqueKeys("a", Json.MAPPER.createObjectNode().put("id", "x")));
        assertThrows(NullPointerException.class, () -> repository.guardUniqueKeys(null, doc));
        CosmosRepository<Item> noKeys = new CosmosRepository<>(container, Item.class, Clock.systemUTC(), List.of(), FIELDS) {
        };
        assertFalse(noKeys.guardUniqueKeys("a", Json.MAPPER.createObjectNode().put("id", "y").put("tenantId", "a")).has("uniqueKeys"));
    }

    @SuppressWarnings("unchecked")
    private SqlQuerySpec searched(Criteria criteria, String token) {
        CosmosPagedIterable<ObjectNode> results = mock(CosmosPagedIterable.class);
        FeedResponse<ObjectNode> page = mock(FeedResponse.class);
        ObjectNode entity = Json.MAPPER.valueToTree(item("i-1", "A"));
        entity.put("docType", "entity").put("_etag", "\"e1\"");
        entity.putObject("uniqueKeys").put("code", "v:A");
        ObjectNode outbox = Json.MAPPER.createObjectNode().put("id", "o").put("docType", "outbox");
        when(page.getResults()).thenReturn(List.of(entity, outbox));
        when(page.getContinuationToken()).thenReturn("next");
        when(results.iterableByPage(token, 10)).thenReturn(List.of(page));
        when(container.queryItems(any(SqlQuerySpec.class), any(CosmosQueryRequestOptions.class), eq(ObjectNode.class))).thenReturn(results);
        Page<Item> found = repository.search("a", criteria, 10, token);
        assertEquals(List.of("i-1"), found.items().stream().map(Item::id).toList());
        assertEquals("\"e1\"", found.items().get(0).etag());
        assertEquals("next", found.continuationToken());
        ArgumentCaptor<SqlQuerySpec> query = ArgumentCaptor.forClass(SqlQuerySpec.class);
        ArgumentCaptor<CosmosQueryRequestOptions> options = ArgumentCaptor.forClass(CosmosQueryRequestOptions.class);
        verify(container).queryItems(query.capture(), options.capture(), eq(ObjectNode.class));
        assertEquals(new PartitionKey("a").toString(), options.getValue().getPartitionKey().toString());
        return query.getValue();
    }

    private static Criteria criteria(String... pairs) {
        Map<String, List<String>> m = new java.util.LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            m.computeIfAbsent(pairs[i], k -> new ArrayList<>()).add(pairs[i + 1]);
        }
        return ((Outcome.Ok<Criteria>) Criteria.parse(m, FIELDS, List.of("id", "createdAt", "updatedAt", "code", "stock"))).value();
    }

    private static Object parameter(SqlQuerySpec q, String name) {
        SqlParameter p = q.getParameters().stream().filter(x -> x.getName().equals(name)).findFirst().orElseThrow();
        return p.getValue(Object.class);
    }

    @Test
    void searchBuildsParameterisedSqlForEachOperator() {
        SqlQuerySpec q = searched(criteria("code.contains", "ab", "stock.greaterThan", "2", "stock.lessThan", "9", "seenAt.greaterThanOrEqual",
                "2024-01-31T09:30:00Z", "day.lessThanOrEqual", "2024-02-01", "code.in", "A,B", "stock.specified", "true", "seenAt.specified",
                "false", "code.equals", "A", "sort", "stock,desc", "sort", "id"), "tok");
        String sql = q.getQueryText();
        assertTrue(sql.startsWith("SELECT * FROM c WHERE c.tenantId = @tenantId AND c.docType = @docType AND "), sql);
        assertTrue(sql.contains("CONTAINS(c[\"code\"], @v0, true)"), sql);
        assertTrue(sql.contains("c[\"stock\"] > @v1"), sql);
        assertTrue(sql.contains("c[\"stock\"] < @v2"), sql);
        assertTrue(sql.contains("c[\"seenAt\"] >= @v3"), sql);
        assertTrue(sql.contains("c[\"day\"] <= @v4"), sql);
        assertTrue(sql.contains("ARRAY_CONTAINS(@v5, c[\"code\"])"), sql);
        assertTrue(sql.contains("IS_DEFINED(c[\"stock\"]) AND NOT IS_NULL(c[\"stock\"])"), sql);
        assertTrue(sql.contains("(NOT IS_DEFINED(c[\"seenAt\"]) OR IS_NULL(c[\"seenAt\"]))"), sql);
        assertTrue(sql.contains("c[\"code\"] = @v8"), sql);
        assertTrue(sql.endsWith(" ORDER BY c[\"stock\"] DESC, c[\"id\"] ASC"), sql);
        assertEquals("a", parameter(q, "@tenantId"));
        assertEquals("entity", parameter(q, "@docType"));
        assertEquals("ab", parameter(q, "@v0"));
        assertEquals(2, ((Number) parameter(q, "@v1")).longValue());
        assertEquals("2024-01-31T09:30:00.000000000Z", parameter(q, "@v3"));
        assertEquals("2024-02-01", parameter(q, "@v4"));
        assertEquals("[\"A\",\"B\"]", parameter(q, "@v5").toString());
        assertFalse(q.getParameters().stream().anyMatch(p -> p.getName().equals("@v6") || p.getName().equals("@v7")),
                "specified takes no parameter");
        assertEquals("A", parameter(q, "@v8"));
        assertEquals(11, q.getParameters().size() + 2);
    }

    @Test
    void searchWithoutSortKeysOrdersById() {
        assertTrue(searched(criteria("code.equals", "A"), null).getQueryText().endsWith(" ORDER BY c.id"));
    }

    @SuppressWarnings("unchecked")
    @Test
    void countUsesTheSameFiltersWithoutOrder() {
        CosmosPagedIterable<Long> results = mock(CosmosPagedIterable.class);
        when(results.iterator()).thenAnswer(x -> List.of(7L).iterator());
        when(container.queryItems(any(SqlQuerySpec.class), any(CosmosQueryRequestOptions.class), eq(Long.class))).thenReturn(results);
        assertEquals(7, repository.count("a", criteria("stock.greaterThan", "2", "sort", "code")));
        ArgumentCaptor<SqlQuerySpec> query = ArgumentCaptor.forClass(SqlQuerySpec.class);
        verify(container).queryItems(query.capture(), any(CosmosQueryRequestOptions.class), eq(Long.class));
        assertEquals("SELECT VALUE COUNT(1) FROM c WHERE c.tenantId = @tenantId AND c.docType = @docType AND c[\"stock\"] > @v0",
                query.getValue().getQueryText());
        java.util.ArrayList<Long> nothing = new java.util.ArrayList<>();
        when(results.iterator()).thenAnswer(x -> nothing.iterator());
        assertEquals(0, repository.count("a", Criteria.NONE));
        nothing.add(null);
        assertEquals(0, repository.count("a", Criteria.NONE));
    }

    @SuppressWarnings("unchecked")
    @Test
    void aContinuationTokenTheStoreRefusesIsTheCallersMistake() {
        CosmosPagedIterable<ObjectNode> results = mock(CosmosPagedIterable.class);
        when(container.queryItems(any(SqlQuerySpec.class), any(CosmosQueryRequestOptions.class), eq(ObjectNode.class))).thenReturn(results);
        CosmosException e400 = status(400);
        doThrow(e400).when(results).iterableByPage(eq("bad"), anyInt());
        assertThrows(InvalidContinuationTokenException.class, () -> repository.search("a", Criteria.NONE, 10, "bad"));
        doThrow(new IllegalArgumentException("cannot parse")).when(results).iterableByPage(eq("garbled"), anyInt());
        assertThrows(InvalidContinuationTokenException.class, () -> repository.list("a", 10, "garbled"));
        doThrow(new UnsupportedOperationException("no")).when(results).iterableByPage(eq("odd"), anyInt());
        assertThrows(InvalidContinuationTokenException.class, () -> repository.list("a", 10, "odd"));
        CosmosException e400b = status(400);
        doThrow(e400b).when(results).iterableByPage((String) eq(null), anyInt());
        assertEquals(400, assertThrows(CosmosException.class, () -> repository.list("a", 10, null)).getStatusCode(),
                "without a token a 400 is a fault");
        CosmosException e503 = status(503);
        doThrow(e503).when(results).iterableByPage(eq("down"), anyInt());
        assertEquals(503, assertThrows(CosmosException.class, () -> repository.list("a", 10, "down")).getStatusCode());
        CosmosPagedIterable<ObjectNode> other = mock(CosmosPagedIterable.class);
        when(container.queryItems(any(SqlQuerySpec.class), any(CosmosQueryRequestOptions.class), eq(ObjectNode.class))).thenReturn(other);
        doThrow(new IllegalArgumentException("bug")).when(other).iterableByPage((String) eq(null), anyInt());
        assertThrows(IllegalArgumentException.class, () -> repository.search("a", Criteria.NONE, 10, null));
    }

    @SuppressWarnings("unchecked")
    @Test
    void pendingTenantsAreReadAcrossPartitionsUpToTheLimit() {
        CosmosPagedIterable<String> results = mock(CosmosPagedIterable.class);
        when(results.iterator()).thenAnswer(x -> List.of("a", "b", "c").iterator());
        when(container.queryItems(any(SqlQuerySpec.class), any(CosmosQueryRequestOptions.class), eq(String.class))).thenReturn(results);
        assertEquals(List.of("a", "b"), new CosmosPendingTenants(container).tenantsWithPending(2));
        assertEquals(List.of("a", "b", "c"), new CosmosPendingTenants(container).tenantsWithPending(5));
        ArgumentCaptor<SqlQuerySpec> query = ArgumentCaptor.forClass(SqlQuerySpec.class);
        verify(container, org.mockito.Mockito.times(2)).queryItems(query.capture(), any(CosmosQueryRequestOptions.class), eq(String.class));
        assertEquals(CosmosPendingTenants.QUERY, query.getValue().getQueryText());
        assertEquals("outbox", query.getValue().getParameters().get(0).getValue(String.class));
        assertThrows(NullPointerException.class, () -> new CosmosPendingTenants(null));
        Iterator<String> unused = List.<String>of().iterator();
        assertFalse(unused.hasNext());
    }

    @Test
    void aBatchFaultIsACosmosFaultWithItsStatus() {
        BatchFailedException e = new BatchFailedException(429, "busy");
        assertEquals(429, e.getStatusCode());
        assertInstanceOf(CosmosException.class, e);
        assertNull(null);
    }
}
