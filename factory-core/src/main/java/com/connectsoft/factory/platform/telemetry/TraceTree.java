package com.connectsoft.factory.platform.telemetry;

import com.connectsoft.factory.platform.json.Json;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One trace read back from a traces file ({@code FACTORY_TRACES_FILE}) and drawn as a tree: each span with its duration
 * and its ids and counts, children in the order they started. Reading is bounded: lines longer than {@link #MAX_LINE}
 * and spans beyond {@link #MAX_SPANS} are left out (and said so), and spans that name another tenant are never shown.
 */
public final class TraceTree {
    public static final int MAX_LINE = 64 * 1024;
    public static final int MAX_SPANS = 20_000;
    /** The attributes a line shows, and how it names them. */
    private static final Map<String, String> SHOWN = shown();

    private static Map<String, String> shown() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("factory.step", "step");
        m.put("factory.module_id", "module");
        m.put("factory.status", "status");
        m.put("factory.count", "count");
        m.put("factory.tests_run", "tests");
        m.put("factory.tests_failed", "failed");
        m.put("factory.attempt", "attempt");
        m.put("messaging.destination.subscription.name", "subscription");
        m.put("http.response.status_code", "status");
        return java.util.Collections.unmodifiableMap(m);
    }

    /** A span as the file holds it. */
    public record SpanLine(String spanId, String parentSpanId, String name, String kind, long startNanos, long endNanos, String status,
                           Map<String, String> attributes) {
    }

    private final String traceId;
    private final List<SpanLine> spans;
    private final int leftOut;

    private TraceTree(String traceId, List<SpanLine> spans, int leftOut) {
        this.traceId = traceId;
        this.spans = List.copyOf(spans);
        this.leftOut = leftOut;
    }

    /**
     * The spans of {@code traceId} in {@code file}, and in its previous part when it has rotated ({@code <file>.1}), that
     * belong to {@code tenantId} (or name no tenant).
     */
    public static TraceTree read(Path file, String traceId, String tenantId) throws IOException {
        List<SpanLine> found = new ArrayList<>();
        int leftOut = 0;
        Path previous = JsonLinesSpanExporter.previous(file);
        if (Files.isRegularFile(previous)) {
            leftOut += read(previous, traceId, tenantId, found);
        }
        if (Files.isRegularFile(file) || !Files.isRegularFile(previous)) {
            leftOut += read(file, traceId, tenantId, found);
        }
        return new TraceTree(traceId, found, leftOut);
    }

    /** Adds the spans of one file to {@code found}; returns how many of its lines of the trace it left out. */
    private static int read(Path file, String traceId, String tenantId, List<SpanLine> found) throws IOException {
        int leftOut = 0;
        try (BufferedReader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            String line;
            while ((line = r.readLine()) != null) {
                if (!line.contains(traceId)) {
                    continue;
                }
                if (line.length() > MAX_LINE || found.size() >= MAX_SPANS) {
                    leftOut++;
                    continue;
                }
                JsonNode n;
                try {
                    n = Json.read(line);
                } catch (RuntimeException unreadable) {
                    leftOut++;
                    continue;
                }
                JsonNode attrs = n.path("attributes");
                String tenant = attrs.path("factory.tenant_id").asText(null);
                if (!traceId.equals(n.path("traceId").asText()) || (tenant != null && !tenant.equals(tenantId))) {
                    continue;
                }
                Map<String, String> shown = new LinkedHashMap<>();
                SHOWN.forEach((key, label) -> {
                    if (attrs.hasNonNull(key)) {
                        shown.put(label, attrs.get(key).asText());
                    }
                });
                found.add(new SpanLine(n.path("spanId").asText(), n.path("parentSpanId").asText(null), n.path("name").asText(),
                        n.path("kind").asText(), n.path("startEpochNanos").asLong(), n.path("endEpochNanos").asLong(),
                        n.path("status").asText(), shown));
            }
        }
        return leftOut;
    }

    public List<SpanLine> spans() {
        return spans;
    }

    /** The tree, one span a line, indented under its parent; spans whose parent is not in the file start lines of their own. */
    public List<String> render() {
        Set<String> ids = new HashSet<>();
        spans.forEach(s -> ids.add(s.spanId()));
        Map<String, List<SpanLine>> children = new HashMap<>();
        List<SpanLine> roots = new ArrayList<>();
        for (SpanLine s : spans) {
            if (s.parentSpanId() != null && ids.contains(s.parentSpanId()) && !s.parentSpanId().equals(s.spanId())) {
                children.computeIfAbsent(s.parentSpanId(), k -> new ArrayList<>()).add(s);
            } else {
                roots.add(s);
            }
        }
        Comparator<SpanLine> byStart = Comparator.comparingLong(SpanLine::startNanos);
        roots.sort(byStart);
        children.values().forEach(l -> l.sort(byStart));
        List<String> out = new ArrayList<>();
        Set<String> drawn = new HashSet<>();
        for (SpanLine root : roots) {
            draw(root, 0, children, drawn, out, root.parentSpanId() != null);
        }
        if (leftOut > 0) {
            out.add("(" + leftOut + " line(s) of this trace left out: too long, unreadable or beyond " + MAX_SPANS + " spans)");
        }
        return out;
    }

    private static void draw(SpanLine s, int depth, Map<String, List<SpanLine>> children, Set<String> drawn, List<String> out,
                             boolean parentMissing) {
        if (!drawn.add(s.spanId())) {
            return;
        }
        StringBuilder sb = new StringBuilder("  ".repeat(Math.min(depth, 40))).append(s.name());
        sb.append("  ").append(Math.max(0, (s.endNanos() - s.startNanos()) / 1_000_000)).append(" ms");
        if ("ERROR".equals(s.status())) {
            sb.append("  FAILED");
        }
        s.attributes().forEach((k, v) -> sb.append("  ").append(k).append('=').append(v));
        if (parentMissing) {
            sb.append("  (parent ").append(s.parentSpanId()).append(" not in the file)");
        }
        out.add(sb.toString());
        for (SpanLine c : children.getOrDefault(s.spanId(), List.of())) {
            draw(c, depth + 1, children, drawn, out, false);
        }
    }

    public String traceId() {
        return traceId;
    }
}
