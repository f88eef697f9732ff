package com.connectsoft.factory.platform.telemetry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.connectsoft.factory.platform.json.Json;
import com.connectsoft.factory.shared.domain.TraceIds;
import com.fasterxml.jackson.databind.JsonNode;
import io.opentelemetry.api.common.Attributes;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Which exporters the settings choose, what the traces file holds, and how bad settings are refused. */
class TracingSettingsTest {
    @TempDir
    Path dir;

    @Test
    void noSettingMeansNoSpansAtAll() {
        TracingSettings s = TracingSettings.from(Map.of("OTEL_EXPORTER_OTLP_ENDPOINT", "  ", "PATH", "/bin"));
        assertFalse(s.any());
        assertSame(Tracing.off(), s.open());
        assertFalse(Tracing.off().enabled());
    }

    @Test
    void theTracesFileGetsOneJsonLinePerSpanWithItsParent() throws Exception {
        Path file = dir.resolve("sub").resolve("traces.jsonl");
        try (Tracing t = TracingSettings.from(Map.of(TracingSettings.TRACES_FILE, file.toString())).open()) {
            assertTrue(t.enabled());
            assertTrue(t.description().contains(file.toString()), t.description());
            var root = t.root("GET /api/v1/runs", io.opentelemetry.api.trace.SpanKind.SERVER, Attributes.of(Tracing.Attr.TENANT, "acme"));
            try (var ignored = root.makeCurrent()) {
                t.inSpan("child", null, Attributes.of(Tracing.Attr.COUNT, 3L), () -> null);
            } finally {
                root.end();
            }
        }
        List<String> lines = Files.readAllLines(file);
        assertEquals(2, lines.size(), String.join("\n", lines));
        JsonNode child = Json.read(lines.get(0));
        JsonNode parent = Json.read(lines.get(1));
        assertEquals("child", child.get("name").asText());
        assertEquals(parent.get("spanId").asText(), child.get("parentSpanId").asText());
        assertEquals(parent.get("traceId").asText(), child.get("traceId").asText());
        assertTrue(TraceIds.isW3c(child.get("traceId").asText()));
        assertEquals(3, child.get("attributes").get("factory.count").asInt());
        assertEquals("acme", parent.get("attributes").get("factory.tenant_id").asText());
        assertEquals("SERVER", parent.get("kind").asText());
        assertFalse(parent.has("parentSpanId"), "a root names no parent");
    }

    @Test
    void anOtlpEndpointIsTakenFromOursOrTheStandardSettingAndMustBeAnHttpUrl() {
        assertEquals("http://collector:4318", TracingSettings.from(Map.of(TracingSettings.OTEL_OTLP_ENDPOINT, "http://collector:4318"))
                .otlpEndpoint().orElseThrow().toString());
        assertEquals("https://ours:4318", TracingSettings.from(Map.of(TracingSettings.OTEL_OTLP_ENDPOINT, "http://collector:4318",
                TracingSettings.OTLP_ENDPOINT, "https://ours:4318")).otlpEndpoint().orElseThrow().toString());
        try (Tracing t = TracingSettings.from(Map.of(TracingSettings.OTLP_ENDPOINT, "http://127.0.0.1:9/")).open()) {
            assertTrue(t.enabled());
            assertTrue(t.description().contains("http://127.0.0.1:9/v1/traces"), t.description());
        }
        IllegalArgumentException bad = assertThrows(IllegalArgumentException.class,
                () -> TracingSettings.from(Map.of(TracingSettings.OTLP_ENDPOINT, "collector:4318")));
        assertTrue(bad.getMessage().contains("http://localhost:4318"), bad.getMessage());
        assertThrows(IllegalArgumentException.class, () -> TracingSettings.from(Map.of(TracingSettings.OTEL_OTLP_ENDPOINT, "not a url")));
    }

    @Test
    void spansReachAnOtlpCollectorAsProtobufOnItsTracesPath() throws Exception {
        com.sun.net.httpserver.HttpServer collector = com.sun.net.httpserver.HttpServer.create(
                new java.net.InetSocketAddress(java.net.InetAddress.getLoopbackAddress(), 0), 0);
        List<String> received = new java.util.concurrent.CopyOnWriteArrayList<>();
        java.util.concurrent.atomic.AtomicInteger bytes = new java.util.concurrent.atomic.AtomicInteger();
        collector.createContext("/", exchange -> {
            received.add(exchange.getRequestMethod() + " " + exchange.getRequestURI().getPath() + " "
                    + exchange.getRequestHeaders().getFirst("Content-Type"));
            bytes.addAndGet(exchange.getRequestBody().readAllBytes().length);
            exchange.sendResponseHeaders(200, -1);
            exchange.close();
        });
        collector.start();
        try {
            String endpoint = "http://127.0.0.1:" + collector.getAddress().getPort();
            try (Tracing t = TracingSettings.from(Map.of(TracingSettings.OTEL_OTLP_ENDPOINT, endpoint)).open()) {
                t.inSpan("exported", null, Attributes.of(Tracing.Attr.TENANT, "acme"), () -> null);
            }
            assertEquals(List.of("POST /v1/traces application/x-protobuf"), received, "closing flushes the batch to the collector");
            assertTrue(bytes.get() > 0);
        } finally {
            collector.stop(0);
        }
    }

    @Test
    void anApplicationInsightsConnectionStringSendsSpansThroughAzureMonitor() throws Exception {
        com.sun.net.httpserver.HttpServer ingestion = com.sun.net.httpserver.HttpServer.create(
                new java.net.InetSocketAddress(java.net.InetAddress.getLoopbackAddress(), 0), 0);
        List<String> paths = new java.util.concurrent.CopyOnWriteArrayList<>();
        ingestion.createContext("/", exchange -> {
            paths.add(exchange.getRequestMethod() + " " + exchange.getRequestURI().getPath());
            exchange.getRequestBody().readAllBytes();
            byte[] ok = "{\"itemsReceived\":1,\"itemsAccepted\":1,\"errors\":[]}".getBytes(java.nio.charset.StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, ok.length);
            exchange.getResponseBody().write(ok);
            exchange.close();
        });
        ingestion.start();
        long started = System.nanoTime();
        try (Tracing t = TracingSettings.from(Map.of(TracingSettings.APPINSIGHTS, "InstrumentationKey=00000000-0000-0000-0000-000000000000;"
                + "IngestionEndpoint=http://127.0.0.1:" + ingestion.getAddress().getPort() + "/")).open()) {
            assertTrue(t.enabled());
            assertTrue(t.description().contains("Application Insights"), t.description());
            t.inSpan("probe", null, Attributes.of(Tracing.Attr.TENANT, "acme"), () -> null);
        } finally {
            ingestion.stop(0);
        }
        assertTrue(paths.stream().anyMatch(p -> p.equals("POST /v2.1/track")), "the span went to the ingestion endpoint: " + paths);
        assertTrue(System.nanoTime() - started < 30_000_000_000L, "opening, exporting and closing take seconds at most");
    }
}
