package com.connectsoft.factory.knowledge;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.connectsoft.factory.api.FactoryApi;
import com.connectsoft.factory.app.Factory;
import com.connectsoft.factory.cli.FactoryCli;
import com.connectsoft.factory.knowledge.domain.DocumentKind;
import com.connectsoft.factory.knowledge.domain.KnowledgeDocument;
import com.connectsoft.factory.platform.json.Json;
import com.connectsoft.factory.run.TestFactory;
import com.connectsoft.factory.shared.domain.TenantId;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code ./factory search} and {@code GET /api/v1/search}: the caller's tenant only, bad input refused with a reason. */
class SearchEntryPointsTest {
    static final TenantId ACME = TenantId.of("acme");
    static final TenantId GLOBEX = TenantId.of("globex");

    @TempDir
    Path dir;
    Factory app;
    FactoryApi api;
    String acmeKey;

    @BeforeEach
    void open() {
        Path data = dir.resolve("data");
        app = Factory.with(TestFactory.settings(data)).knowledge(KnowledgeSettings.embedded(data, Optional.empty())).open();
        app.tenancy().administration().register(ACME, "Acme", "developer");
        app.tenancy().administration().register(GLOBEX, "Globex", "developer");
        acmeKey = app.tenancy().administration().issueKey(ACME);
        app.knowledge().index().forTenant(ACME).upsert(new KnowledgeDocument("blueprint:bp-invoicing", DocumentKind.BLUEPRINT,
                "Invoicing blueprint", "Issue invoices to customers and track what is paid", "invoicing.blueprint.yaml v1"));
        app.knowledge().index().forTenant(GLOBEX).upsert(new KnowledgeDocument("blueprint:bp-globex", DocumentKind.BLUEPRINT,
                "Globex invoices", "Globex's secret invoice pricing", "globex.blueprint.yaml v1"));
        api = new FactoryApi(app, Optional.empty());
    }

    @AfterEach
    void close() {
        app.close();
    }

    private record Reply(int status, JsonNode json) {
    }

    private Reply get(Map<String, String> query, String... headers) {
        Map<String, String> h = new HashMap<>();
        for (int i = 0; i < headers.length; i += 2) {
            h.put(headers[i], headers[i + 1]);
        }
        FactoryApi.Response r = api.handle(new FactoryApi.Request("GET", "/api/v1/search", h, query, new byte[0], "10.0.0.9"));
        return new Reply(r.status(), Json.read(new String(r.body(), StandardCharsets.UTF_8)));
    }

    @Test
    void theApiSearchesTheKeysTenantOnly() {
        Reply r = get(Map.of("q", "invoices", "limit", "20"), "X-Api-Key", acmeKey);
        assertEquals(200, r.status(), r.json().toString());
        assertEquals("acme", r.json().get("tenantId").asText());
        List<String> ownIds = new ArrayList<>();
        r.json().get("hits").forEach(h -> {
            if (h.get("scope").asText().equals("tenant")) {
                ownIds.add(h.get("id").asText());
            } else {
                assertEquals("platform", h.get("scope").asText());
                assertTrue(h.get("id").asText().startsWith("template:"), h.toString());
            }
        });
        assertEquals(List.of("blueprint:bp-invoicing"), ownIds);
        assertEquals("blueprint:bp-invoicing", r.json().get("hits").get(0).get("id").asText());
    }

    @Test
    void theApiRefusesCallersWithoutAKeyAndBadQueries() {
        assertEquals(401, get(Map.of("q", "invoices")).status());
        assertEquals(403, get(Map.of("q", "invoices"), "X-Api-Key", acmeKey, "X-Tenant-Id", "globex").status());
        assertEquals(400, get(Map.of(), "X-Api-Key", acmeKey).status());
        assertEquals(400, get(Map.of("q", "   "), "X-Api-Key", acmeKey).status());
        long started = System.nanoTime();
        Reply huge = get(Map.of("q", "x".repeat(10 * 1024 * 1024)), "X-Api-Key", acmeKey);
        assertEquals(400, huge.status());
        assertTrue(huge.json().get("title").asText().contains("at most 500"), huge.json().toString());
        assertTrue(System.nanoTime() - started < 2_000_000_000L, "a huge query is refused fast");
        for (String limit : List.of("0", "51", "abc", "-1", "99999999999")) {
            assertEquals(400, get(Map.of("q", "invoices", "limit", limit), "X-Api-Key", acmeKey).status(), limit);
        }
    }

