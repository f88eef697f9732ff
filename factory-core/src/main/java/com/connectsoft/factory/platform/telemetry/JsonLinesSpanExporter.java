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
 * The file is bounded: once a write would take it past {@link #DEFAULT_MAX_BYTES} ({@code FACTORY_TRACES_FILE_MAX_MB}), it
 * becomes {@code <file>.1} (replacing the older one) and a new file starts, so at most twice the bound is kept and the
 * last spans of a trace are always readable ({@link TraceTree} reads both). Rotating and appending hold a lock on
 * {@code <file>.lock}, so processes sharing the file never rotate twice or write into a file being moved.
 */
final class JsonLinesSpanExporter implements SpanExporter {
    private static final Logger LOG = Logger.getLogger(JsonLinesSpanExporter.class.getName());

    static final long DEFAULT_MAX_BYTES = 64L << 20;
    /** Within this process, one export at a time (a file lock is held per process, not per thread). */
    private static final Object IN_PROCESS = new Object();

    private final Path file;
    private final long maxBytes;

    JsonLinesSpanExporter(Path file) {
        this(file, DEFAULT_MAX_BYTES);
    }

    JsonLinesSpanExporter(Path file, long maxBytes) {
        if (maxBytes < 1024) {
            throw new IllegalArgumentException("the traces file's bound must be at least 1 KB, not " + maxBytes + " bytes");
        }
        this.file = file.toAbsolutePath().normalize();
        this.maxBytes = maxBytes;
    }

    /** Where a traces file's previous part goes when it rotates. */
    static Path previous(Path file) {
        return file.resolveSibling(file.getFileName() + ".1");
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
            byte[] text = sb.toString().getBytes(StandardCharsets.UTF_8);
            synchronized (IN_PROCESS) {
                try (FileChannel lockFile = FileChannel.open(file.resolveSibling(file.getFileName() + ".lock"), StandardOpenOption.CREATE,
                        StandardOpenOption.WRITE); java.nio.channels.FileLock ignored = lockFile.lock()) {
                    FileChannel ch = append();
                    try {
                        if (ch.size() > 0 && ch.size() + text.length > maxBytes) {
                            ch.close();
                            Files.move(file, previous(file), java.nio.file.StandardCopyOption.REPLACE_EXISTING,
                                    java.nio.file.StandardCopyOption.ATOMIC_MOVE);
                            ch = append();
                        }
                        ByteBuffer bytes = ByteBuffer.wrap(text);
                        while (bytes.hasRemaining()) {
                            ch.write(bytes);
                        }
                    } finally {
                        ch.close();
                    }
                }
            }
            return CompletableResultCode.ofSuccess();
        } catch (IOException e) {
            LOG.log(Level.WARNING, "traces file {0}: {1} span(s) not written ({2})", new Object[] {file, spans.size(), e.getClass().getSimpleName()});
            return CompletableResultCode.ofFailure();
        }
    }

    private FileChannel append() throws IOException {
        return FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE, StandardOpenOption.APPEND);
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
