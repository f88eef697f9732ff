package com.connectsoft.factory.platform.telemetry;

import com.connectsoft.factory.platform.json.Json;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SpanExporter;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Collection;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Appends each span as one JSON line to a file ({@code FACTORY_TRACES_FILE}): {@code traceId, spanId, parentSpanId, name,
 * kind, startEpochNanos, endEpochNanos, status, attributes}. One write per line, so processes sharing the file (the local
 * host and a CLI command) do not interleave inside a line. OpenTelemetry's OTLP-JSON file exporter is not on this mirror.
 */
final class JsonLinesSpanExporter implements SpanExporter {
    private static final Logger LOG = Logger.getLogger(JsonLinesSpanExporter.class.getName());

    private final Path file;

    JsonLinesSpanExporter(Path file) {
        this.file = file.toAbsolutePath().normalize();
    }

    static ObjectNode line(SpanData span) {
        ObjectNode o = Json.object();
        o.put("traceId", span.getTraceId());
        o.put("spanId", span.getSpanId());
        if (span.getParentSpanContext().isValid()) {
            o.put("parentSpanId", span.getParentSpanId());
        }
        o.put("name", span.getName());
        o.put("kind", span.getKind().name());
        o.put("startEpochNanos", span.getStartEpochNanos());
        o.put("endEpochNanos", span.getEndEpochNanos());
        o.put("status", span.getStatus().getStatusCode().name());
        ObjectNode attributes = o.putObject("attributes");
        span.getAttributes().forEach((k, v) -> attributes.set(k.getKey(), Json.toTree(v)));
        return o;
    }

    @Override
    public CompletableResultCode export(Collection<SpanData> spans) {
        StringBuilder sb = new StringBuilder();
        for (SpanData s : spans) {
            sb.append(Json.write(line(s))).append('\n');
        }
        try {
            if (file.getParent() != null) {
                Files.createDirectories(file.getParent());
            }
            try (FileChannel ch = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE, StandardOpenOption.APPEND)) {
                ByteBuffer bytes = ByteBuffer.wrap(sb.toString().getBytes(StandardCharsets.UTF_8));
                while (bytes.hasRemaining()) {
                    ch.write(bytes);
                }
            }
            return CompletableResultCode.ofSuccess();
        } catch (IOException e) {
            LOG.log(Level.WARNING, "traces file {0}: {1} span(s) not written ({2})", new Object[] {file, spans.size(), e.getClass().getSimpleName()});
            return CompletableResultCode.ofFailure();
        }
    }

    @Override
    public CompletableResultCode flush() {
        return CompletableResultCode.ofSuccess();
    }

    @Override
    public CompletableResultCode shutdown() {
        return CompletableResultCode.ofSuccess();
    }
}
