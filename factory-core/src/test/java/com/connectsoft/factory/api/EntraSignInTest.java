package com.connectsoft.factory.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.connectsoft.factory.app.Factory;
import com.connectsoft.factory.platform.json.Json;
import com.connectsoft.factory.run.TestFactory;
import com.connectsoft.factory.shared.domain.TenantId;
import com.connectsoft.factory.tenancy.adapter.entra.EntraSignIn;
import com.connectsoft.factory.tenancy.adapter.entra.EntraTokenVerifier;
import com.connectsoft.factory.tenancy.adapter.entra.LocalIssuer;
import com.connectsoft.factory.tenancy.domain.Tenant;
import com.fasterxml.jackson.databind.JsonNode;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.PlainJWT;
import com.nimbusds.jwt.SignedJWT;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Sign-in on the function app's API: an Entra ID access token validated in process names the tenant its directory
 * is linked to; every forged, foreign or broken token, and any X-MS-CLIENT-PRINCIPAL header, is refused and never
 * reaches another tenant's data. API keys keep working.
 */
class EntraSignInTest {
    private static Path dir;
    private static Factory app;
    private static LocalIssuer issuer;
    private static EntraSignIn signIn;
    private static FactoryApi api;
    private static final TenantId ACME = TenantId.of("acme");
    private static final TenantId GLOBEX = TenantId.of("globex");
    private static String acmeKey;
    private static String globexKey;

    @BeforeAll
    static void start() throws Exception {
        dir = Files.createTempDirectory("entra-sign-in");
        app = Factory.open(TestFactory.settings(dir.resolve("data")));
        issuer = new LocalIssuer();
        signIn = app.tenancy().tokenSignIn(new EntraTokenVerifier(issuer.settings(Duration.ofSeconds(30), Duration.ofSeconds(2)),
                Clock.systemUTC()));
        api = new FactoryApi(app, Optional.empty(), signIn);
        app.tenancy().administration().register(ACME, "Acme", Tenant.DEFAULT_PLAN);
        app.tenancy().administration().register(GLOBEX, "Globex", Tenant.DEFAULT_PLAN);
        acmeKey = app.tenancy().administration().issueKey(ACME);
        globexKey = app.tenancy().administration().issueKey(GLOBEX);
        app.tenancy().directories().link(LocalIssuer.DIRECTORY_A, ACME);
        // a project of acme's, so a leak would show
        app.projects().registerBlueprint().register(ACME, "invoicing.blueprint.yaml", TestFactory.example("invoicing.blueprint.yaml"));
    }

    @AfterAll
    static void stop() {
        signIn.close();
        issuer.close();
        app.close();
    }

    private record Reply(int status, JsonNode json, String raw) {
    }

    private static Reply get(String path, String... headers) {
        Map<String, String> h = new java.util.HashMap<>();
        for (int i = 0; i + 1 < headers.length; i += 2) {
            h.put(headers[i], headers[i + 1]);
        }
        FactoryApi.Response r = api.handle(new FactoryApi.Request("GET", path, h, Map.of(), new byte[0]));
        String raw = new String(r.body(), StandardCharsets.UTF_8);
        return new Reply(r.status(), Json.read(raw), raw);
    }

    private static JWTClaimsSet.Builder claims(String tid) {
        return issuer.claims(tid, Instant.now().minusSeconds(60));
    }

    private static String bearer(String token) {
        return "Bearer " + token;
    }

    /** Refused with the status, and nothing of acme's in the answer. */
    private static void refused(int status, Reply r, String why) {
        assertEquals(status, r.status(), why + ": " + r.raw());
        assertFalse(r.raw().contains("proj-invoicing") || r.raw().contains("\"tenantId\":\"acme\""), why + " leaked acme's data: " + r.raw());
        assertEquals(status, r.json().path("status").asInt(), "a problem+json answer");
    }

    @Test
    void aValidTokenOfALinkedDirectorySignsInAsItsTenant() throws Exception {
        Reply tenant = get("/api/v1/tenant", "Authorization", bearer(issuer.token(claims(LocalIssuer.DIRECTORY_A).build())));
        assertEquals(200, tenant.status(), tenant.raw());
        assertEquals("acme", tenant.json().path("tenantId").asText());
        Reply projects = get("/api/v1/projects", "Authorization", bearer(issuer.token(claims(LocalIssuer.DIRECTORY_A).build())));
        assertTrue(projects.raw().contains("proj-invoicing"), projects.raw());
        refused(403, get("/api/v1/projects", "Authorization", bearer(issuer.token(claims(LocalIssuer.DIRECTORY_A).build())),
                "X-Tenant-Id", "globex"), "X-Tenant-Id naming another tenant");
    }

    @Test
    void apiKeysKeepWorking() {
        assertEquals("acme", get("/api/v1/tenant", "X-Api-Key", acmeKey).json().path("tenantId").asText());
        assertEquals("globex", get("/api/v1/tenant", "Authorization", bearer(globexKey)).json().path("tenantId").asText());
        refused(401, get("/api/v1/tenant", "Authorization", bearer("fk.acme." + "0".repeat(48))), "a made-up key");
    }

