package com.connectsoft.factory.platform.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.connectsoft.factory.platform.store.sqlite.EmbeddedDatabase;
import com.connectsoft.factory.platform.store.sqlite.SqliteDocumentStore;
import com.connectsoft.factory.shared.domain.TenantId;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.nio.file.Path;
import java.time.Clock;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two processes on one data directory (a {@code factory serve} and a CLI answering an approval) each hold a connection
 * to the embedded database. A transaction that read, then writes after the other connection committed, must wait for
 * the write lock, not fail with SQLITE_BUSY_SNAPSHOT (a failed durable episode waited for an event that never came).
 */
class EmbeddedDatabaseProcessesTest {
    private static final TenantId T = TenantId.of("tenant-a");

    @TempDir
    Path dir;

    @Test
    void aReadThenWriteTransactionWaitsForTheOtherConnectionInsteadOfFailing() throws Exception {
        try (EmbeddedDatabase serve = EmbeddedDatabase.open(dir); EmbeddedDatabase cli = EmbeddedDatabase.open(dir)) {
            SqliteDocumentStore a = new SqliteDocumentStore(serve, Clock.systemUTC());
            SqliteDocumentStore b = new SqliteDocumentStore(cli, Clock.systemUTC());
            a.transact(T, tx -> tx.upsert("runs", "r1", JsonNodeFactory.instance.objectNode().put("status", "waiting")));

            CountDownLatch aHasRead = new CountDownLatch(1);
            CountDownLatch bCommitted = new CountDownLatch(1);
            CompletableFuture<Void> other = CompletableFuture.runAsync(() -> {
                try {
                    assertTrue(aHasRead.await(30, TimeUnit.SECONDS));
                } catch (InterruptedException e) {
                    throw new IllegalStateException(e);
                }
                b.transact(T, tx -> tx.upsert("approvals", "r1", JsonNodeFactory.instance.objectNode().put("answer", "approve")));
                bCommitted.countDown();
            });
            a.transact(T, tx -> {
                assertEquals("waiting", tx.get("runs", "r1").orElseThrow().body().get("status").asText());
                aHasRead.countDown();
                try {
                    // give the other connection its chance to commit between this read and the write below
                    bCommitted.await(500, TimeUnit.MILLISECONDS);
                } catch (InterruptedException e) {
                    throw new IllegalStateException(e);
                }
                return tx.upsert("runs", "r1", JsonNodeFactory.instance.objectNode().put("status", "running"));
            });
            other.get(30, TimeUnit.SECONDS);

            assertEquals("running", b.get(T, "runs", "r1").orElseThrow().body().get("status").asText());
            assertEquals("approve", a.get(T, "approvals", "r1").orElseThrow().body().get("answer").asText());
        }
    }
}
