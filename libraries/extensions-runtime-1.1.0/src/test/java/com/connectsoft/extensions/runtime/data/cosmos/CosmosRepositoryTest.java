package com.connectsoft.extensions.runtime.data.cosmos;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import com.azure.cosmos.CosmosContainer;
import com.azure.cosmos.CosmosException;
import com.azure.cosmos.models.CosmosItemRequestOptions;
import com.azure.cosmos.models.CosmosItemResponse;
import com.azure.cosmos.models.CosmosQueryRequestOptions;
import com.azure.cosmos.models.FeedResponse;
import com.azure.cosmos.models.PartitionKey;
import com.azure.cosmos.models.SqlParameter;
import com.azure.cosmos.models.SqlQuerySpec;
import com.azure.cosmos.util.CosmosPagedIterable;
import com.connectsoft.extensions.runtime.call.*;
import com.connectsoft.extensions.runtime.data.*;
import com.connectsoft.extensions.runtime.events.*;
import com.connectsoft.extensions.runtime.idempotency.*;
import com.connectsoft.extensions.runtime.json.*;
import com.connectsoft.extensions.runtime.outcome.*;
import com.connectsoft.extensions.runtime.validation.*;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.mockito.ArgumentCaptor;

/** The Cosmos DB adapter at the SDK boundary for what the entity tests leave out: paging, uniqueness queries, delete and status mapping. */
class CosmosRepositoryTest {
    record Doc(String id, String tenantId, String etag, Instant createdAt, Instant updatedAt, String code) implements TenantEntity<Doc> {
        @Override
        public Doc withMetadata(String id, String tenantId, String etag, Instant createdAt, Instant updatedAt) {
            return new Doc(id, tenantId, etag, createdAt, updatedAt, code);
        }
    }

    private static final Instant NOW = Instant.parse("2025-05-01T08:00:00Z");
    private final CosmosContainer container = mock(CosmosContainer.class);
    private final CosmosRepository<Doc> repository = new CosmosRepository<>(container, Doc.class, Set.of("code"),
            Clock.fixed(NOW, ZoneOffset.UTC)) {
    };

    private static CosmosException status(int code) {
        CosmosException e = mock(CosmosException.class);
        when(e.getStatusCode()).thenReturn(code);
        return e;
    }

    private static ObjectNode document(String id, String etag) {
        ObjectNode d = Json.MAPPER.valueToTree(new Doc(id, "tenant-a", null, NOW, NOW, "C-" + id));
        d.put("docType", CosmosRepository.ENTITY);
        d.put("_etag", etag);
        d.put("_rid", "rid");
        d.put("_ts", 1);
        return d;
    }

    private static String partition(PartitionKey pk) {
        return pk.toString();
    }

    /** A query parameter by name (the adapter's queries also name the document type). */
    private static SqlParameter parameter(SqlQuerySpec query, String name) {
        return query.getParameters().stream().filter(p -> p.getName().equals(name)).findFirst()
                .orElseThrow(() -> new AssertionError("no parameter " + name + " in " + query.getQueryText()));
    }

    @SuppressWarnings("unchecked")
    @Test
    void listReadsOnePageOfTheTenantsPartitionAndPassesTheToken() {
        CosmosPagedIterable<ObjectNode> results = mock(CosmosPagedIterable.class);
        FeedResponse<ObjectNode> page = mock(FeedResponse.class);
        ObjectNode outboxRecord = document("o-1", "\"e9\"");
        outboxRecord.put("docType", CosmosRepository.OUTBOX);
        when(page.getResults()).thenReturn(List.of(document("d-1", "\"e1\""), outboxRecord, document("d-2", "\"e2\"")));
        when(page.getContinuationToken()).thenReturn("next");
        when(results.iterableByPage("tok", 2)).thenReturn(List.of(page));
        when(container.queryItems(any(SqlQuerySpec.class), any(CosmosQueryRequestOptions.class), eq(ObjectNode.class))).thenReturn(results);

        Page<Doc> listed = repository.list("tenant-a", 2, "tok");
        assertEquals(List.of("d-1", "d-2"), listed.items().stream().map(Doc::id).toList());
        assertEquals(List.of("\"e1\"", "\"e2\""), listed.items().stream().map(Doc::etag).toList());
        assertEquals("C-d-1", listed.items().get(0).code());
        assertEquals("next", listed.continuationToken());

        ArgumentCaptor<SqlQuerySpec> query = ArgumentCaptor.forClass(SqlQuerySpec.class);
        ArgumentCaptor<CosmosQueryRequestOptions> options = ArgumentCaptor.forClass(CosmosQueryRequestOptions.class);
        verify(container).queryItems(query.capture(), options.capture(), eq(ObjectNode.class));
        assertTrue(query.getValue().getQueryText().contains("c.tenantId = @tenantId"), query.getValue().getQueryText());
        SqlParameter tenant = query.getValue().getParameters().get(0);
        assertEquals("@tenantId", tenant.getName());
        assertEquals("tenant-a", tenant.getValue(String.class));
        assertTrue(query.getValue().getQueryText().contains("c.docType = @docType"), query.getValue().getQueryText());
        assertEquals(CosmosRepository.ENTITY, parameter(query.getValue(), "@docType").getValue(String.class));
        assertEquals(partition(new PartitionKey("tenant-a")), partition(options.getValue().getPartitionKey()));
    }

