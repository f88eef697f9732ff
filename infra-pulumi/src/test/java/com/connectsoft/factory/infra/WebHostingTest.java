package com.connectsoft.factory.infra;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.connectsoft.factory.infra.RecordingMocks.Registered;
import com.connectsoft.factory.tenancy.adapter.entra.BrowserSignIn;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.pulumi.asset.AssetOrArchive;
import com.pulumi.test.PulumiTest;
import com.pulumi.test.TestOptions;
import com.pulumi.test.TestResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The web app's hosting in the factory stack, under Pulumi's mocks: static website, Front Door rules, CORS, uploads, config.json. */
class WebHostingTest {
    private static final String API = "https://functions.azurewebsites.net";
    private static final String WEB = "https://web-" + RecordingMocks.AFD_SUFFIX;
    private static final String SPA_CLIENT = "0b7d4f5e-3c2a-4e8b-9a61-5f2d7c8e9a10";
    private static final String API_CLIENT = "6e74172b-be56-4843-9ff4-e66a39bb12e3";

    @TempDir
    Path tmp;
    private Path dist;
    private RecordingMocks mocks;
    private TestResult result;

    @BeforeEach
    void build() throws Exception {
        dist = tmp.resolve("dist");
        Files.createDirectories(dist.resolve("assets"));
        Files.writeString(dist.resolve("index.html"), "<!doctype html><div id=\"root\"></div><script type=\"module\" src=\"/assets/index-Bq3x9.js\"></script>");
        Files.writeString(dist.resolve("favicon.svg"), "<svg xmlns=\"http://www.w3.org/2000/svg\"/>");
        Files.writeString(dist.resolve("config.json"), "{\"apiBaseUrl\": \"\"}");
        Files.writeString(dist.resolve("assets/index-Bq3x9.js"), "console.log(1)");
        Files.writeString(dist.resolve("assets/index-D4kz2.css"), "body{}");
        Files.writeString(dist.resolve("assets/msal-C9a1.js"), "export{}");
        Files.write(dist.resolve("assets/logo-A1b2.woff2"), new byte[] {1, 2, 3});
    }

    @AfterEach
    void cleanup() {
        PulumiTest.cleanup();
    }

    private void run(StackSettings settings) {
        PulumiTest.cleanup();
        mocks = new RecordingMocks();
        result = PulumiTest.withMocks(mocks).withOptions(TestOptions.builder().projectName("connectsoft-factory").stackName("dev").build())
                .runTest(ctx -> FactoryStack.define(ctx, settings));
    }

    private void runWithDist() throws Exception {
        run(FactoryStackTest.devStack().withWeb(Optional.of(dist.toString()), "", ""));
        assertEquals(List.of(), result.exceptions());
        assertEquals(0, result.exitCode());
    }

    @Test
    void theStaticWebsiteAnswersEveryClientRouteWithIndexHtml() throws Exception {
        runWithDist();
        Registered site = mocks.one("azure-native:storage:StorageAccountStaticWebsite", "web-site");
        assertEquals("web", site.text("accountName"));
        assertEquals("index.html", site.text("indexDocument"));
        assertEquals("index.html", site.text("error404Document"));

        // Front Door rewrites every path that is not a built file to /index.html, so /studio/runs/run-1 answers 200
        Registered fallback = mocks.one("azure-native:cdn:Rule", "web-spa-fallback");
        List<Map<String, Object>> conditions = maps(fallback.at("conditions"));
        assertEquals(2, conditions.size());
        assertEquals(Map.of("typeName", "DeliveryRuleUrlPathMatchConditionParameters", "operator", "BeginsWith", "matchValues", List.of("assets/"),
                "negateCondition", true), conditions.get(0).get("parameters"));
        assertEquals(Map.of("typeName", "DeliveryRuleUrlPathMatchConditionParameters", "operator", "Equal",
                "matchValues", List.of("config.json", "favicon.svg", "index.html"), "negateCondition", true), conditions.get(1).get("parameters"));
        conditions.forEach(c -> assertEquals("UrlPath", c.get("name")));
        List<Map<String, Object>> actions = maps(fallback.at("actions"));
        assertEquals(List.of(Map.of("name", "UrlRewrite", "parameters", Map.of("typeName", "DeliveryRuleUrlRewriteActionParameters",
                "sourcePattern", "/", "destination", "/index.html", "preserveUnmatchedPath", false))), actions);
        assertTrue(matchesFallback(conditions, "studio/runs/run-1"));
        assertTrue(matchesFallback(conditions, "catalog/ConnectSoft.Template.FunctionsMicroservice"), "a listing id with dots is a route");
        assertTrue(matchesFallback(conditions, ""), "the root");
        assertFalse(matchesFallback(conditions, "assets/index-Bq3x9.js"));
        assertFalse(matchesFallback(conditions, "favicon.svg"));
        assertFalse(matchesFallback(conditions, "config.json"));
    }

