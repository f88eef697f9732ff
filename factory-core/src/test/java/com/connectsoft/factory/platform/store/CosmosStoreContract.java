package com.connectsoft.factory.platform.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.connectsoft.factory.platform.json.Json;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The document store contract plus what a Cosmos DB transaction of several writes (one transactional batch) must do. */
abstract class CosmosStoreContract extends DocumentStoreContract {

    @Test
    void aTransactionOfSeveralWritesAppliesThemAll() {
        Document t1 = store().transact(A, tx -> tx.create("things", "t1", Json.object().put("n", 1)));
        store().transact(A, tx -> tx.create("things", "gone", Json.object()));
        store().transact(A, tx -> {
            tx.replace("things", "t1", Json.object().put("n", 2), t1.etag());
            tx.create("things", "t2", Json.object().put("n", 3));
            tx.upsert("things", "t3", Json.object().put("n", 4));
            tx.delete("things", "gone", Optional.empty());
            return null;
        });
        assertEquals(2, store().get(A, "things", "t1").orElseThrow().body().get("n").asInt());
        assertEquals(3, store().get(A, "things", "t2").orElseThrow().body().get("n").asInt());
        assertEquals(4, store().get(A, "things", "t3").orElseThrow().body().get("n").asInt());
        assertTrue(store().get(A, "things", "gone").isEmpty());
    }

    @Test
    void aConcurrentWriteBetweenReadAndCommitFailsTheWholeTransaction() {
        Document t1 = store().transact(A, tx -> tx.create("things", "t1", Json.object().put("n", 1)));
        assertThrows(StoreConflictException.class, () -> store().transact(A, tx -> {
            Document read = tx.get("things", "t1").orElseThrow();
            store().transact(A, other -> other.replace("things", "t1", Json.object().put("n", 2), t1.etag()));
            tx.replace("things", "t1", Json.object().put("n", 3), read.etag());
            tx.create("things", "t2", Json.object().put("n", 4));
            return null;
        }));
        assertEquals(2, store().get(A, "things", "t1").orElseThrow().body().get("n").asInt(), "the other writer's change stays");
        assertTrue(store().get(A, "things", "t2").isEmpty(), "no write of the failed transaction is applied");
    }

    /** What blueprint versioning relies on: a create of an id another transaction created meanwhile fails the whole commit. */
    @Test
    void aCreateRacedByAnotherTransactionsCreateFailsTheWholeTransaction() {
        StoreConflictException e = assertThrows(StoreConflictException.class, () -> store().transact(A, tx -> {
            assertTrue(tx.get("versions", "bp@2").isEmpty());
            store().transact(A, other -> other.create("versions", "bp@2", Json.object().put("by", "other")));
            tx.create("versions", "bp@2", Json.object().put("by", "me"));
            tx.create("projects", "p", Json.object());
            return null;
        }));
        assertEquals(StoreConflictException.Kind.ALREADY_EXISTS, e.kind());
        assertEquals("other", store().get(A, "versions", "bp@2").orElseThrow().body().get("by").asText());
        assertTrue(store().get(A, "projects", "p").isEmpty(), "no write of the losing transaction is applied");
    }
}