    @SuppressWarnings("unchecked")
    @Test
    void anEmptyResultIsAnEmptyLastPage() {
        CosmosPagedIterable<ObjectNode> results = mock(CosmosPagedIterable.class);
        when(results.iterableByPage(null, 5)).thenReturn(Collections.emptyList());
        when(container.queryItems(any(SqlQuerySpec.class), any(CosmosQueryRequestOptions.class), eq(ObjectNode.class))).thenReturn(results);
        Page<Doc> listed = repository.list("tenant-a", 5, null);
        assertTrue(listed.items().isEmpty());
        assertNull(listed.continuationToken());
    }

    @SuppressWarnings("unchecked")
    private void countIs(Long count) {
        CosmosPagedIterable<Long> results = mock(CosmosPagedIterable.class);
        when(results.iterator()).thenAnswer(inv -> count == null ? Collections.emptyIterator() : List.of(count).iterator());
        when(container.queryItems(any(SqlQuerySpec.class), any(CosmosQueryRequestOptions.class), eq(Long.class))).thenReturn(results);
    }

    @Test
    void existsWithCountsOtherItemsOfTheTenantWithTheValue() {
        countIs(1L);
        assertTrue(repository.existsWith("tenant-b", "code", "C-1", "d-9"));
        ArgumentCaptor<SqlQuerySpec> query = ArgumentCaptor.forClass(SqlQuerySpec.class);
        ArgumentCaptor<CosmosQueryRequestOptions> options = ArgumentCaptor.forClass(CosmosQueryRequestOptions.class);
        verify(container).queryItems(query.capture(), options.capture(), eq(Long.class));
        String text = query.getValue().getQueryText();
        assertTrue(text.contains("c.tenantId = @tenantId") && text.contains("c[\"code\"] = @value") && text.contains("c.id != @exceptId"), text);
        assertTrue(text.contains("c.docType = @docType"), text);
        assertEquals("tenant-b", parameter(query.getValue(), "@tenantId").getValue(String.class));
        assertEquals(CosmosRepository.ENTITY, parameter(query.getValue(), "@docType").getValue(String.class));
        assertEquals("C-1", parameter(query.getValue(), "@value").getValue(Object.class).toString().replace("\"", ""));
        assertEquals("d-9", parameter(query.getValue(), "@exceptId").getValue(String.class));
        assertEquals(partition(new PartitionKey("tenant-b")), partition(options.getValue().getPartitionKey()));
    }

    @Test
    void existsWithIsFalseForNoOrAZeroCountAndRefusesUnknownFields() {
        countIs(0L);
        assertFalse(repository.existsWith("tenant-a", "code", "C-1", null));
        ArgumentCaptor<SqlQuerySpec> query = ArgumentCaptor.forClass(SqlQuerySpec.class);
        verify(container).queryItems(query.capture(), any(CosmosQueryRequestOptions.class), eq(Long.class));
        assertEquals("", parameter(query.getValue(), "@exceptId").getValue(String.class), "no item to leave out");
        countIs(null);
        assertFalse(repository.existsWith("tenant-a", "code", "C-1", null));
        assertThrows(IllegalArgumentException.class, () -> repository.existsWith("tenant-a", "code\"] OR 1=1 --", "x", null));
    }

    @SuppressWarnings("unchecked")
    @Test
    void insertGivesANewIdAndMapsAnExistingIdToAConflict() {
        CosmosItemResponse<ObjectNode> created = mock(CosmosItemResponse.class);
        when(created.getETag()).thenReturn("\"e1\"");
        when(container.createItem(any(ObjectNode.class), any(PartitionKey.class), any(CosmosItemRequestOptions.class))).thenReturn(created);
        Doc stored = repository.insert("tenant-a", new Doc(null, null, null, null, null, "C"));
        assertNotNull(stored.id());
        assertEquals(36, stored.id().length());
        assertEquals(NOW, stored.createdAt());
        assertEquals(NOW, stored.updatedAt());
        assertEquals("tenant-a", stored.tenantId());
        assertEquals("\"e1\"", stored.etag());

        CosmosException exists = status(409);
        when(container.createItem(any(ObjectNode.class), any(PartitionKey.class), any(CosmosItemRequestOptions.class))).thenThrow(exists);
        ConflictException e = assertThrows(ConflictException.class, () -> repository.insert("tenant-a", new Doc("d-1", null, null, null, null, "C")));
        assertFalse(e.preconditionFailed());
        assertTrue(e.getMessage().contains("d-1"), e.getMessage());
    }