    /** Whether a path (as Front Door Standard matches it: no leading slash) meets every condition (AND; values OR'd). */
    private static boolean matchesFallback(List<Map<String, Object>> conditions, String path) {
        for (Map<String, Object> c : conditions) {
            Map<?, ?> p = (Map<?, ?>) c.get("parameters");
            List<?> values = (List<?>) p.get("matchValues");
            boolean hit = switch (String.valueOf(p.get("operator"))) {
                case "BeginsWith" -> values.stream().anyMatch(v -> path.startsWith(String.valueOf(v)));
                case "Equal" -> values.contains(path);
                default -> throw new AssertionError("operator " + p.get("operator"));
            };
            if (hit == Boolean.TRUE.equals(p.get("negateCondition"))) {
                return false;
            }
        }
        return true;
    }

    @Test
    void theCspAllowsTheApiOriginAndEntraSignInToConnectAndNothingBroader() throws Exception {
        runWithDist();
        Registered security = mocks.one("azure-native:cdn:Rule", "web-security-headers");
        assertEquals(List.of(), security.at("conditions"), "on every answer");
        Map<String, String> headers = headers(security);
        assertEquals(List.of("Content-Security-Policy", "X-Content-Type-Options", "Referrer-Policy", "X-Frame-Options", "Strict-Transport-Security"),
                List.copyOf(headers.keySet()));
        Map<String, List<String>> csp = directives(headers.get("Content-Security-Policy"));
        assertEquals(List.of("'self'", API, "https://login.microsoftonline.com"), csp.get("connect-src"));
        assertEquals(List.of("'self'"), csp.get("default-src"));
        assertEquals(List.of("'self'"), csp.get("script-src"), "no inline or remote scripts");
        assertEquals(List.of("'none'"), csp.get("frame-ancestors"));
        for (Map.Entry<String, List<String>> d : csp.entrySet()) {
            if (!d.getKey().equals("connect-src")) {
                assertTrue(d.getValue().stream().noneMatch(v -> v.startsWith("http")), d.getKey() + " names an origin: " + d.getValue());
            }
            assertTrue(d.getValue().stream().noneMatch(v -> v.contains("*") || v.equals("https:") || v.contains("unsafe")), d.toString());
        }
        assertEquals("nosniff", headers.get("X-Content-Type-Options"));
        assertEquals("DENY", headers.get("X-Frame-Options"));
        assertEquals("no-referrer", headers.get("Referrer-Policy"));
    }

    private static Map<String, List<String>> directives(String policy) {
        Map<String, List<String>> out = new LinkedHashMap<>();
        for (String d : policy.split(";")) {
            List<String> parts = Arrays.stream(d.strip().split("\\s+")).toList();
            assertFalse(out.containsKey(parts.get(0)), "directive twice: " + parts.get(0));
            out.put(parts.get(0), parts.subList(1, parts.size()));
        }
        return out;
    }

