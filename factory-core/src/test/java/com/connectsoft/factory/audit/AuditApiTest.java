package com.connectsoft.factory.audit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.connectsoft.factory.api.FactoryApi;
import com.connectsoft.factory.app.Factory;
import com.connectsoft.factory.platform.json.Json;
import com.connectsoft.factory.run.TestFactory;
import com.connectsoft.factory.shared.domain.TenantId;
import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** {@code GET /api/v1/audit} and {@code /api/v1/audit/verify}: the caller's tenant's log only, with its key. */
class AuditApiTest {
    private static JsonNode call(FactoryApi api, String path, Map<String, String> query, int status, String key) {
        FactoryApi.Response r = api.handle(new FactoryApi.Request("GET", path, key == null ? Map.of() : Map.of("X-Api-Key", key), query, new byte[0]));
        String text = new String(r.body(), StandardCharsets.UTF_8);
        assertEquals(status, r.status(), text);
        return Json.read(text);
    }

    @Test
    void aTenantReadsAndVerifiesItsOwnLogOnly() throws Exception {
        try (Factory app = Factory.with(TestFactory.settings(Files.createTempDirectory("audit-api").resolve("data"))).open()) {
            String acme = app.tenancy().administration().onboard(TenantId.of("acme"), "Acme", "developer", Duration.ofDays(1)).key().key();
            String globex = app.tenancy().administration().onboard(TenantId.of("globex"), "Globex", "developer", Duration.ofDays(1)).key().key();
            app.tenancy().administration().issueKey(TenantId.of("globex"));
            FactoryApi api = new FactoryApi(app, Optional.empty());

            JsonNode mine = call(api, "/api/v1/audit", Map.of(), 200, acme);
            assertEquals(1, mine.get("items").size());
            assertEquals("acme", mine.get("items").get(0).get("tenantId").asText());
            assertEquals("apikey.created", mine.get("items").get(0).get("action").asText());
            assertTrue(mine.get("items").get(0).get("hash").asText().startsWith("sha256:"));
            assertEquals(2, call(api, "/api/v1/audit", Map.of(), 200, globex).get("items").size());
            assertEquals(1, call(api, "/api/v1/audit", Map.of("limit", "1"), 200, globex).get("items").size());
            call(api, "/api/v1/audit", Map.of("limit", "0"), 400, acme);
            call(api, "/api/v1/audit", Map.of("limit", "99999"), 400, acme);
            call(api, "/api/v1/audit", Map.of(), 401, null);

            JsonNode verified = call(api, "/api/v1/audit/verify", Map.of(), 200, acme);
            assertTrue(verified.get("intact").asBoolean());
            assertEquals(1, verified.get("entries").asInt());
        }
    }
}
