package com.connectsoft.factory.api;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class WebAppTest {
    private static final String SECRET = "the data directory's secret";
    private static final String INDEX = "<!doctype html><title>app</title>";

    @TempDir
    Path dir;
    Path dist;
    final List<String> apiCalls = new ArrayList<>();
    WebApp web;

    @BeforeEach
    void app() throws IOException {
        dist = Files.createDirectories(dir.resolve("dist"));
        Files.writeString(dist.resolve("index.html"), INDEX);
        Files.createDirectories(dist.resolve("assets"));
        Files.writeString(dist.resolve("assets/index-abc123.js"), "console.log('app');".repeat(200));
        Files.writeString(dist.resolve("favicon.svg"), "<svg/>");
        Files.writeString(dist.resolve(".env"), SECRET);
        Files.writeString(dir.resolve("secret.txt"), SECRET);
        web = new WebApp(new HttpApi() {
            @Override
            public FactoryApi.Response handle(FactoryApi.Request request) {
                apiCalls.add(request.method() + " " + request.path());
                return new FactoryApi.Response(200, Map.of("Content-Type", "application/json"), "{}".getBytes(StandardCharsets.UTF_8));
            }

            @Override
            public boolean isWork(String method, String path) {
                return path.equals("/api/v1/blueprints");
            }
        }, dist);
    }

    static FactoryApi.Request get(String path, String... headers) {
        Map<String, String> h = new java.util.HashMap<>();
        for (int i = 0; i + 1 < headers.length; i += 2) {
            h.put(headers[i], headers[i + 1]);
        }
        return new FactoryApi.Request("GET", path, h, Map.of(), new byte[0]);
    }

    static String body(FactoryApi.Response r) {
        return new String(r.body(), StandardCharsets.UTF_8);
    }

    @Test
    void the_root_is_the_apps_index_with_a_content_security_policy_and_no_framing() {
        FactoryApi.Response r = web.handle(get("/"));
        assertEquals(200, r.status());
        assertEquals(INDEX, body(r));
        assertEquals("text/html; charset=utf-8", r.headers().get("Content-Type"));
        String csp = r.headers().get("Content-Security-Policy");
        assertTrue(csp.contains("script-src 'self';"), csp);
        assertFalse(csp.contains("unsafe-inline"), csp);
        assertTrue(csp.contains("frame-ancestors 'none'"), csp);
        assertEquals("nosniff", r.headers().get("X-Content-Type-Options"));
        assertEquals("no-cache", r.headers().get("Cache-Control"));
    }

    @Test
    void hashed_assets_have_their_content_type_and_are_cached_for_good() {
        FactoryApi.Response r = web.handle(get("/assets/index-abc123.js"));
        assertEquals(200, r.status());
        assertEquals("text/javascript; charset=utf-8", r.headers().get("Content-Type"));
        assertTrue(r.headers().get("Cache-Control").contains("immutable"));
        assertEquals("image/svg+xml", web.handle(get("/favicon.svg")).headers().get("Content-Type"));
    }

    @Test
    void a_client_route_is_answered_with_the_index_and_a_missing_file_is_404() {
        for (String route : List.of("/studio", "/studio/runs/run-123", "/catalog/ConnectSoft.Template.X", "/sign-in/")) {
            FactoryApi.Response r = web.handle(get(route));
            assertEquals(200, r.status(), route);
            assertEquals(INDEX, body(r), route);
        }
        assertEquals(404, web.handle(get("/assets/missing-1.js")).status());
        assertEquals(404, web.handle(get("/robots.txt")).status());
    }

    @ParameterizedTest
    @ValueSource(strings = {"/../secret.txt", "/assets/../../secret.txt", "/./index.html", "/assets//index-abc123.js", "/.env",
            "/..", "/..\\secret.txt", "/assets/..%2f..%2fsecret.txt", "/C:/secret.txt", "/%00", "/a\u0000b"})
    void nothing_outside_the_app_nor_hidden_is_ever_served(String path) {
        FactoryApi.Response r = web.handle(get(path));
        assertFalse(body(r).contains(SECRET), path);
        assertTrue(r.status() == 404 || r.status() == 200 && body(r).equals(INDEX), path + " answered " + r.status());
        assertEquals("nosniff", r.headers().get("X-Content-Type-Options"));
    }

    @Test
    void a_symbolic_link_out_of_the_app_is_not_followed() throws IOException {
        Files.createSymbolicLink(dist.resolve("leak.txt"), dir.resolve("secret.txt"));
        Files.createSymbolicLink(dist.resolve("up"), dir);
        assertEquals(404, web.handle(get("/leak.txt")).status());
        assertEquals(404, web.handle(get("/up/secret.txt")).status());
    }

    @Test
    void the_api_keeps_its_routes_and_work_and_other_methods_are_refused() {
        web.handle(get("/api/v1/templates"));
        web.handle(get("/api"));
        assertEquals(List.of("GET /api/v1/templates", "GET /api"), apiCalls);
        assertTrue(web.isWork("POST", "/api/v1/blueprints"));
        FactoryApi.Response post = web.handle(new FactoryApi.Request("POST", "/", Map.of(), Map.of(), new byte[0]));
        assertEquals(405, post.status());
        assertEquals("GET, HEAD", post.headers().get("Allow"));
        assertTrue(apiCalls.size() == 2, "the page routes never reach the API");
    }

    @Test
    void text_is_gzipped_for_clients_that_accept_it() throws IOException {
        FactoryApi.Response plain = web.handle(get("/assets/index-abc123.js"));
        FactoryApi.Response zipped = web.handle(get("/assets/index-abc123.js", "Accept-Encoding", "br, gzip, deflate"));
        assertEquals("gzip", zipped.headers().get("Content-Encoding"));
        assertTrue(zipped.body().length < plain.body().length / 4);
        try (InputStream in = new GZIPInputStream(new ByteArrayInputStream(zipped.body()))) {
            assertArrayEquals(plain.body(), in.readAllBytes());
        }
        assertEquals(null, web.handle(get("/assets/index-abc123.js", "Accept-Encoding", "gzip;q=0")).headers().get("Content-Encoding"));
    }

    @Test
    void an_unbuilt_app_says_how_to_build_it() throws IOException {
        Files.delete(dist.resolve("index.html"));
        FactoryApi.Response r = web.handle(get("/"));
        assertEquals(503, r.status());
        assertTrue(body(r).contains("npm ci && npm run build"), body(r));
    }

    /** Through the real host: Undertow decodes %2e%2e before the app sees the path, which must still not leave dist. */
    @Test
    void encoded_traversal_through_the_host_never_leaves_the_app() throws IOException {
        try (LocalHost host = new LocalHost(web, "127.0.0.1", 0)) {
            for (String path : List.of("/%2e%2e/secret.txt", "/assets/%2e%2e/%2e%2e/secret.txt", "/..%2fsecret.txt", "/%2e%2e%5csecret.txt",
                    "/assets/..;/..;/secret.txt")) {
                String answer = raw(host.port(), path);
                assertFalse(answer.contains(SECRET), path + " leaked: " + answer);
                assertTrue(answer.startsWith("HTTP/1.1 404") || answer.startsWith("HTTP/1.1 400") || answer.contains(INDEX),
                        path + " answered " + answer.lines().findFirst().orElse(""));
            }
            String index = raw(host.port(), "/studio/runs/x");
            assertTrue(index.startsWith("HTTP/1.1 200"), index);
            assertTrue(index.toLowerCase(java.util.Locale.ROOT).contains("content-security-policy: default-src 'self'"), index);
        }
    }

    private static String raw(int port, String path) throws IOException {
        try (Socket s = new Socket("127.0.0.1", port)) {
            s.setSoTimeout(10_000);
            OutputStream out = s.getOutputStream();
            out.write(("GET " + path + " HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            return new String(s.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