    @Test
    void hashedAssetsAreImmutableAndEverythingElseIsRevalidated() throws Exception {
        runWithDist();
        Registered immutable = mocks.one("azure-native:cdn:Rule", "web-immutable-assets");
        Registered revalidate = mocks.one("azure-native:cdn:Rule", "web-revalidate");
        assertEquals(Map.of("Cache-Control", "public, max-age=31536000, immutable"), headers(immutable));
        assertEquals(Map.of("Cache-Control", "no-cache"), headers(revalidate));
        Map<?, ?> onAssets = (Map<?, ?>) maps(immutable.at("conditions")).get(0).get("parameters");
        Map<?, ?> offAssets = (Map<?, ?>) maps(revalidate.at("conditions")).get(0).get("parameters");
        assertEquals(List.of("assets/"), onAssets.get("matchValues"));
        assertEquals(Boolean.FALSE, onAssets.get("negateCondition"));
        assertEquals(List.of("assets/"), offAssets.get("matchValues"));
        assertEquals(Boolean.TRUE, offAssets.get("negateCondition"), "index.html and config.json are asked for again each time");
        List<Integer> orders = mocks.ofType("azure-native:cdn:Rule").stream().map(r -> ((Number) r.at("order")).intValue()).sorted().toList();
        assertEquals(List.of(1, 2, 3, 4), orders, "Front Door needs distinct orders");
        for (Registered r : mocks.ofType("azure-native:cdn:Rule")) {
            assertTrue(r.text("ruleName").matches("[a-zA-Z][a-zA-Z0-9]*"), r.text("ruleName"));
            assertTrue(((List<?>) r.at("actions")).size() <= 5, r.name() + ": Front Door takes at most 5 actions per rule");
            assertTrue(((List<?>) r.at("conditions")).size() <= 10, r.name() + ": Front Door takes at most 10 conditions per rule");
        }
    }

    @Test
    void theFunctionAppsCorsAllowsExactlyTheWebOriginWhichTheStackExports() throws Exception {
        runWithDist();
        Registered app = mocks.one("azure-native:web:WebApp", "functions");
        assertEquals(List.of(WEB), app.at("siteConfig.cors.allowedOrigins"));
        assertEquals(Boolean.FALSE, app.at("siteConfig.cors.supportCredentials"), "keys and tokens travel in headers, never cookies");
        assertEquals(WEB, PulumiTest.extractValue(result.output("webUrl")));

        Registered endpoint = mocks.one("azure-native:cdn:AFDEndpoint", "web");
        assertEquals("web-cdn", endpoint.text("profileName"));
        assertEquals("Standard_AzureFrontDoor", mocks.one("azure-native:cdn:Profile", "web-cdn").text("sku.name"));
        Registered origin = mocks.one("azure-native:cdn:AFDOrigin", "web-storage");
        assertEquals("web.z6.web.core.windows.net", origin.text("hostName"), "the static website's endpoint, not the blob endpoint");
        assertEquals("web.z6.web.core.windows.net", origin.text("originHostHeader"));
        assertEquals(Boolean.TRUE, origin.at("enforceCertificateNameCheck"));
        assertEquals("web-origins", origin.text("originGroupName"));
        Registered route = mocks.one("azure-native:cdn:Route", "web-route");
        assertEquals("Enabled", route.text("httpsRedirect"));
        assertEquals("HttpsOnly", route.text("forwardingProtocol"));
        assertEquals(List.of("/*"), route.at("patternsToMatch"));
        assertTrue(route.text("originGroup.id").endsWith("cdn/AFDOriginGroup/web-origins"), route.text("originGroup.id"));
        assertEquals(1, ((List<?>) route.at("ruleSets")).size());
        assertTrue(route.text("ruleSets").contains("cdn/RuleSet/web-rules"), route.text("ruleSets"));
        assertEquals("webRules", mocks.one("azure-native:cdn:RuleSet", "web-rules").text("ruleSetName"));
    }

    @Test
    void everyBuiltFileIsUploadedWithItsContentTypeAndConfigJsonNamesTheApi() throws Exception {
        runWithDist();
        Map<String, Registered> blobs = webBlobs();
        assertEquals(List.of("assets/index-Bq3x9.js", "assets/index-D4kz2.css", "assets/logo-A1b2.woff2", "assets/msal-C9a1.js", "config.json",
                "favicon.svg", "index.html"), blobs.keySet().stream().sorted().toList());
        Map<String, String> types = blobs.values().stream().collect(Collectors.toMap(b -> b.text("blobName"), b -> b.text("contentType")));
        assertEquals(Map.of("index.html", "text/html; charset=utf-8", "favicon.svg", "image/svg+xml", "config.json", "application/json",
                "assets/index-Bq3x9.js", "text/javascript; charset=utf-8", "assets/msal-C9a1.js", "text/javascript; charset=utf-8",
                "assets/index-D4kz2.css", "text/css; charset=utf-8", "assets/logo-A1b2.woff2", "font/woff2"), types);
        for (Registered b : blobs.values()) {
            assertEquals("$web", b.text("containerName"), b.name());
            assertEquals("web", b.text("accountName"), b.name());
            assertEquals("Block", b.text("type"), b.name());
        }
        assertEquals(dist.resolve("assets/index-Bq3x9.js").toString(), asset(blobs.get("assets/index-Bq3x9.js")));

        // the build's own config.json (same origin, for ./factory serve) is replaced by the deployment's
        JsonNode config = new ObjectMapper().readTree(asset(blobs.get("config.json")));
        assertEquals(Map.of("apiBaseUrl", API), new ObjectMapper().convertValue(config, Map.class));
    }

