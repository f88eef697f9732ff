package com.connectsoft.factory.platform.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.azure.cosmos.CosmosClient;
import com.azure.cosmos.CosmosClientBuilder;
import com.azure.cosmos.CosmosContainer;
import com.azure.cosmos.ThrottlingRetryOptions;
import com.connectsoft.factory.platform.json.Json;
import com.connectsoft.factory.platform.store.cosmos.CosmosDocumentStore;
import java.time.Clock;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The Cosmos DB adapter against the npm emulator (through {@link CosmosEmulatorProxy}). .ci/run starts the
 * emulator and sets COSMOS_EMULATOR_ENDPOINT; without it these tests are skipped with that reason. What the
 * emulator cannot do (an atomic batch with guarded replaces) is tested against a real account in CosmosAccountTest.
 */
@Tag("cosmos-emulator")
class CosmosDocumentStoreTest extends DocumentStoreContract {
    /** The emulator's well-known development key (public, emulator only). */
    private static final String EMULATOR_KEY = "C2y6yDjf5/R+ob0N8A7Cgv30VRDJIWEHLM+4QDU5DE2nQ9nDuVTqobD4b8mGGyPMbIZnqyMsEcaGQy67XIw/Jw==";
    private static CosmosEmulatorProxy proxy;
    private static CosmosClient client;
    private CosmosDocumentStore store;

    static void connect() throws Exception {
        String emulator = System.getenv("COSMOS_EMULATOR_ENDPOINT");
        Assumptions.assumeTrue(emulator != null && !emulator.isBlank(),
                "the Cosmos DB emulator is not running: start it as .ci/run does and set COSMOS_EMULATOR_ENDPOINT");
        proxy = new CosmosEmulatorProxy(emulator);
        client = new CosmosClientBuilder().endpoint(proxy.endpoint()).key(EMULATOR_KEY).gatewayMode()
                .endpointDiscoveryEnabled(false)
                .throttlingRetryOptions(new ThrottlingRetryOptions().setMaxRetryAttemptsOnThrottledRequests(5)
                        .setMaxRetryWaitTime(Duration.ofSeconds(10)))
                .buildClient();
        client.createDatabaseIfNotExists("factory-tests");
    }

    @AfterAll
    static void disconnect() {
        if (client != null) {
            client.close();
        }
        if (proxy != null) {
            proxy.close();
        }
    }

    @BeforeEach
    void freshContainer() throws Exception {
        if (client == null) {
            connect();
        }
        store = new CosmosDocumentStore(freshContainer(client), Clock.systemUTC());
    }

    /** A new container partitioned by /tenantId in the test database, so every test starts empty. */
    static CosmosContainer freshContainer(CosmosClient client) {
        String name = "docs-" + UUID.randomUUID().toString().substring(0, 8);
        client.getDatabase("factory-tests").createContainerIfNotExists(name, "/tenantId");
        return client.getDatabase("factory-tests").getContainer(name);
    }

    @Override
    protected DocumentStore store() {
        return store;
    }

    @Test
    void throttledRequestsAreRetriedAfterTheServersDelay() {
        store.transact(A, tx -> tx.create("things", "t1", Json.object().put("n", 1)));
        proxy.throttleNext.set(2);
        long start = System.nanoTime();
        assertTrue(store.get(A, "things", "t1").isPresent());
        assertEquals(2, proxy.throttled.get());
        assertTrue((System.nanoTime() - start) / 1_000_000 >= 300, "waited the retry-after twice");
    }
}
