package com.connectsoft.factory.knowledge;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.connectsoft.factory.knowledge.adapter.lucene.LuceneKnowledgeIndex;
import com.connectsoft.factory.knowledge.domain.KnowledgeIndex;
import com.connectsoft.factory.knowledge.domain.SearchQuery;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LuceneKnowledgeIndexTest extends KnowledgeIndexContract {
    @TempDir
    Path dir;

    @Override
    protected KnowledgeIndex open() {
        return new LuceneKnowledgeIndex(dir.resolve("knowledge"), Embedders.SHARED);
    }

    @Test
    void documentsSurviveAReopen() {
        index.forTenant(ACME).upsert(doc("blueprint:bp-shop", "Shop", "Products, carts and orders"));
        index.close();
        index = open();
        assertEquals(1, index.forTenant(ACME).count());
        assertEquals("blueprint:bp-shop", index.forTenant(ACME).search(SearchQuery.of("shopping cart")).get(0).id());
    }

    @Test
    void indexingWithoutTheModelDefersVectorsToTheFirstSearch() {
        index.close();
        var embedder = Embedders.fresh();
        LuceneKnowledgeIndex lucene = new LuceneKnowledgeIndex(dir.resolve("deferred"), embedder);
        index = lucene;
        lucene.forTenant(ACME).upsert(doc("blueprint:bp-fleet", "Fleet", "Trucks, drivers and fuel consumption"));
        assertFalse(embedder.loaded(), "indexing must not load the embedding model");
        assertEquals(1, lucene.pending());
        assertEquals("blueprint:bp-fleet", lucene.forTenant(ACME).search(SearchQuery.of("vehicles")).get(0).id());
        assertEquals(0, lucene.pending());
        assertTrue(lucene.isEmpty() == false);
    }
}