    @Test
    void aDirectoryNobodyLinkedIsForbiddenWhateverItsId() throws Exception {
        refused(403, get("/api/v1/projects", "Authorization", bearer(issuer.token(claims(LocalIssuer.DIRECTORY_B).build()))),
                "a valid token of an unlinked directory");
        // a factory tenant named like the directory does not make a link (the old "tid == tenant id" rule)
        String tid = "cccccccc-0000-4000-8000-000000000003";
        app.tenancy().administration().register(TenantId.of(tid), "Look-alike", Tenant.DEFAULT_PLAN);
        refused(403, get("/api/v1/tenant", "Authorization", bearer(issuer.token(claims(tid).build()))), "tid equal to a tenant id");
    }

    @Test
    void brokenForeignOrForgedTokensAre401() throws Exception {
        String a = LocalIssuer.DIRECTORY_A;
        Map<String, String> tokens = new java.util.LinkedHashMap<>();
        tokens.put("wrong audience", issuer.token(claims(a).audience("api://another-app").build()));
        tokens.put("wrong issuer", issuer.token(claims(a).issuer("https://login.microsoftonline.com/" + a + "/v2.0").build()));
        tokens.put("v1 issuer", issuer.token(claims(a).issuer("https://sts.windows.net/" + a + "/").build()));
        tokens.put("expired", issuer.token(claims(a).expirationTime(Date.from(Instant.now().minusSeconds(600))).build()));
        tokens.put("not yet valid", issuer.token(claims(a).notBeforeTime(Date.from(Instant.now().plusSeconds(600))).build()));
        tokens.put("bad signature", LocalIssuer.sign(claims(a).build(), LocalIssuer.rsa("key-1"), "key-1"));
        tokens.put("unknown kid", LocalIssuer.sign(claims(a).build(), LocalIssuer.rsa("kid-x"), "kid-x"));
        tokens.put("alg none", new PlainJWT(claims(a).build()).serialize());
        SignedJWT hs = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.HS256).keyID("key-1").build(), claims(a).build());
        hs.sign(new MACSigner(issuer.key.toRSAPublicKey().getEncoded()));
        tokens.put("HS256 signed with the public key", hs.serialize());
        for (Map.Entry<String, String> t : tokens.entrySet()) {
            refused(401, get("/api/v1/projects", "Authorization", bearer(t.getValue())), t.getKey());
        }
    }

    @Test
    void aForgedPlatformPrincipalIsRefusedAloneAndNextToAnyCredential() throws Exception {
        String acmePrincipal = Base64.getEncoder().encodeToString(("{\"auth_typ\":\"aad\",\"claims\":[{\"typ\":"
                + "\"http://schemas.microsoft.com/identity/claims/tenantid\",\"val\":\"acme\"},{\"typ\":\"tid\",\"val\":\""
                + LocalIssuer.DIRECTORY_A + "\"}]}").getBytes(StandardCharsets.UTF_8));
        List<String[]> attempts = new ArrayList<>();
        attempts.add(new String[] {"X-MS-CLIENT-PRINCIPAL", acmePrincipal});
        attempts.add(new String[] {"X-MS-CLIENT-PRINCIPAL", acmePrincipal, "X-Api-Key", globexKey});
        attempts.add(new String[] {"X-MS-CLIENT-PRINCIPAL", acmePrincipal, "Authorization", bearer(globexKey)});
        attempts.add(new String[] {"X-MS-CLIENT-PRINCIPAL", acmePrincipal, "X-Api-Key", globexKey, "X-Tenant-Id", "acme"});
        attempts.add(new String[] {"x-ms-client-principal", acmePrincipal, "Authorization",
                bearer(issuer.token(claims(LocalIssuer.DIRECTORY_B).build()))});
        for (String[] headers : attempts) {
            for (String path : List.of("/api/v1/tenant", "/api/v1/projects", "/api/v1/blueprints/bp-invoicing")) {
                refused(401, get(path, headers), String.join(" ", headers).replace(globexKey, "<globex key>") + " on " + path);
            }
        }
    }

    @Test
    void directoryLinksAreExplicitAndOneTenantPerDirectory() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> app.tenancy().directories().link(LocalIssuer.DIRECTORY_A, GLOBEX));
        assertTrue(e.getMessage().contains("linked to tenant acme"), e.getMessage());
        assertEquals(ACME, app.tenancy().directories().link(LocalIssuer.DIRECTORY_A.toUpperCase(java.util.Locale.ROOT), ACME).tenant(), "idempotent");
        assertThrows(IllegalArgumentException.class, () -> app.tenancy().directories().link("not-a-guid", GLOBEX));
        assertThrows(IllegalArgumentException.class, () -> app.tenancy().directories().link("dddddddd-0000-4000-8000-000000000004", TenantId.of("nobody")));
        assertEquals(List.of(LocalIssuer.DIRECTORY_A), app.tenancy().directories().linkedTo(ACME).stream().map(l -> l.directoryId()).toList());
    }
}
