package com.connectsoft.factory.knowledge;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.connectsoft.factory.knowledge.domain.DocumentKind;
import com.connectsoft.factory.knowledge.domain.KnowledgeDocument;
import com.connectsoft.factory.knowledge.domain.KnowledgeIndex;
import com.connectsoft.factory.knowledge.domain.KnowledgeScope;
import com.connectsoft.factory.knowledge.domain.SearchHit;
import com.connectsoft.factory.knowledge.domain.SearchQuery;
import com.connectsoft.factory.knowledge.domain.TenantKnowledge;
import com.connectsoft.factory.shared.domain.TenantId;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** What every knowledge index adapter guarantees: tenant isolation, idempotent upserts, deletes, sensible ranking. */
abstract class KnowledgeIndexContract {
    static final TenantId ACME = TenantId.of("acme");
    static final TenantId GLOBEX = TenantId.of("globex");

    protected KnowledgeIndex index;

    protected abstract KnowledgeIndex open();

    @BeforeEach
    void openIndex() {
        index = open();
    }

    @AfterEach
    void closeIndex() {
        index.close();
    }

    static KnowledgeDocument doc(String id, String title, String text) {
        return new KnowledgeDocument(id, DocumentKind.BLUEPRINT, title, text, "test");
    }

    @Test
    void aTenantSeesItsOwnAndPlatformDocumentsButNeverAnotherTenants() {
        index.forTenant(ACME).upsert(doc("blueprint:bp-billing", "Acme billing", "Invoices, payments and refunds of Acme customers"));
        index.forTenant(GLOBEX).upsert(doc("blueprint:bp-billing", "Globex billing", "Invoices, payments and secret Globex pricing"));
        index.forTenant(GLOBEX).upsert(doc("blueprint:bp-secret", "Globex invoices", "Invoice payment reconciliation of Globex"));
        index.platform().upsert(new KnowledgeDocument("template:billing", DocumentKind.TEMPLATE, "Billing template",
                "A template for invoices and payments", "catalog"));

        List<SearchHit> acme = index.forTenant(ACME).search(SearchQuery.of("invoices payments Globex", 50));
        assertFalse(acme.isEmpty());
        assertTrue(acme.stream().allMatch(h -> h.scope().equals("tenant:acme") || h.scope().equals(KnowledgeScope.PLATFORM_KEY)), acme::toString);
        assertTrue(acme.stream().noneMatch(h -> h.title().contains("Globex")), acme::toString);
        assertEquals(List.of("blueprint:bp-billing", "template:billing"), acme.stream().map(SearchHit::id).sorted().toList());

        List<SearchHit> globex = index.forTenant(GLOBEX).search(SearchQuery.of("invoices payments Acme", 50));
        assertTrue(globex.stream().noneMatch(h -> h.scope().equals("tenant:acme")), globex::toString);
        assertEquals(3, globex.size(), globex::toString);
        assertEquals(1, index.forTenant(ACME).count());
        assertEquals(2, index.forTenant(GLOBEX).count());
        assertEquals(1, index.platform().count());
    }

    @Test
    void anUnknownTenantSeesOnlyThePlatform() {
        index.forTenant(ACME).upsert(doc("blueprint:bp-shop", "Shop", "Products, carts and orders"));
        index.platform().upsert(new KnowledgeDocument("jdl-sample:shop.jdl", DocumentKind.JDL_SAMPLE, "Shop sample", "Products and orders", "x"));
        List<SearchHit> hits = index.forTenant(TenantId.of("nobody")).search(SearchQuery.of("products orders"));
        assertEquals(List.of("jdl-sample:shop.jdl"), hits.stream().map(SearchHit::id).toList());
    }

    @Test
    void upsertingTheSameDocumentTwiceKeepsOneAndTheLatestVersion() {
        TenantKnowledge acme = index.forTenant(ACME);
        KnowledgeDocument first = doc("module:p/module-orders", "Orders service", "Orders with order lines and shipping addresses");
        acme.upsert(first);
        acme.upsert(first);
        acme.upsert(List.of(first, first));
        assertEquals(1, acme.count());
        assertEquals(1, acme.search(SearchQuery.of("orders", 50)).size());

        acme.upsert(doc("module:p/module-orders", "Orders service v2", "Orders with order lines and parcel tracking"));
        assertEquals(1, acme.count());
        List<SearchHit> hits = acme.search(SearchQuery.of("parcel tracking", 50));
        assertEquals(1, hits.size());
        assertEquals("Orders service v2", hits.get(0).title());
    }

    @Test
    void deleteRemovesOnlyFromItsOwnScope() {
        index.forTenant(ACME).upsert(doc("run:run-1", "Run of Shop", "completed"));
        index.forTenant(GLOBEX).upsert(doc("run:run-1", "Run of Shop", "completed"));
        assertTrue(index.forTenant(ACME).delete("run:run-1"));
        assertFalse(index.forTenant(ACME).delete("run:run-1"));
        assertEquals(0, index.forTenant(ACME).count());
        assertTrue(index.forTenant(ACME).search(SearchQuery.of("run shop completed")).isEmpty());
        assertEquals(1, index.forTenant(GLOBEX).count());
        assertEquals(1, index.forTenant(GLOBEX).search(SearchQuery.of("run shop completed")).size());
        assertFalse(index.platform().delete("run:run-1"));
    }

    @Test
    void theRelevantDocumentRanksFirstByKeywordsAndByMeaning() {
        TenantKnowledge acme = index.forTenant(ACME);
        acme.upsert(List.of(
                doc("blueprint:clinic", "Clinic Booking", "Patients book appointments with practitioners at clinics"),
                doc("blueprint:invoicing", "Invoicing", "Issue invoices with invoice lines and unit prices to customers"),
                doc("blueprint:blog", "Blog", "Authors write posts with tags and comments"),
                doc("blueprint:fleet", "Fleet", "Trucks, drivers and fuel consumption of a delivery fleet"),
                doc("blueprint:library", "Library", "Books lent to members with due dates and late fees")));
        assertEquals("blueprint:invoicing", acme.search(SearchQuery.of("invoice lines")).get(0).id());
        assertEquals("blueprint:clinic", acme.search(SearchQuery.of("doctor visits for sick people")).get(0).id());
        assertEquals("blueprint:fleet", acme.search(SearchQuery.of("vehicles and the people who drive them")).get(0).id());
        assertEquals(2, acme.search(SearchQuery.of("books", 2)).size());
    }

    @Test
    void badQueriesAreRefusedBeforeTheIndexIsAsked() {
        assertThrows(IllegalArgumentException.class, () -> SearchQuery.of("  "));
        assertThrows(IllegalArgumentException.class, () -> SearchQuery.of("x".repeat(10 * 1024 * 1024)));
        assertThrows(IllegalArgumentException.class, () -> SearchQuery.of("orders", 0));
        assertThrows(IllegalArgumentException.class, () -> SearchQuery.of("orders", SearchQuery.MAX_LIMIT + 1));
        assertThrows(IllegalArgumentException.class, () -> SearchQuery.of("orders\u0000"));
    }
}
