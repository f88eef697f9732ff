package com.connectsoft.factory.platform.store;

import com.azure.cosmos.CosmosClient;
import com.azure.cosmos.CosmosClientBuilder;
import com.azure.cosmos.CosmosContainer;
import com.azure.cosmos.ThrottlingRetryOptions;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.Assumptions;

/**
 * The npm Cosmos DB emulator behind {@link CosmosEmulatorProxy}, shared by the tests of one JVM. .ci/run starts the
 * emulator and sets COSMOS_EMULATOR_ENDPOINT; without it the tests that need it are skipped with that reason.
 */
public final class CosmosEmulator {
    /** The emulator's well-known development key (public, emulator only). */
    public static final String KEY = "C2y6yDjf5/R+ob0N8A7Cgv30VRDJIWEHLM+4QDU5DE2nQ9nDuVTqobD4b8mGGyPMbIZnqyMsEcaGQy67XIw/Jw==";
    private static final String DATABASE = "factory-tests";
    private static CosmosEmulatorProxy proxy;
    private static CosmosClient client;

    private CosmosEmulator() {
    }

    /** Skips the calling test when no emulator runs; otherwise connects once per JVM. */
    public static synchronized void require() {
        String emulator = System.getenv("COSMOS_EMULATOR_ENDPOINT");
        Assumptions.assumeTrue(emulator != null && !emulator.isBlank(),
                "the Cosmos DB emulator is not running: start it as .ci/run does and set COSMOS_EMULATOR_ENDPOINT");
        if (client != null) {
            return;
        }
        try {
            proxy = new CosmosEmulatorProxy(emulator);
        } catch (java.io.IOException e) {
            throw new IllegalStateException("cannot start the emulator proxy", e);
        }
        client = new CosmosClientBuilder().endpoint(proxy.endpoint()).key(KEY).gatewayMode()
                .endpointDiscoveryEnabled(false)
                .throttlingRetryOptions(new ThrottlingRetryOptions().setMaxRetryAttemptsOnThrottledRequests(5)
                        .setMaxRetryWaitTime(Duration.ofSeconds(10)))
                .buildClient();
        client.createDatabaseIfNotExists(DATABASE);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            client.close();
            proxy.close();
        }));
    }

    static CosmosEmulatorProxy proxy() {
        require();
        return proxy;
    }

    /** The proxy's endpoint (what a factory's FACTORY_COSMOS_ENDPOINT would name). */
    public static String endpoint() {
        require();
        return proxy.endpoint();
    }

    /** A new container partitioned by /tenantId in the test database, so every test starts empty. */
    public static CosmosContainer freshContainer() {
        require();
        String name = "docs-" + UUID.randomUUID().toString().substring(0, 8);
        client.getDatabase(DATABASE).createContainerIfNotExists(name, "/tenantId");
        return client.getDatabase(DATABASE).getContainer(name);
    }
}
