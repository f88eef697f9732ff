package com.connectsoft.factory.platform.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.connectsoft.factory.platform.json.Json;
import com.connectsoft.factory.shared.domain.TenantId;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The behaviour every DocumentStore adapter must have. Azure adapters extend this class too. */
public abstract class DocumentStoreContract {
    protected static final TenantId A = TenantId.of("tenant-a");
    protected static final TenantId B = TenantId.of("tenant-b");

    protected abstract DocumentStore store();

    private static ObjectNode body(String name) {
        ObjectNode n = Json.object();
        n.put("name", name);
        n.put("kind", "widget");
        return n;
    }

    @Test
    void createdDocumentIsReadBackWithIdTenantAndEtag() {
        Document d = store().transact(A, tx -> tx.create("things", "t1", body("one")));
        Document read = store().get(A, "things", "t1").orElseThrow();
        assertEquals("one", read.body().get("name").asText());
        assertEquals("t1", read.body().get("id").asText());
        assertEquals("tenant-a", read.body().get("tenantId").asText());
        assertEquals(d.etag(), read.etag());
    }

    @Test
    void creatingAnExistingIdIsAConflict() {
        store().transact(A, tx -> tx.create("things", "t1", body("one")));
        StoreConflictException e = assertThrows(StoreConflictException.class,
                () -> store().transact(A, tx -> tx.create("things", "t1", body("two"))));
        assertEquals(StoreConflictException.Kind.ALREADY_EXISTS, e.kind());
        assertEquals("one", store().get(A, "things", "t1").orElseThrow().body().get("name").asText());
    }

    @Test
    void replaceNeedsTheCurrentEtag() {
        Document d = store().transact(A, tx -> tx.create("things", "t1", body("one")));
        Document replaced = store().transact(A, tx -> tx.replace("things", "t1", body("two"), d.etag()));
        assertNotEquals(d.etag(), replaced.etag());
        StoreConflictException stale = assertThrows(StoreConflictException.class,
                () -> store().transact(A, tx -> tx.replace("things", "t1", body("three"), d.etag())));
        assertEquals(StoreConflictException.Kind.ETAG_MISMATCH, stale.kind());
        StoreConflictException missing = assertThrows(StoreConflictException.class,
                () -> store().transact(A, tx -> tx.replace("things", "nope", body("x"), d.etag())));
        assertEquals(StoreConflictException.Kind.NOT_FOUND, missing.kind());
        assertEquals("two", store().get(A, "things", "t1").orElseThrow().body().get("name").asText());
    }

    @Test
    void deleteHonoursEtagAndReportsAbsence() {
        Document d = store().transact(A, tx -> tx.create("things", "t1", body("one")));
        assertThrows(StoreConflictException.class,
                () -> store().transact(A, tx -> tx.delete("things", "t1", Optional.of("\"stale\""))));
        assertTrue((boolean) store().transact(A, tx -> tx.delete("things", "t1", Optional.of(d.etag()))));
        assertFalse((boolean) store().transact(A, tx -> tx.delete("things", "t1", Optional.empty())));
        assertTrue(store().get(A, "things", "t1").isEmpty());
    }

    @Test
    void aFailedTransactionWritesNothing() {
        assertThrows(IllegalStateException.class, () -> store().transact(A, tx -> {
            tx.create("things", "t1", body("one"));
            tx.create("things", "t2", body("two"));
            throw new IllegalStateException("boom");
        }));
        assertTrue(store().get(A, "things", "t1").isEmpty());
        assertTrue(store().get(A, "things", "t2").isEmpty());
    }

    @Test
    void upsertCreatesThenReplaces() {
        store().transact(A, tx -> tx.upsert("things", "t1", body("one")));
        store().transact(A, tx -> tx.upsert("things", "t1", body("two")));
        assertEquals("two", store().get(A, "things", "t1").orElseThrow().body().get("name").asText());
    }

    @Test
    void queryFiltersAndPagesByContinuation() {
        store().transact(A, tx -> {
            for (int i = 0; i < 25; i++) {
                ObjectNode b = body("n" + i);
                b.put("kind", i % 5 == 0 ? "special" : "widget");
                tx.create("things", String.format("t%02d", i), b);
            }
            return null;
        });
        Set<String> seen = new HashSet<>();
        PageRequest req = PageRequest.first(7);
        int pages = 0;
        while (true) {
            Page<Document> p = store().query(A, "things", Filter.all(), req);
            pages++;
            p.items().forEach(d -> assertTrue(seen.add(d.id()), "duplicate " + d.id()));
            if (p.continuation().isEmpty()) {
                break;
            }
            req = PageRequest.after(7, p.continuation().get());
        }
        assertEquals(25, seen.size());
        assertEquals(4, pages);
        Page<Document> special = store().query(A, "things", Filter.where("kind", "special"), PageRequest.first(100));
        assertEquals(5, special.items().size());
        assertTrue(special.continuation().isEmpty());
    }

    @Test
    void oneTenantCannotReadListChangeOrDeleteAnothersDocuments() {
        Document a = store().transact(A, tx -> tx.create("things", "shared-id", body("a's")));
        assertTrue(store().get(B, "things", "shared-id").isEmpty());
        assertTrue(store().query(B, "things", Filter.all(), PageRequest.first(10)).items().isEmpty());
        StoreConflictException e = assertThrows(StoreConflictException.class,
                () -> store().transact(B, tx -> tx.replace("things", "shared-id", body("b's"), a.etag())));
        assertEquals(StoreConflictException.Kind.NOT_FOUND, e.kind());
        assertFalse((boolean) store().transact(B, tx -> tx.delete("things", "shared-id", Optional.empty())));
        store().transact(B, tx -> tx.create("things", "shared-id", body("b's own")));
        assertEquals("a's", store().get(A, "things", "shared-id").orElseThrow().body().get("name").asText());
        assertEquals("b's own", store().get(B, "things", "shared-id").orElseThrow().body().get("name").asText());
    }

    @Test
    void everyOperationRefusesAMissingTenant() {
        assertThrows(NullPointerException.class, () -> store().get(null, "things", "t1"));
        assertThrows(NullPointerException.class, () -> store().query(null, "things", Filter.all(), PageRequest.first(1)));
        assertThrows(NullPointerException.class, () -> store().transact(null, tx -> tx.create("things", "t1", body("x"))));
    }

    @Test
    void aForeignContinuationTokenIsRefused() {
        assertThrows(IllegalArgumentException.class,
                () -> store().query(A, "things", Filter.all(), PageRequest.after(5, "%%%not-a-token%%%")));
    }
}
