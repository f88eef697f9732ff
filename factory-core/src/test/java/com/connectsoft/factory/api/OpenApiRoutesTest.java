package com.connectsoft.factory.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.connectsoft.factory.app.Factory;
import com.connectsoft.factory.platform.json.Json;
import com.connectsoft.factory.run.TestFactory;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The OpenAPI document describes exactly the routes the API serves, method by method: no more, no fewer. */
class OpenApiRoutesTest {
    @TempDir
    Path dir;

    /** {@code "GET /api/v1/runs/{}"} for each operation of the document, each path parameter written {@code {}}. */
    static Set<String> documented() throws Exception {
        JsonNode doc;
        try (InputStream in = FactoryApi.class.getResourceAsStream("/api/openapi.json")) {
            doc = Json.read(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        }
        Set<String> out = new TreeSet<>();
        for (Map.Entry<String, JsonNode> path : doc.get("paths").properties()) {
            for (Map.Entry<String, JsonNode> op : path.getValue().properties()) {
                if (Set.of("get", "post", "put", "patch", "delete", "options").contains(op.getKey())) {
                    out.add(op.getKey().toUpperCase(Locale.ROOT) + " " + path.getKey().replaceAll("\\{[^}]+}", "{}"));
                }
            }
        }
        return out;
    }

    @Test
    void everyServedRouteIsDocumentedAndEveryDocumentedOneIsServed() throws Exception {
        try (Factory app = Factory.with(TestFactory.settings(dir.resolve("data"))).open()) {
            Set<String> served = new TreeSet<>(new FactoryApi(app, Optional.empty()).routes());
            assertTrue(served.remove("GET /api/openapi.json"), "the document itself is served");
            assertTrue(served.contains("POST /api/v1/runs/{}/approve"), "a group of words is one route per word: " + served);
            Set<String> documented = documented();
            Set<String> undocumented = new TreeSet<>(served);
            undocumented.removeAll(documented);
            Set<String> unserved = new TreeSet<>(documented);
            unserved.removeAll(served);
            assertEquals(Set.of(), undocumented, "served but not in openapi.json");
            assertEquals(Set.of(), unserved, "in openapi.json but not served");
        }
    }
}