    @Test
    void withoutABuildNothingIsUploadedAndTheHostingStillStands() throws Exception {
        run(FactoryStackTest.devStack().withWeb(Optional.of(tmp.resolve("no-such-dist").toString()), "", ""));
        assertEquals(List.of(), result.exceptions());
        assertEquals(Map.of(), webBlobs(), "no file and no config.json without a build");
        mocks.one("azure-native:storage:StorageAccountStaticWebsite", "web-site");
        mocks.one("azure-native:cdn:Route", "web-route");
        Registered fallback = mocks.one("azure-native:cdn:Rule", "web-spa-fallback");
        assertEquals(List.of("config.json", "index.html"), ((Map<?, ?>) maps(fallback.at("conditions")).get(1).get("parameters")).get("matchValues"));
        assertEquals(List.of(WEB), mocks.one("azure-native:web:WebApp", "functions").at("siteConfig.cors.allowedOrigins"));

        run(FactoryStackTest.devStack().withWeb(Optional.empty(), "", ""));
        assertEquals(List.of(), result.exceptions());
        assertEquals(Map.of(), webBlobs(), "webDist set empty: nothing uploaded");
    }

    @Test
    void aDirectoryThatIsNotABuildIsRefusedWithWhatToRun() throws Exception {
        Files.delete(dist.resolve("index.html"));
        run(FactoryStackTest.devStack().withWeb(Optional.of(dist.toString()), "", ""));
        assertTrue(result.exceptions().stream().anyMatch(e -> String.valueOf(e.getMessage()).contains("has no index.html: build it first: "
                + "cd marketplace-web && npm ci && npm run build")), result.exceptions().toString());

        Files.writeString(dist.resolve("index.html"), "<!doctype html>");
        Files.createSymbolicLink(dist.resolve("assets/secrets.js"), Path.of("/etc/passwd"));
        IllegalArgumentException link = assertThrows(IllegalArgumentException.class, () -> WebDist.scan(dist));
        assertTrue(link.getMessage().contains("assets/secrets.js, which is not a regular file"), link.getMessage());
        Files.delete(dist.resolve("assets/secrets.js"));

        Files.writeString(dist.resolve("assets/a b.js"), "");
        IllegalArgumentException name = assertThrows(IllegalArgumentException.class, () -> WebDist.scan(dist));
        assertTrue(name.getMessage().contains("'assets/a b.js'"), name.getMessage());
        Files.delete(dist.resolve("assets/a b.js"));

        for (int i = 0; i <= WebDist.MAX_FILES; i++) {
            Files.writeString(dist.resolve("assets/f" + i + ".js"), "");
        }
        IllegalArgumentException many = assertThrows(IllegalArgumentException.class, () -> WebDist.scan(dist));
        assertTrue(many.getMessage().contains("more than " + WebDist.MAX_FILES + " files"), many.getMessage());
    }

