package com.connectsoft.factory.run;

import com.connectsoft.factory.orchestration.local.InstanceStore;
import com.connectsoft.factory.orchestration.local.InstanceStoreContract;
import com.connectsoft.factory.platform.store.CosmosEmulator;
import com.connectsoft.factory.platform.store.cosmos.CosmosDocumentStore;
import com.connectsoft.factory.run.adapter.DocumentInstances;
import com.connectsoft.factory.shared.domain.TenantId;
import java.time.Clock;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;

/**
 * The local backend's instances in Cosmos DB (the npm emulator; skipped, saying why, when .ci/run did not start it and
 * set COSMOS_EMULATOR_ENDPOINT): the etag guards are Cosmos DB's own.
 */
@Tag("cosmos-emulator")
class DocumentInstancesCosmosTest extends InstanceStoreContract {
    private DocumentInstances store;

    @BeforeEach
    void open() {
        store = new DocumentInstances(new CosmosDocumentStore(CosmosEmulator.freshContainer(), Clock.systemUTC()),
                () -> List.of(TenantId.of(A), TenantId.of(B)));
    }

    @Override
    protected InstanceStore store() {
        return store;
    }
}
