package com.connectsoft.factory.run;

import com.connectsoft.factory.orchestration.local.InstanceStore;
import com.connectsoft.factory.orchestration.local.InstanceStoreContract;
import com.connectsoft.factory.platform.store.sqlite.EmbeddedDatabase;
import com.connectsoft.factory.platform.store.sqlite.SqliteDocumentStore;
import com.connectsoft.factory.run.adapter.DocumentInstances;
import com.connectsoft.factory.shared.domain.TenantId;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;

/** The local backend's instances in the factory's embedded store (SQLite), one document per instance in its tenant's partition. */
class DocumentInstancesTest extends InstanceStoreContract {
    @TempDir
    Path dir;
    private EmbeddedDatabase db;
    private DocumentInstances store;

    @BeforeEach
    void open() {
        db = EmbeddedDatabase.open(dir);
        store = new DocumentInstances(new SqliteDocumentStore(db, Clock.systemUTC()), () -> List.of(TenantId.of(A), TenantId.of(B)));
    }

    @AfterEach
    void close() {
        db.close();
    }

    @Override
    protected InstanceStore store() {
        return store;
    }
}
