package com.connectsoft.factory.platform.telemetry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.trace.SpanKind;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The traces file of a long-running {@code factory serve} stays bounded: past its bound it rotates to {@code <file>.1}, so
 * at most twice the bound is on disk, and {@code ./factory trace} still finds a trace whose spans straddle the rotation.
 */
class TracesFileRotationTest {
    @TempDir
    Path dir;

    /** One trace: a root and {@code children} child spans, written as they end (children first). */
    private static String trace(Tracing t, int children) throws Exception {
        var root = t.root("GET /api/v1/runs", SpanKind.SERVER, Attributes.of(Tracing.Attr.TENANT, "acme"));
        try (var ignored = root.makeCurrent()) {
            for (int i = 0; i < children; i++) {
                long n = i;
                t.inSpan("child-" + i, null, Attributes.of(Tracing.Attr.COUNT, n), () -> null);
            }
        } finally {
            root.end();
        }
        return root.getSpanContext().getTraceId();
    }

    @Test
    void theFileRotatesPastItsBoundAndATraceAcrossTheRotationIsStillWhole() throws Exception {
        Path file = dir.resolve("traces.jsonl");
        long bound = 1L << 20;
        String straddling = null;
        try (Tracing t = TracingSettings.from(Map.of(TracingSettings.TRACES_FILE, file.toString(), TracingSettings.TRACES_FILE_MAX_MB, "1")).open()) {
            for (int i = 0; i < 400 && !Files.exists(JsonLinesSpanExporter.previous(file)); i++) {
                straddling = trace(t, 20);
            }
            assertTrue(Files.exists(JsonLinesSpanExporter.previous(file)), "rotated once past 1 MB");
            for (int i = 0; i < 400; i++) {
                trace(t, 20);
                assertTrue(Files.size(file) <= bound, "the file stays within its bound: " + Files.size(file));
                assertTrue(Files.size(JsonLinesSpanExporter.previous(file)) <= bound, "and so does its previous part");
            }
        }
        try (Tracing t = TracingSettings.from(Map.of(TracingSettings.TRACES_FILE, file.toString(), TracingSettings.TRACES_FILE_MAX_MB, "1")).open()) {
            // a trace whose first spans land before a rotation and its last after it
            while (Files.size(file) < bound - 4096) {
                trace(t, 20);
            }
            straddling = trace(t, 60);
        }
        TraceTree tree = TraceTree.read(file, straddling, "acme");
        assertEquals(61, tree.spans().size(), "every span of the trace, from both parts");
        assertEquals(1, tree.render().stream().filter(l -> !l.startsWith(" ")).count(), "one tree:\n" + String.join("\n", tree.render()));
    }

    @Test
    void threadsWritingAtOnceLoseNoLineAndRotateOnce() throws Exception {
        Path file = dir.resolve("shared.jsonl");
        JsonLinesSpanExporter exporter = new JsonLinesSpanExporter(file, 256 * 1024);
        List<String> ids = new ArrayList<>();
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try (Tracing t = Tracing.withProcessors(List.of(io.opentelemetry.sdk.trace.export.SimpleSpanProcessor.create(exporter)), "test")) {
            List<Future<String>> done = new ArrayList<>();
            for (int i = 0; i < 40; i++) {
                done.add(pool.submit(() -> trace(t, 9)));
            }
            for (Future<String> f : done) {
                ids.add(f.get(60, TimeUnit.SECONDS));
            }
        } finally {
            pool.shutdownNow();
        }
        List<String> lines = new ArrayList<>(Files.readAllLines(file));
        if (Files.exists(JsonLinesSpanExporter.previous(file))) {
            lines.addAll(0, Files.readAllLines(JsonLinesSpanExporter.previous(file)));
        }
        assertEquals(400, lines.size(), "40 traces of 10 spans, every line whole");
        lines.forEach(l -> assertTrue(l.startsWith("{") && l.endsWith("}"), l));
    }

    @Test
    void aBadBoundIsRefusedSayingWhatToGive() {
        var e = assertThrows(IllegalArgumentException.class,
                () -> TracingSettings.from(Map.of(TracingSettings.TRACES_FILE, "x.jsonl", TracingSettings.TRACES_FILE_MAX_MB, "lots")));
        assertEquals("FACTORY_TRACES_FILE_MAX_MB=lots is not a size in MB: give a whole number from 1 to 1048576 (the traces file rotates "
                + "to <file>.1 past it; default 64)", e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> TracingSettings.from(Map.of(TracingSettings.TRACES_FILE_MAX_MB, "0")));
    }
}