    @Test
    void theFunctionAppPublishesTheSpaSignInTheWebAppReads() throws Exception {
        run(FactoryStackTest.devStack().withEntraAudience(API_CLIENT).withWeb(Optional.empty(), SPA_CLIENT, RecordingMocks.TENANT));
        assertEquals(List.of(), result.exceptions());
        Map<String, String> settings = appSettings();
        assertEquals(SPA_CLIENT, settings.get(BrowserSignIn.CLIENT_ID));
        assertEquals("https://login.microsoftonline.com/" + RecordingMocks.TENANT, settings.get(BrowserSignIn.AUTHORITY));
        BrowserSignIn read = BrowserSignIn.from(settings).orElseThrow();
        assertEquals(SPA_CLIENT, read.clientId());
        assertEquals(List.of("api://" + API_CLIENT + "/.default"), read.scopes());
        assertTrue(read.authority().startsWith(WebHosting.LOGIN_ORIGIN + "/"), "the CSP's connect-src covers the authority");

        run(FactoryStackTest.devStack().withWeb(Optional.empty(), "", ""));
        assertFalse(appSettings().containsKey(BrowserSignIn.CLIENT_ID), "no SPA registration: API keys only");

        StackSettings dev = FactoryStackTest.devStack();
        IllegalArgumentException noAudience = assertThrows(IllegalArgumentException.class, () -> dev.withWeb(Optional.empty(), SPA_CLIENT, ""));
        assertTrue(noAudience.getMessage().startsWith("connectsoft-factory:entraSpaClientId is set but entraAudience is not"), noAudience.getMessage());
        IllegalArgumentException badTenant = assertThrows(IllegalArgumentException.class,
                () -> StackSettings.from(k -> k.equals("entraTenantId") ? Optional.of("contoso.com") : Optional.empty(), "dev"));
        assertTrue(badTenant.getMessage().startsWith("connectsoft-factory:entraTenantId is 'contoso.com'"), badTenant.getMessage());
        IllegalArgumentException badClient = assertThrows(IllegalArgumentException.class,
                () -> StackSettings.from(k -> k.equals("entraSpaClientId") ? Optional.of("my spa") : Optional.empty(), "dev"));
        assertTrue(badClient.getMessage().startsWith("connectsoft-factory:entraSpaClientId is 'my spa'"), badClient.getMessage());
    }

    @Test
    void theStackFilesPointAtTheWebBuildAndOnlyAnHttpsOriginReachesCspOrConfig() throws Exception {
        for (String stack : List.of("dev", "prod")) {
            StackSettings s = StackSettings.fromStackFile(Path.of("Pulumi." + stack + ".yaml"), stack);
            assertEquals(Optional.of("../marketplace-web/dist"), s.web().dist(), stack);
            assertEquals("", s.web().spaClientId(), stack);
            assertEquals("https://login.microsoftonline.com/organizations", s.web().authority(), stack);
        }
        assertEquals(API, WebHosting.origin(API + "/"));
        for (String bad : List.of("http://functions.azurewebsites.net", "https://functions.azurewebsites.net/api", "https://a.net; script-src *",
                "https://*.azurewebsites.net", "https://Functions.net")) {
            assertThrows(IllegalArgumentException.class, () -> WebHosting.contentSecurityPolicy(bad), bad);
            assertThrows(IllegalArgumentException.class, () -> WebHosting.runtimeConfig(bad), bad);
        }
    }

    /** Blobs of the web account's $web container, by blob name. */
    private Map<String, Registered> webBlobs() {
        return mocks.ofType("azure-native:storage:Blob").stream().filter(b -> "web".equals(b.text("accountName")))
                .collect(Collectors.toMap(b -> b.text("blobName"), b -> b));
    }

    private static String asset(Registered blob) {
        Object source = blob.at("source");
        assertTrue(source instanceof AssetOrArchive, "source of " + blob.name() + ": " + source);
        return String.valueOf(AssetOrArchive.AssetOrArchiveInternal.from((AssetOrArchive) source).getValue());
    }

    /** The response headers a rule's actions set (all Overwrite). */
    private static Map<String, String> headers(Registered rule) {
        Map<String, String> out = new LinkedHashMap<>();
        for (Map<String, Object> a : maps(rule.at("actions"))) {
            assertEquals("ModifyResponseHeader", a.get("name"));
            Map<?, ?> p = (Map<?, ?>) a.get("parameters");
            assertEquals("DeliveryRuleHeaderActionParameters", p.get("typeName"));
            assertEquals("Overwrite", p.get("headerAction"));
            out.put(String.valueOf(p.get("headerName")), String.valueOf(p.get("value")));
        }
        return out;
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> maps(Object list) {
        return ((List<?>) list).stream().map(o -> (Map<String, Object>) o).toList();
    }

    private Map<String, String> appSettings() {
        Map<String, String> out = new LinkedHashMap<>();
        for (Object o : (List<?>) mocks.one("azure-native:web:WebApp", "functions").at("siteConfig.appSettings")) {
            Map<?, ?> m = (Map<?, ?>) o;
            out.put(String.valueOf(m.get("name")), String.valueOf(m.get("value")));
        }
        return out;
    }
}
