package com.connectsoft.factory.platform.store;

import com.connectsoft.factory.platform.store.sqlite.EmbeddedDatabase;
import com.connectsoft.factory.platform.store.sqlite.SqliteDocumentStore;
import java.nio.file.Path;
import java.time.Clock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;

class SqliteDocumentStoreTest extends DocumentStoreContract {
    @TempDir
    Path dir;
    private EmbeddedDatabase db;
    private SqliteDocumentStore store;

    @BeforeEach
    void open() {
        db = EmbeddedDatabase.open(dir);
        store = new SqliteDocumentStore(db, Clock.systemUTC());
    }

    @AfterEach
    void close() {
        db.close();
    }

    @Override
    protected DocumentStore store() {
        return store;
    }
}
