package com.connectsoft.factory.platform.bus;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.connectsoft.factory.platform.bus.embedded.EmbeddedEventBus;
import com.connectsoft.factory.platform.json.Json;
import com.connectsoft.factory.platform.store.DocumentStore;
import com.connectsoft.factory.platform.store.sqlite.EmbeddedDatabase;
import com.connectsoft.factory.platform.store.sqlite.SqliteDocumentStore;
import com.connectsoft.factory.shared.domain.Envelope;
import com.connectsoft.factory.shared.domain.Ids;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The SQLite store and the embedded bus share one database: a transaction's events commit with it. */
class EmbeddedOutboxTest extends TransactionalOutboxContract {
    @TempDir
    Path dir;
    private EmbeddedDatabase db;
    private EmbeddedEventBus bus;
    private SqliteDocumentStore store;

    @BeforeEach
    void open() {
        db = EmbeddedDatabase.open(dir);
        bus = new EmbeddedEventBus(db, Clock.systemUTC());
        store = new SqliteDocumentStore(db, Clock.systemUTC());
    }

    @AfterEach
    void close() {
        bus.close();
        db.close();
    }

    @Override
    protected EventBus bus() {
        return bus;
    }

    @Override
    protected DocumentStore store() {
        return store;
    }

    @Override
    protected void subscribe(Subscription subscription, EventHandler handler) {
        bus.subscribe(subscription, handler);
    }

    private static Envelope event(String type) {
        return new Envelope(Ids.eventId(), type, A.value(), "proj-x", null, "trace-1", "corr-1", null, Instant.now(), 1,
                Json.payload(Json.object()));
    }

    /** The bus's dispatcher is woken by a commit that wrote to the outbox, so an event does not wait for the next poll. */
    @Test
    void onlyACommitThatWroteToTheOutboxTellsItsListeners() {
        AtomicInteger told = new AtomicInteger();
        db.onOutboxCommit(told::incrementAndGet);
        store.transact(A, tx -> tx.create("things", "quiet", Json.object()));
        assertEquals(0, told.get(), "no event, nothing to wake");
        assertThrows(IllegalStateException.class, () -> store.transact(A, tx -> {
            tx.publish(event("RolledBack"));
            throw new IllegalStateException("abort");
        }));
        assertEquals(0, told.get(), "a rolled-back event is not there to deliver");
        store.transact(A, tx -> {
            tx.publish(event("One"));
            tx.publish(event("Two"));
            return null;
        });
        assertEquals(1, told.get(), "one commit, one wake-up");
        assertThrows(IllegalStateException.class, db::outboxWritten, "only a transaction writes to the outbox");
    }
}