    private int cli(StringWriter out, StringWriter err, String... args) {
        List<String> all = new ArrayList<>(List.of("--data-dir", dir.resolve("data").toString(), "--templates",
                TestFactory.ROOT.resolve("templates").toString()));
        all.addAll(List.of(args));
        return FactoryCli.run(all.toArray(String[]::new), new PrintWriter(out, true), new PrintWriter(err, true));
    }

    @Test
    void theCliSearchesATenantAndPrintsJsonOrLines() {
        app.close();
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        assertEquals(0, cli(out, err, "search", "invoices", "--tenant", "acme", "--json"), err.toString());
        JsonNode json = Json.read(out.toString());
        assertEquals("blueprint:bp-invoicing", json.get("hits").get(0).get("id").asText(), out.toString());
        json.get("hits").forEach(h -> assertTrue(h.get("id").asText().equals("blueprint:bp-invoicing")
                || h.get("scope").asText().equals("platform"), h.toString()));

        StringWriter lines = new StringWriter();
        assertEquals(0, cli(lines, err, "search", "track", "what", "is", "paid", "--tenant", "globex"), err.toString());
        assertTrue(lines.toString().contains("blueprint:bp-globex"), lines.toString());
        assertTrue(!lines.toString().contains("bp-invoicing"), lines.toString());
        assertTrue(lines.toString().contains("hit(s) for \"track what is paid\" in tenant globex"), lines.toString());
    }

    @Test
    void theCliRefusesAnUnknownTenantAndAnEmptyQuery() {
        app.close();
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        assertEquals(FactoryCli.BAD_INPUT, cli(out, err, "search", "invoices", "--tenant", "initech"), err.toString());
        assertTrue(err.toString().contains("tenant initech is not registered"), err.toString());
        StringWriter err2 = new StringWriter();
        assertEquals(FactoryCli.BAD_INPUT, cli(out, err2, "search", " ", "--tenant", "acme"));
        assertTrue(err2.toString().contains("the search text is empty"), err2.toString());
        StringWriter err3 = new StringWriter();
        assertEquals(FactoryCli.BAD_INPUT, cli(out, err3, "search", "invoices", "--tenant", "acme", "--limit", "500"));
        assertTrue(err3.toString().contains("give 1 to 50"), err3.toString());
    }

    @Test
    void reindexRebuildsWithoutLoadingTheModel() {
        app.close();
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        assertEquals(0, cli(out, err, "reindex"), err.toString());
        assertTrue(out.toString().contains("of 2 tenant(s)"), out.toString());
        try (var index = new com.connectsoft.factory.knowledge.adapter.lucene.LuceneKnowledgeIndex(dir.resolve("data/knowledge"), Embedders.fresh())) {
            assertEquals(1, index.forTenant(ACME).count());
            assertEquals(1, index.forTenant(GLOBEX).count());
            assertEquals(templateVersions(), index.platform().count(), "every template version of the catalog");
            assertEquals(2 + templateVersions(), index.pending(), "no document got a vector: nothing loaded the model");
        }
    }

    /** The template versions under templates/ (each a folder with a template.yaml): the platform scope holds one document each. */
    private static long templateVersions() {
        try (var dirs = java.nio.file.Files.list(TestFactory.ROOT.resolve("templates"))) {
            return dirs.filter(d -> java.nio.file.Files.isRegularFile(d.resolve("template.yaml"))).count();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
