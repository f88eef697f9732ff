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
 * answer the next requests with 429 and a retry-after, to show that throttling is retried. The emulator has no
 * transactional batch: the proxy runs one by checking every operation first (existence, If-Match) and then applying
 * them one by one, with all writes through the proxy serialised, so a batch is all-or-nothing for clients that use
 * this proxy (a real account is atomic on its own; CosmosAccountTest covers it there). The emulator's CONTAINS,
 * STARTSWITH and ENDSWITH take two arguments only: a query's case-insensitive form ({@code CONTAINS(a, b, true)}, which
 * a real account accepts) reaches it as {@code CONTAINS(LOWER(a), LOWER(b))}.
 */
final class CosmosEmulatorProxy implements AutoCloseable {
    private static final Set<String> RESTRICTED = Set.of("connection", "content-length", "expect", "host", "upgrade",
            "transfer-encoding", "keep-alive");
    private static final Pattern COLLECTION = Pattern.compile("^/(dbs/[^/]+/colls/[^/]+)");
    private static final Pattern SELECT_VALUE = Pattern.compile("\"query\"\\s*:\\s*\"\\s*(?i:SELECT\\s+VALUE)\\b");
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
    private final Object writes = new Object();

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
                // SELECT VALUE: the SDK unwraps each result (e.g. a COUNT) only when the plan says so, as a real gateway's does
                respond(ex, 200, SELECT_VALUE.matcher(new String(body, StandardCharsets.UTF_8)).find()
                        ? PLAN.replace("\"hasSelectValue\":false", "\"hasSelectValue\":true") : PLAN);
                return;
            }
            if ("true".equalsIgnoreCase(ex.getRequestHeaders().getFirst("x-ms-documentdb-isquery")) && body.length > 0) {
                body = caseInsensitiveFunctions(body);
            }
            boolean write = !"GET".equals(ex.getRequestMethod()) && path.contains("/docs")
                    && !"true".equalsIgnoreCase(ex.getRequestHeaders().getFirst("x-ms-documentdb-isquery"));
            HttpResponse<byte[]> r;
            try {
                if ("true".equalsIgnoreCase(ex.getRequestHeaders().getFirst("x-ms-cosmos-is-batch-request"))) {
                    synchronized (writes) {
                        batch(ex, path, body);
                    }
                    return;
                }
                if (write) {
                    synchronized (writes) {
                        r = send(ex.getRequestMethod(), ex.getRequestURI().toString(), ex.getRequestHeaders(), Map.of(), body);
                    }
                } else {
                    r = send(ex.getRequestMethod(), ex.getRequestURI().toString(), ex.getRequestHeaders(), Map.of(), body);
                }
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

    private static final Pattern STRING_FUNCTION = Pattern.compile("(?<![A-Za-z0-9_])(?i:CONTAINS|STARTSWITH|ENDSWITH)\\s*\\(");

    /** A query body with every three-argument CONTAINS/STARTSWITH/ENDSWITH in the two-argument form the emulator knows. */
    static byte[] caseInsensitiveFunctions(byte[] body) throws IOException {
        com.fasterxml.jackson.databind.ObjectMapper json = new com.fasterxml.jackson.databind.ObjectMapper();
        com.fasterxml.jackson.databind.JsonNode tree = json.readTree(body);
        if (!(tree instanceof com.fasterxml.jackson.databind.node.ObjectNode query) || !query.path("query").isTextual()) {
            return body;
        }
        String sql = query.get("query").textValue();
        String rewritten = caseInsensitiveFunctions(sql);
        if (rewritten.equals(sql)) {
            return body;
        }
        query.put("query", rewritten);
        return json.writeValueAsBytes(query);
    }

    /**
     * {@code F(a, b, true)} becomes {@code F(LOWER(a), LOWER(b))} and {@code F(a, b, false)} becomes {@code F(a, b)};
     * string literals are left alone.
     */
    static String caseInsensitiveFunctions(String sql) {
        StringBuilder out = new StringBuilder();
        Matcher m = STRING_FUNCTION.matcher(sql).useTransparentBounds(true);
        int i = 0;
        while (i < sql.length()) {
            char c = sql.charAt(i);
            if (c == '"' || c == '\'') {
                int close = endOfLiteral(sql, i);
                out.append(sql, i, close);
                i = close;
                continue;
            }
            if (!m.region(i, sql.length()).lookingAt()) {
                out.append(c);
                i++;
                continue;
            }
            List<String> args = new java.util.ArrayList<>();
            int depth = 0;
            int start = m.end();
            int end = -1;
            for (int j = m.end(); j < sql.length() && end < 0; j++) {
                char d = sql.charAt(j);
                if (d == '"' || d == '\'') {
                    j = endOfLiteral(sql, j) - 1;
                } else if (d == '(' || d == '[') {
                    depth++;
                } else if ((d == ')' || d == ']') && depth > 0) {
                    depth--;
                } else if (d == ',' && depth == 0) {
                    args.add(sql.substring(start, j));
                    start = j + 1;
                } else if (d == ')') {
                    args.add(sql.substring(start, j));
                    end = j;
                }
            }
            String name = m.group().replaceAll("[\\s(]", "");
            if (end >= 0 && args.size() == 3 && args.get(2).strip().equalsIgnoreCase("true")) {
                out.append(name).append("(LOWER(").append(caseInsensitiveFunctions(args.get(0).strip())).append("), LOWER(")
                        .append(caseInsensitiveFunctions(args.get(1).strip())).append("))");
            } else if (end >= 0 && args.size() == 3 && args.get(2).strip().equalsIgnoreCase("false")) {
                out.append(name).append("(").append(caseInsensitiveFunctions(args.get(0).strip())).append(", ")
                        .append(caseInsensitiveFunctions(args.get(1).strip())).append(")");
            } else {
                out.append(sql, i, m.end());
                i = m.end();
                continue;
            }
            i = end + 1;
        }
        return out.toString();
    }

    /** The index just after the string literal that starts at {@code open} (or the end of the text). */
    private static int endOfLiteral(String sql, int open) {
        char quote = sql.charAt(open);
        for (int j = open + 1; j < sql.length(); j++) {
            char d = sql.charAt(j);
            if (d == '\\') {
                j++;
            } else if (d == quote) {
                return j + 1;
            }
        }
        return sql.length();
    }

    private HttpResponse<byte[]> send(String method, String uri, Map<String, List<String>> headers, Map<String, String> extra, byte[] body)
            throws IOException, InterruptedException {
        HttpRequest.Builder req = HttpRequest.newBuilder(URI.create(target + uri)).timeout(Duration.ofSeconds(30))
                .method(method, body.length == 0 ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofByteArray(body));
        for (Map.Entry<String, List<String>> h : headers.entrySet()) {
            String name = h.getKey().toLowerCase(Locale.ROOT);
            if (!RESTRICTED.contains(name) && !name.startsWith("x-ms-cosmos-batch") && !name.equals("x-ms-cosmos-is-batch-request")
                    && !extra.containsKey(name)) {
                h.getValue().forEach(v -> req.header(h.getKey(), v));
            }
        }
        extra.forEach(req::header);
        return client.send(req.build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    /** One operation of a batch request, and the request that carries it out. */
    private record Operation(String type, String id, com.fasterxml.jackson.databind.JsonNode body, String ifMatch) {
    }

    /** Checks every operation, then applies them in order; answers as the service does (200, or 207 with 424s). */
    private void batch(HttpExchange ex, String docsPath, byte[] body) throws IOException, InterruptedException {
        com.fasterxml.jackson.databind.ObjectMapper json = new com.fasterxml.jackson.databind.ObjectMapper();
        List<Operation> ops = new java.util.ArrayList<>();
        for (com.fasterxml.jackson.databind.JsonNode op : json.readTree(body)) {
            com.fasterxml.jackson.databind.JsonNode resource = op.path("resourceBody");
            String id = op.hasNonNull("id") ? op.get("id").asText() : resource.path("id").asText();
            ops.add(new Operation(op.path("operationType").asText(), id, resource, op.hasNonNull("ifMatch") ? op.get("ifMatch").asText() : null));
        }
        Map<String, List<String>> headers = ex.getRequestHeaders();
        int failed = -1;
        int failure = 0;
        for (int i = 0; i < ops.size() && failed < 0; i++) {
            Operation op = ops.get(i);
            HttpResponse<byte[]> current = send("GET", docsPath + "/" + op.id(), headers, Map.of(), new byte[0]);
            boolean exists = current.statusCode() == 200;
            String etag = current.headers().firstValue("etag").orElse(null);
            int status = switch (op.type()) {
                case "Create" -> exists ? 409 : 0;
                case "Replace", "Delete" -> !exists ? 404 : op.ifMatch() != null && !op.ifMatch().equals(etag) ? 412 : 0;
                case "Upsert" -> op.ifMatch() != null && exists && !op.ifMatch().equals(etag) ? 412 : 0;
                default -> 400;
            };
            if (status != 0) {
                failed = i;
                failure = status;
            }
        }
        com.fasterxml.jackson.databind.node.ArrayNode results = json.createArrayNode();
        if (failed >= 0) {
            for (int i = 0; i < ops.size(); i++) {
                results.addObject().put("statusCode", i == failed ? failure : 424).put("requestCharge", 1.0);
            }
            ex.getResponseHeaders().add("Content-Type", "application/json");
            respond(ex, 207, results.toString());
            return;
        }
        for (Operation op : ops) {
            byte[] resource = json.writeValueAsBytes(op.body());
            HttpResponse<byte[]> r = switch (op.type()) {
                case "Create" -> send("POST", docsPath, headers, Map.of(), resource);
                case "Upsert" -> send("POST", docsPath, headers, Map.of("x-ms-documentdb-is-upsert", "true"), resource);
                case "Replace" -> send("PUT", docsPath + "/" + op.id(), headers, Map.of(), resource);
                default -> send("DELETE", docsPath + "/" + op.id(), headers, Map.of(), new byte[0]);
            };
            com.fasterxml.jackson.databind.node.ObjectNode result = results.addObject().put("statusCode", r.statusCode()).put("requestCharge", 1.0);
            r.headers().firstValue("etag").ifPresent(e -> result.put("eTag", e));
            if (r.statusCode() >= 300) {
                throw new IllegalStateException("the emulator refused a checked batch operation " + op + ": " + new String(r.body(), StandardCharsets.UTF_8));
            }
        }
        ex.getResponseHeaders().add("Content-Type", "application/json");
        respond(ex, 200, results.toString());
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
