package com.connectsoft.factory.platform.bus;

import com.connectsoft.factory.platform.bus.embedded.EmbeddedEventBus;
import com.connectsoft.factory.platform.store.DocumentStore;
import com.connectsoft.factory.platform.store.sqlite.EmbeddedDatabase;
import com.connectsoft.factory.platform.store.sqlite.SqliteDocumentStore;
import java.nio.file.Path;
import java.time.Clock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
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
}
