package com.connectsoft.factory.platform.store.cosmos;

import com.azure.cosmos.CosmosClient;
import com.azure.cosmos.CosmosClientBuilder;
import com.azure.cosmos.CosmosContainer;
import com.azure.cosmos.ThrottlingRetryOptions;
import com.azure.identity.DefaultAzureCredentialBuilder;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * A Cosmos DB client and the factory's container. In Azure it signs in with DefaultAzureCredential (the function
 * app's managed identity, which has data-plane access only, so the database and container must already exist: the
 * factory stack creates them); with an account key (the emulator, local development) it creates them if missing.
 * Throttled requests (429) are retried after the server's delay, up to 9 times within 30 s.
 */
public final class CosmosConnection implements AutoCloseable {
    private final CosmosClient client;
    private final CosmosContainer container;

    private CosmosConnection(CosmosClient client, CosmosContainer container) {
        this.client = client;
        this.container = container;
    }

    public static CosmosConnection open(String endpoint, Optional<String> key, String database, String containerName) {
        Objects.requireNonNull(endpoint, "endpoint");
        CosmosClientBuilder builder = new CosmosClientBuilder().endpoint(endpoint)
                .throttlingRetryOptions(new ThrottlingRetryOptions().setMaxRetryAttemptsOnThrottledRequests(9)
                        .setMaxRetryWaitTime(Duration.ofSeconds(30)));
        CosmosClient client;
        if (key.isPresent()) {
            client = builder.key(key.get()).gatewayMode().endpointDiscoveryEnabled(false).buildClient();
            client.createDatabaseIfNotExists(database);
            client.getDatabase(database).createContainerIfNotExists(containerName, "/tenantId");
        } else {
            client = builder.credential(new DefaultAzureCredentialBuilder().build()).directMode().buildClient();
        }
        return new CosmosConnection(client, client.getDatabase(database).getContainer(containerName));
    }

    public CosmosContainer container() {
        return container;
    }

    @Override
    public void close() {
        client.close();
    }
}
