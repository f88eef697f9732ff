package com.connectsoft.factory.platform.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.connectsoft.factory.platform.json.Json;
import com.connectsoft.factory.platform.store.cosmos.CosmosDocumentStore;
import java.time.Clock;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The Cosmos DB adapter against the npm emulator (through {@link CosmosEmulatorProxy}). .ci/run starts the
 * emulator and sets COSMOS_EMULATOR_ENDPOINT; without it these tests are skipped with that reason. The emulator has
 * no transactional batch; the proxy runs one (checked, then applied under a lock), and CosmosAccountTest runs the same
 * tests on a real account.
 */
@Tag("cosmos-emulator")
class CosmosDocumentStoreTest extends CosmosStoreContract {
    private CosmosDocumentStore store;

    @BeforeEach
    void freshContainer() {
        store = new CosmosDocumentStore(CosmosEmulator.freshContainer(), Clock.systemUTC());
    }

    @Override
    protected DocumentStore store() {
        return store;
    }

    @Test
    void throttledRequestsAreRetriedAfterTheServersDelay() {
        store.transact(A, tx -> tx.create("things", "t1", Json.object().put("n", 1)));
        CosmosEmulatorProxy proxy = CosmosEmulator.proxy();
        proxy.throttled.set(0);
        proxy.throttleNext.set(2);
        long start = System.nanoTime();
        assertTrue(store.get(A, "things", "t1").isPresent());
        assertEquals(2, proxy.throttled.get());
        assertTrue((System.nanoTime() - start) / 1_000_000 >= 300, "waited the retry-after twice");
    }
}
