package com.connectsoft.factory.api;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/** Serves the {@link FactoryApi} over HTTP on one machine (`./factory serve`, default localhost:7071). */
public final class LocalHost implements AutoCloseable {
    static {
        // Without TCP_NODELAY the JDK server's separate header and body writes meet the client's delayed ACK:
        // every response waits ~40 ms. The JDK reads this once, when its HTTP server first loads.
        if (System.getProperty("sun.net.httpserver.nodelay") == null) {
            System.setProperty("sun.net.httpserver.nodelay", "true");
        }
    }

    private static final int MAX_BODY = 2 * 1024 * 1024;
    private final HttpServer server;
    private final ExecutorService requests = Executors.newFixedThreadPool(16);

    public LocalHost(FactoryApi api, String host, int port) throws IOException {
        this.server = HttpServer.create(new InetSocketAddress(host, port), 128);
        server.createContext("/", exchange -> serve(api, exchange));
        server.setExecutor(requests);
        server.start();
    }

    public int port() {
        return server.getAddress().getPort();
    }

    private static void serve(FactoryApi api, HttpExchange ex) throws IOException {
        try (ex) {
            byte[] body;
            try (InputStream in = ex.getRequestBody()) {
                body = in.readNBytes(MAX_BODY + 1);
            }
            FactoryApi.Response response;
            if (body.length > MAX_BODY) {
                response = new FactoryApi.Response(413, Map.of("Content-Type", "application/problem+json"),
                        "{\"title\":\"the body is larger than 2 MiB\",\"status\":413}".getBytes(StandardCharsets.UTF_8));
            } else {
                Map<String, String> headers = new HashMap<>();
                ex.getRequestHeaders().forEach((k, v) -> headers.put(k, String.join(",", v)));
                response = api.handle(new FactoryApi.Request(ex.getRequestMethod(), ex.getRequestURI().getPath(), headers,
                        query(ex.getRequestURI().getRawQuery()), body));
            }
            response.headers().forEach((k, v) -> ex.getResponseHeaders().add(k, v));
            ex.sendResponseHeaders(response.status(), response.body().length == 0 ? -1 : response.body().length);
            if (response.body().length > 0) {
                try (OutputStream out = ex.getResponseBody()) {
                    out.write(response.body());
                }
            }
        }
    }

    private static Map<String, String> query(String raw) {
        Map<String, String> q = new HashMap<>();
        if (raw == null || raw.isEmpty()) {
            return q;
        }
        for (String pair : raw.split("&")) {
            List<String> kv = List.of(pair.split("=", 2));
            q.put(URLDecoder.decode(kv.get(0), StandardCharsets.UTF_8), kv.size() > 1 ? URLDecoder.decode(kv.get(1), StandardCharsets.UTF_8) : "");
        }
        return q;
    }

    @Override
    public void close() {
        server.stop(0);
        requests.shutdownNow();
    }
}