    @Test
    void otherFaultsOnInsertPropagate() {
        CosmosException busy = status(429);
        when(container.createItem(any(ObjectNode.class), any(PartitionKey.class), any(CosmosItemRequestOptions.class))).thenThrow(busy);
        assertSame(busy, assertThrows(CosmosException.class, () -> repository.insert("tenant-a", new Doc("d-1", null, null, null, null, "C"))));
    }

    @SuppressWarnings("unchecked")
    @Test
    void replaceKeepsCreatedAtAndMapsAMissingItemToAPreconditionFailure() {
        CosmosItemResponse<ObjectNode> replaced = mock(CosmosItemResponse.class);
        when(replaced.getETag()).thenReturn("\"e2\"");
        when(container.replaceItem(any(ObjectNode.class), eq("d-1"), any(PartitionKey.class), any(CosmosItemRequestOptions.class))).thenReturn(replaced);
        Instant created = Instant.parse("2024-01-01T00:00:00Z");
        Doc out = repository.replace("tenant-a", new Doc("d-1", "tenant-a", "\"e1\"", created, created, "C2"), "\"e1\"");
        assertEquals(created, out.createdAt());
        assertEquals(NOW, out.updatedAt());
        assertEquals("\"e2\"", out.etag());
        assertEquals("tenant-a", out.tenantId());
        ArgumentCaptor<ObjectNode> doc = ArgumentCaptor.forClass(ObjectNode.class);
        verify(container).replaceItem(doc.capture(), eq("d-1"), any(PartitionKey.class), any(CosmosItemRequestOptions.class));
        assertFalse(doc.getValue().has("etag"), "the etag is not stored as a field");
        assertEquals("C2", doc.getValue().get("code").asText());

        CosmosException gone = status(404);
        when(container.replaceItem(any(ObjectNode.class), eq("d-2"), any(PartitionKey.class), any(CosmosItemRequestOptions.class))).thenThrow(gone);
        assertTrue(assertThrows(ConflictException.class, () -> repository.replace("tenant-a", new Doc("d-2", null, null, NOW, NOW, "C"), "\"e\""))
                .preconditionFailed());
        CosmosException busy = status(503);
        when(container.replaceItem(any(ObjectNode.class), eq("d-3"), any(PartitionKey.class), any(CosmosItemRequestOptions.class))).thenThrow(busy);
        assertSame(busy, assertThrows(CosmosException.class, () -> repository.replace("tenant-a", new Doc("d-3", null, null, NOW, NOW, "C"), "\"e\"")));
    }

    @Test
    void deleteUsesTheEtagWhenGivenAndMapsMissingStaleAndOtherFaults() {
        assertTrue(repository.delete("tenant-a", "d-1", "\"e1\""));
        ArgumentCaptor<CosmosItemRequestOptions> options = ArgumentCaptor.forClass(CosmosItemRequestOptions.class);
        ArgumentCaptor<PartitionKey> pk = ArgumentCaptor.forClass(PartitionKey.class);
        verify(container).deleteItem(eq("d-1"), pk.capture(), options.capture());
        assertEquals("\"e1\"", options.getValue().getIfMatchETag());
        assertEquals(partition(new PartitionKey("tenant-a")), partition(pk.getValue()));

        assertTrue(repository.delete("tenant-a", "d-2", null));
        verify(container).deleteItem(eq("d-2"), any(PartitionKey.class), options.capture());
        assertNull(options.getValue().getIfMatchETag());

        CosmosException gone = status(404);
        when(container.deleteItem(eq("d-3"), any(PartitionKey.class), any(CosmosItemRequestOptions.class))).thenThrow(gone);
        assertFalse(repository.delete("tenant-a", "d-3", null));
        CosmosException stale = status(412);
        when(container.deleteItem(eq("d-4"), any(PartitionKey.class), any(CosmosItemRequestOptions.class))).thenThrow(stale);
        assertTrue(assertThrows(ConflictException.class, () -> repository.delete("tenant-a", "d-4", "\"old\"")).preconditionFailed());
        CosmosException busy = status(429);
        when(container.deleteItem(eq("d-5"), any(PartitionKey.class), any(CosmosItemRequestOptions.class))).thenThrow(busy);
        assertSame(busy, assertThrows(CosmosException.class, () -> repository.delete("tenant-a", "d-5", null)));
    }

    @Test
    void everyCallNeedsATenant() {
        assertThrows(NullPointerException.class, () -> repository.find(null, "d-1"));
        assertThrows(NullPointerException.class, () -> repository.delete(null, "d-1", null));
        verify(container, never()).deleteItem(any(String.class), any(PartitionKey.class), any(CosmosItemRequestOptions.class));
    }
}
