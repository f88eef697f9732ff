package com.connectsoft.factory.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import com.connectsoft.factory.app.Factory;
import com.connectsoft.factory.platform.json.Json;
import com.connectsoft.factory.run.TestFactory;
import com.connectsoft.factory.tenancy.adapter.entra.BrowserSignIn;
import com.connectsoft.factory.tenancy.adapter.entra.EntraSettings;
import com.connectsoft.factory.tenancy.application.TokenSignIn;
import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** GET /api/v1/auth/config: public, tells the web app to offer API keys only or Entra ID with the public settings. */
class AuthConfigApiTest {
    @TempDir
    Path dir;
    Factory app;

    @BeforeEach
    void open() {
        app = Factory.with(TestFactory.settings(dir.resolve("data"))).open();
    }

    @AfterEach
    void close() {
        app.close();
    }

    private JsonNode config(FactoryApi api) {
        FactoryApi.Response r = api.handle(new FactoryApi.Request("GET", "/api/v1/auth/config", Map.of(), Map.of(), new byte[0], "10.0.0.9"));
        assertEquals(200, r.status());
        return Json.read(new String(r.body(), StandardCharsets.UTF_8));
    }

    @Test
    void withoutBrowserSignInOnlyApiKeysAreOfferedAndNoCredentialIsNeededToAsk() {
        JsonNode c = config(new FactoryApi(app, Optional.empty()));
        assertEquals("api-key", c.get("signIn").asText());
        assertFalse(c.has("clientId"));
    }

    @Test
    void withBrowserSignInTheSpaClientIdAuthorityAndScopesArePublished() {
        var browser = BrowserSignIn.from(Map.of(EntraSettings.AUDIENCE, "aaaaaaaa-bbbb-cccc-dddd-eeeeeeeeeeee",
                BrowserSignIn.CLIENT_ID, "11111111-2222-3333-4444-555555555555"));
        JsonNode c = config(new FactoryApi(app, Optional.empty(), TokenSignIn.none(), browser));
        assertEquals("entra", c.get("signIn").asText());
        assertEquals("11111111-2222-3333-4444-555555555555", c.get("clientId").asText());
        assertEquals("https://login.microsoftonline.com/organizations", c.get("authority").asText());
        assertEquals("api://aaaaaaaa-bbbb-cccc-dddd-eeeeeeeeeeee/.default", c.get("scopes").get(0).asText());
        assertEquals(true, c.get("apiKeys").asBoolean());
    }
}
