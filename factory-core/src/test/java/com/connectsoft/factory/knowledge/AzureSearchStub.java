package com.connectsoft.factory.knowledge;

import com.azure.core.http.HttpClient;
import com.azure.core.http.HttpHeaders;
import com.azure.core.http.HttpRequest;
import com.azure.core.http.HttpResponse;
import com.connectsoft.factory.platform.json.Json;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.ByteBuffer;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * A local HTTP server answering the Azure AI Search REST shapes the adapter uses (create index, index documents,
 * lookup, count, search with filter, top, select, count and vector queries), with a small in-memory engine behind
 * it: filters of the form {@code scope eq '…' or …} are applied as sent (a missing filter searches everything, as the
 * service does), text and vector rankings are fused by reciprocal rank. The SDK reaches it through {@link #client()},
 * which forwards its https requests here over plain HTTP (key credentials refuse http endpoints).
 */
final class AzureSearchStub implements AutoCloseable {
    static final String ENDPOINT = "https://stub.search.windows.net";
    private static final Pattern INDEX = Pattern.compile("/indexes\\('([a-z0-9-]+)'\\)");
    private static final Pattern DOCS = Pattern.compile("/indexes\\('([a-z0-9-]+)'\\)/docs(?:/(search\\.index|search\\.post\\.search|\\$count)|\\('([^']*)'\\))");
    private static final Pattern FILTER_TERM = Pattern.compile("\\s*scope eq '((?:[^']|'')*)'\\s*");

    private final HttpServer server;
    private final Map<String, Map<String, ObjectNode>> indexes = new ConcurrentHashMap<>();
    /** The search requests received, as sent. */
    final List<JsonNode> searches = new CopyOnWriteArrayList<>();

    AzureSearchStub() {
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.createContext("/", this::handle);
        server.start();
    }

    int port() {
        return server.getAddress().getPort();
    }

    @Override
    public void close() {
        server.stop(0);
    }

    private void handle(HttpExchange ex) throws IOException {
        try (ex) {
            String path = URLDecoder.decode(ex.getRequestURI().getRawPath(), StandardCharsets.UTF_8);
            if (ex.getRequestURI().getRawQuery() == null || !ex.getRequestURI().getRawQuery().contains("api-version=")) {
                reply(ex, 400, error("api-version is required"));
                return;
            }
            byte[] body = ex.getRequestBody().readAllBytes();
            Matcher index = INDEX.matcher(path);
            Matcher docs = DOCS.matcher(path);
            if (index.matches() && ex.getRequestMethod().equals("PUT")) {
                indexes.computeIfAbsent(index.group(1), k -> new ConcurrentHashMap<>());
                reply(ex, 201, new String(body, StandardCharsets.UTF_8));
            } else if (docs.matches()) {
                Map<String, ObjectNode> docsOf = indexes.get(docs.group(1));
                if (docsOf == null) {
                    reply(ex, 404, error("no index " + docs.group(1)));
                } else if ("search.index".equals(docs.group(2))) {
                    reply(ex, 200, indexDocuments(docsOf, Json.read(new String(body, StandardCharsets.UTF_8))));
                } else if ("search.post.search".equals(docs.group(2))) {
                    JsonNode request = Json.read(new String(body, StandardCharsets.UTF_8));
                    searches.add(request);
                    reply(ex, 200, search(docsOf, request));
                } else if ("$count".equals(docs.group(2))) {
                    ex.getResponseHeaders().add("Content-Type", "text/plain");
                    reply(ex, 200, String.valueOf(docsOf.size()));
                } else {
                    ObjectNode d = docsOf.get(docs.group(3));
                    reply(ex, d == null ? 404 : 200, d == null ? error("document not found") : Json.write(d));
                }
            } else {
                reply(ex, 404, error("no route " + path));
            }
        } catch (RuntimeException e) {
            reply(ex, 400, error(e.getMessage()));
        }
    }

    private static String indexDocuments(Map<String, ObjectNode> docs, JsonNode batch) {
        ObjectNode out = Json.object();
        ArrayNode results = out.putArray("value");
        for (JsonNode action : batch.path("value")) {
            ObjectNode d = ((ObjectNode) action).deepCopy();
            String kind = d.remove("@search.action").asText();
            String key = d.path("key").asText();
            switch (kind) {
                case "upload", "mergeOrUpload" -> docs.put(key, d);
                case "delete" -> docs.remove(key);
                default -> throw new IllegalArgumentException("unsupported action " + kind);
            }
            results.addObject().put("key", key).put("status", true).putNull("errorMessage").put("statusCode", 200);
        }
        return Json.write(out);
    }

    private static String search(Map<String, ObjectNode> docs, JsonNode request) {
        List<ObjectNode> visible = new ArrayList<>();
        Optional<Set<String>> scopes = scopes(request.path("filter").asText(null));
        for (ObjectNode d : docs.values()) {
            if (scopes.isEmpty() || scopes.get().contains(d.path("scope").asText())) {
                visible.add(d);
            }
        }
        String text = request.path("search").asText("*");
        Map<ObjectNode, Double> fused = new LinkedHashMap<>();
        if (text.equals("*")) {
            visible.forEach(d -> fused.put(d, 1.0));
        } else {
            Set<String> words = words(text);
            List<ObjectNode> byText = visible.stream().filter(d -> overlap(d, words) > 0)
                    .sorted(Comparator.comparingDouble((ObjectNode d) -> -overlap(d, words))).toList();
            rrf(fused, byText);
        }
        for (JsonNode vq : request.path("vectorQueries")) {
            float[] q = vector(vq.path("vector"));
            int k = vq.path("k").asInt(50);
            List<ObjectNode> byVector = visible.stream().filter(d -> d.has("vector"))
                    .sorted(Comparator.comparingDouble((ObjectNode d) -> -cosine(q, vector(d.path("vector"))))).limit(k).toList();
            rrf(fused, byVector);
        }
        int top = request.path("top").asInt(50);
        Set<String> select = request.hasNonNull("select") ? new HashSet<>(Arrays.asList(request.path("select").asText().split(","))) : null;
        ObjectNode out = Json.object();
        if (request.path("count").asBoolean(false)) {
            out.put("@odata.count", fused.size());
        }
        ArrayNode value = out.putArray("value");
        fused.entrySet().stream().sorted(Map.Entry.<ObjectNode, Double>comparingByValue().reversed()).limit(top).forEach(e -> {
            ObjectNode hit = value.addObject();
            hit.put("@search.score", e.getValue());
            e.getKey().fields().forEachRemaining(f -> {
                if (select == null || select.contains(f.getKey())) {
                    hit.set(f.getKey(), f.getValue());
                }
            });
        });
        return Json.write(out);
    }

    /** The scopes a filter allows; empty when there is no filter. Anything but our filter shape is a 400. */
    static Optional<Set<String>> scopes(String filter) {
        if (filter == null || filter.isBlank()) {
            return Optional.empty();
        }
        Set<String> out = new HashSet<>();
        for (String term : filter.split(" or ")) {
            Matcher m = FILTER_TERM.matcher(term);
            if (!m.matches()) {
                throw new IllegalArgumentException("Invalid expression: unsupported filter " + filter);
            }
            out.add(m.group(1).replace("''", "'"));
        }
        return Optional.of(out);
    }

    private static void rrf(Map<ObjectNode, Double> fused, List<ObjectNode> ranked) {
        for (int i = 0; i < ranked.size(); i++) {
            fused.merge(ranked.get(i), 1.0 / (60 + i + 1), Double::sum);
        }
    }

    private static Set<String> words(String text) {
        Set<String> out = new HashSet<>();
        for (String w : text.toLowerCase(Locale.ROOT).split("[^a-z0-9]+")) {
            if (w.length() > 2) {
                out.add(w.endsWith("s") ? w.substring(0, w.length() - 1) : w);
            }
        }
        return out;
    }

    private static double overlap(ObjectNode d, Set<String> query) {
        Set<String> title = words(d.path("title").asText());
        Set<String> text = words(d.path("text").asText());
        double score = 0;
        for (String w : query) {
            score += (title.contains(w) ? 2 : 0) + (text.contains(w) ? 1 : 0);
        }
        return score;
    }

    private static float[] vector(JsonNode array) {
        float[] v = new float[array.size()];
        for (int i = 0; i < v.length; i++) {
            v[i] = (float) array.get(i).asDouble();
        }
        return v;
    }

    private static double cosine(float[] a, float[] b) {
        double dot = 0;
        double na = 0;
        double nb = 0;
        for (int i = 0; i < Math.min(a.length, b.length); i++) {
            dot += a[i] * b[i];
            na += a[i] * a[i];
            nb += b[i] * b[i];
        }
        return na == 0 || nb == 0 ? 0 : dot / Math.sqrt(na * nb);
    }

    private static String error(String message) {
        ObjectNode e = Json.object();
        e.putObject("error").put("code", "").put("message", message);
        return Json.write(e);
    }

    private static void reply(HttpExchange ex, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        if (!ex.getResponseHeaders().containsKey("Content-Type")) {
            ex.getResponseHeaders().add("Content-Type", "application/json; odata.metadata=none");
        }
        ex.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
        ex.getResponseBody().write(bytes);
    }

    /** An SDK HTTP client that sends every request to this server instead of the https endpoint it names. */
    HttpClient client() {
        java.net.http.HttpClient jdk = java.net.http.HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        return request -> Mono.fromCallable(() -> forward(jdk, request));
    }

    private HttpResponse forward(java.net.http.HttpClient jdk, HttpRequest request) throws IOException, InterruptedException {
        URI target = URI.create("http://127.0.0.1:" + port() + request.getUrl().getPath()
                + (request.getUrl().getQuery() == null ? "" : "?" + request.getUrl().getQuery()));
        byte[] body = request.getBodyAsBinaryData() == null ? new byte[0] : request.getBodyAsBinaryData().toBytes();
        java.net.http.HttpRequest.Builder b = java.net.http.HttpRequest.newBuilder(target).timeout(Duration.ofSeconds(10))
                .method(request.getHttpMethod().name(), body.length == 0 ? java.net.http.HttpRequest.BodyPublishers.noBody()
                        : java.net.http.HttpRequest.BodyPublishers.ofByteArray(body));
        request.getHeaders().stream().filter(h -> !Set.of("content-length", "host", "connection", "user-agent")
                .contains(h.getName().toLowerCase(Locale.ROOT))).forEach(h -> b.header(h.getName(), h.getValue()));
        java.net.http.HttpResponse<byte[]> r = jdk.send(b.build(), java.net.http.HttpResponse.BodyHandlers.ofByteArray());
        HttpHeaders headers = new HttpHeaders();
        r.headers().map().forEach((k, v) -> headers.set(k, v.get(0)));
        byte[] bytes = r.body();
        return new HttpResponse(request) {
            @Override
            public int getStatusCode() {
                return r.statusCode();
            }

            @Override
            @Deprecated
            public String getHeaderValue(String name) {
                return headers.getValue(name);
            }

            @Override
            public HttpHeaders getHeaders() {
                return headers;
            }

            @Override
            public Flux<ByteBuffer> getBody() {
                return Flux.just(ByteBuffer.wrap(bytes));
            }

            @Override
            public Mono<byte[]> getBodyAsByteArray() {
                return Mono.just(bytes);
            }

            @Override
            public Mono<String> getBodyAsString() {
                return Mono.just(new String(bytes, StandardCharsets.UTF_8));
            }

            @Override
            public Mono<String> getBodyAsString(Charset charset) {
                return Mono.just(new String(bytes, charset));
            }
        };
    }
}
