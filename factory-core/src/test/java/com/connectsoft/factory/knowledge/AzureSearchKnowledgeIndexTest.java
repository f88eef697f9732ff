package com.connectsoft.factory.knowledge;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.connectsoft.factory.knowledge.adapter.azure.AzureSearchKnowledgeIndex;
import com.connectsoft.factory.knowledge.domain.KnowledgeIndex;
import com.connectsoft.factory.knowledge.domain.SearchQuery;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The Azure AI Search adapter at the HTTP boundary: the shared contract against a local server speaking the REST API. */
class AzureSearchKnowledgeIndexTest extends KnowledgeIndexContract {
    private AzureSearchStub stub;

    @Override
    protected KnowledgeIndex open() {
        stub = new AzureSearchStub();
        return AzureSearchKnowledgeIndex.connect(AzureSearchStub.ENDPOINT, "knowledge", Optional.of("test-key"), Embedders.SHARED,
                Optional.of(stub.client()));
    }

    @AfterEach
    void stopStub() {
        stub.close();
    }

    @Test
    void everySearchIsHybridAndCarriesTheTenantFilter() {
        index.forTenant(ACME).upsert(doc("blueprint:bp-shop", "Shop", "Products, carts and orders"));
        index.forTenant(ACME).search(SearchQuery.of("orders", 7));
        JsonNode sent = stub.searches.get(stub.searches.size() - 1);
        assertEquals("scope eq 'tenant:acme' or scope eq 'platform'", sent.path("filter").asText());
        assertEquals("orders", sent.path("search").asText());
        assertEquals(7, sent.path("top").asInt());
        JsonNode vector = sent.path("vectorQueries").get(0);
        assertEquals("vector", vector.path("kind").asText());
        assertEquals(384, vector.path("vector").size());
        assertTrue(vector.path("k").asInt() >= 7);
    }
}
