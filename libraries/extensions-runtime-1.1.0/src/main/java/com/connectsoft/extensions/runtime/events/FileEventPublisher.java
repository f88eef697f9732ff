package com.connectsoft.extensions.runtime.events;

import com.connectsoft.extensions.runtime.call.TraceContext;
import com.connectsoft.extensions.runtime.json.Json;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Objects;

/**
 * The development event sink ({@code EVENTS_FILE}): appends each event to a file as one JSON line with the CloudEvents
 * 1.0 attributes ({@code id} = eventId, {@code type}, {@code source} = /modules/&lt;moduleId&gt;, {@code subject} = the
 * entity's id, {@code time}, {@code datacontenttype}), the tenant, trace and correlation ids, schema version and
 * {@code traceparent} as extensions, and the payload as {@code data}. The line has reached the operating system when
 * {@link #publish} returns (the stream is not buffered), so a process killed afterwards cannot lose it. The file is
 * opened for every event: a named pipe works as a sink, and publishing then waits until something reads it.
 * Every tenant's events go to the one file, each line naming its tenant (development only).
 */
public final class FileEventPublisher implements EventPublisher {
    private final Path file;

    public FileEventPublisher(Path file) {
        this.file = Objects.requireNonNull(file, "file");
    }

    @Override
    public synchronized void publish(DomainEvent event) {
        byte[] line = (line(event).toString() + "\n").getBytes(StandardCharsets.UTF_8);
        try (OutputStream out = Files.newOutputStream(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE, StandardOpenOption.APPEND)) {
            out.write(line);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot append event " + event.eventId() + " to " + file, e);
        }
    }

    /** The event as one CloudEvents-style JSON object. */
    static ObjectNode line(DomainEvent event) {
        ObjectNode line = Json.MAPPER.createObjectNode()
                .put("specversion", "1.0")
                .put("id", event.eventId())
                .put("type", event.eventType())
                .put("source", "/modules/" + event.moduleId())
                .put("subject", event.payload().path("id").asText())
                .put("time", event.occurredAt().toString())
                .put("datacontenttype", "application/json")
                .put("tenantid", event.tenantId())
                .put("traceid", event.traceId())
                .put("correlationid", event.correlationId())
                .put("schemaversion", event.schemaVersion())
                .put("traceparent", event.traceparent() != null ? event.traceparent() : TraceContext.traceparent(event.traceId()));
        line.set("data", event.payload());
        return line;
    }
}
