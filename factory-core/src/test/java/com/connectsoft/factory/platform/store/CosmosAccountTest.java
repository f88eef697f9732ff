package com.connectsoft.factory.platform.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.azure.cosmos.CosmosClient;
import com.azure.cosmos.CosmosClientBuilder;
import com.azure.cosmos.CosmosContainer;
import com.azure.identity.DefaultAzureCredentialBuilder;
import com.connectsoft.factory.platform.json.Json;
import com.connectsoft.factory.platform.store.cosmos.CosmosDocumentStore;
import java.time.Clock;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The whole contract and the Cosmos DB transactions (transactional batches with guarded writes) on a real Cosmos DB
 * account: set COSMOS_ACCOUNT_ENDPOINT (signed in with DefaultAzureCredential, or COSMOS_ACCOUNT_KEY). Skipped
 * with that reason otherwise; CI has no account.
 */
@Tag("cosmos-account")
class CosmosAccountTest extends CosmosStoreContract {
    private static CosmosClient client;
    private CosmosContainer container;
    private CosmosDocumentStore store;

    static void connect() {
        String endpoint = System.getenv("COSMOS_ACCOUNT_ENDPOINT");
        Assumptions.assumeTrue(endpoint != null && !endpoint.isBlank(),
                "no Cosmos DB account configured: set COSMOS_ACCOUNT_ENDPOINT (and COSMOS_ACCOUNT_KEY or an Azure sign-in)");
        CosmosClientBuilder b = new CosmosClientBuilder().endpoint(endpoint);
        String key = System.getenv("COSMOS_ACCOUNT_KEY");
        client = (key != null && !key.isBlank() ? b.key(key) : b.credential(new DefaultAzureCredentialBuilder().build())).buildClient();
        client.createDatabaseIfNotExists("factory-tests");
    }

    @AfterAll
    static void disconnect() {
        if (client != null) {
            client.close();
        }
    }

    @BeforeEach
    void freshContainer() throws Exception {
        if (client == null) {
            connect();
        }
        String name = "docs-" + java.util.UUID.randomUUID().toString().substring(0, 8);
        client.getDatabase("factory-tests").createContainerIfNotExists(name, "/tenantId");
        container = client.getDatabase("factory-tests").getContainer(name);
        store = new CosmosDocumentStore(container, Clock.systemUTC());
    }

    @AfterEach
    void dropContainer() {
        if (container != null) {
            container.delete();
        }
    }

    @Override
    protected DocumentStore store() {
        return store;
    }
}
