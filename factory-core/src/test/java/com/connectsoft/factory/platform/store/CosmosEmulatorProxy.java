package com.connectsoft.factory.platform.store;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Test-only HTTP proxy in front of the npm Cosmos DB emulator (@vercel/cosmosdb-server), making it answer as the
 * Java SDK expects (see PLATFORM-NOTES): query-plan requests get a plan that leaves the query to the server; a read
 * of a missing item (500 there) becomes 404; responses under a collection carry x-ms-alt-content-path. It can also
 * answer the next requests with 429 and a retry-after, to show that throttling is retried.
 */
final class CosmosEmulatorProxy implements AutoCloseable {
    private static final Set<String> RESTRICTED = Set.of("connection", "content-length", "expect", "host", "upgrade",
            "transfer-encoding", "keep-alive");
    private static final Pattern COLLECTION = Pattern.compile("^/(dbs/[^/]+/colls/[^/]+)");
    private static final Pattern ITEM = Pattern.compile("^/dbs/[^/]+/colls/[^/]+/docs/[^/]+$");
    private static final String PLAN = """
            {"partitionedQueryExecutionInfoVersion":2,"queryInfo":{"distinctType":"None","top":null,"offset":null,"limit":null,\
            "orderBy":[],"orderByExpressions":[],"groupByExpressions":[],"groupByAliases":[],"aggregates":[],\
            "groupByAliasToAggregateType":{},"rewrittenQuery":"","hasSelectValue":false,"dCountInfo":null,\
            "hasNonStreamingOrderBy":false},"queryRanges":[{"min":"","max":"FF","isMinInclusive":true,"isMaxInclusive":false}]}""";

    private final HttpServer server;
    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final String target;
    final AtomicInteger throttleNext = new AtomicInteger();
    final AtomicInteger throttled = new AtomicInteger();

    CosmosEmulatorProxy(String emulator) throws IOException {
        this.target = emulator.replaceAll("/+$", "");
        this.server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", this::handle);
        server.setExecutor(Executors.newFixedThreadPool(8));
        server.start();
    }

    String endpoint() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/";
    }

    private void handle(HttpExchange ex) throws IOException {
        try (ex) {
            String path = ex.getRequestURI().getRawPath();
            byte[] body;
            try (InputStream in = ex.getRequestBody()) {
                body = in.readAllBytes();
            }
            Matcher collection = COLLECTION.matcher(path);
            if (collection.find()) {
                ex.getResponseHeaders().add("x-ms-alt-content-path", collection.group(1));
            }
            if (throttleNext.get() > 0 && throttleNext.getAndDecrement() > 0) {
                throttled.incrementAndGet();
                ex.getResponseHeaders().add("x-ms-retry-after-ms", "150");
                ex.getResponseHeaders().add("Content-Type", "application/json");
                respond(ex, 429, "{\"code\":\"TooManyRequests\",\"message\":\"throttled by the test proxy\"}");
                return;
            }
            if ("true".equalsIgnoreCase(ex.getRequestHeaders().getFirst("x-ms-cosmos-is-query-plan-request"))) {
                ex.getResponseHeaders().add("Content-Type", "application/json");
                respond(ex, 200, PLAN);
                return;
            }
            HttpRequest.Builder req = HttpRequest.newBuilder(URI.create(target + ex.getRequestURI()))
                    .timeout(Duration.ofSeconds(30))
                    .method(ex.getRequestMethod(), body.length == 0 ? HttpRequest.BodyPublishers.noBody()
                            : HttpRequest.BodyPublishers.ofByteArray(body));
            for (Map.Entry<String, List<String>> h : ex.getRequestHeaders().entrySet()) {
                if (!RESTRICTED.contains(h.getKey().toLowerCase(Locale.ROOT))) {
                    h.getValue().forEach(v -> req.header(h.getKey(), v));
                }
            }
            HttpResponse<byte[]> r;
            try {
                r = client.send(req.build(), HttpResponse.BodyHandlers.ofByteArray());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                respond(ex, 503, "{}");
                return;
            }
            int status = r.statusCode();
            byte[] out = r.body();
            if (status == 500 && "GET".equals(ex.getRequestMethod()) && ITEM.matcher(path).matches()) {
                status = 404;
                out = "{\"code\":\"NotFound\",\"message\":\"Entity with the specified id does not exist in the system.\"}"
                        .getBytes(StandardCharsets.UTF_8);
            }
            for (Map.Entry<String, List<String>> h : r.headers().map().entrySet()) {
                if (!RESTRICTED.contains(h.getKey().toLowerCase(Locale.ROOT)) && !h.getKey().startsWith(":")) {
                    h.getValue().forEach(v -> ex.getResponseHeaders().add(h.getKey(), v));
                }
            }
            ex.sendResponseHeaders(status, out.length == 0 ? -1 : out.length);
            if (out.length > 0) {
                try (OutputStream os = ex.getResponseBody()) {
                    os.write(out);
                }
            }
        }
    }

    private static void respond(HttpExchange ex, int status, String json) throws IOException {
        byte[] b = json.getBytes(StandardCharsets.UTF_8);
        ex.sendResponseHeaders(status, b.length);
        try (OutputStream os = ex.getResponseBody()) {
            os.write(b);
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
