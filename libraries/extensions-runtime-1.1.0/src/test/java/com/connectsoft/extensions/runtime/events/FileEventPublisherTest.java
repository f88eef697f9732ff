package com.connectsoft.extensions.runtime.events;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.connectsoft.extensions.runtime.json.Json;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.logging.Logger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The development event sink (EVENTS_FILE): one CloudEvents-style JSON line per event, appended, on disk when publish returns. */
class FileEventPublisherTest {
    private static final String TRACE = "0af7651916cd43dd8448eb211c80319c";
    private static final String TRACEPARENT = "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01";

    @TempDir
    Path dir;

    private static DomainEvent event(String id, String traceparent) {
        ObjectNode payload = Json.MAPPER.createObjectNode().put("entityType", "Note").put("id", "note-" + id).put("version", 3);
        return new DomainEvent("evt-" + id, "NoteUpdated", "tenant-a", "notes", TRACE, "corr-" + id, null,
                Instant.parse("2025-03-01T10:00:00.123Z"), 2, payload, traceparent);
    }

    private static List<JsonNode> lines(Path file) throws Exception {
        List<JsonNode> out = new java.util.ArrayList<>();
        for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
            out.add(Json.MAPPER.readTree(line));
        }
        return out;
    }

    @Test
    void eachEventIsOneLineWithTheCloudEventsAttributesAppendedToWhatTheFileHolds() throws Exception {
        Path file = Files.writeString(dir.resolve("events.jsonl"), "{\"id\":\"earlier\"}\n");
        FileEventPublisher sink = new FileEventPublisher(file);
        sink.publish(event("1", TRACEPARENT));
        sink.publish(event("2", null));

        List<JsonNode> lines = lines(file);
        assertEquals(3, lines.size(), Files.readString(file));
        assertEquals("earlier", lines.get(0).get("id").asText(), "appended, never truncated");
        JsonNode first = lines.get(1);
        assertEquals("1.0", first.get("specversion").asText());
        assertEquals("evt-1", first.get("id").asText());
        assertEquals("NoteUpdated", first.get("type").asText());
        assertEquals("/modules/notes", first.get("source").asText());
        assertEquals("note-1", first.get("subject").asText());
        assertEquals("2025-03-01T10:00:00.123Z", first.get("time").asText());
        assertEquals("application/json", first.get("datacontenttype").asText());
        assertEquals("tenant-a", first.get("tenantid").asText());
        assertEquals(TRACE, first.get("traceid").asText());
        assertEquals("corr-1", first.get("correlationid").asText());
        assertEquals(2, first.get("schemaversion").asInt());
        assertEquals(TRACEPARENT, first.get("traceparent").asText());
        assertEquals(event("1", TRACEPARENT).payload(), first.get("data"));
        assertEquals(13, first.size(), first::toString);
        String started = lines.get(2).get("traceparent").asText();
        assertTrue(started.matches("00-" + TRACE + "-[0-9a-f]{16}-01"), "an event without a trace context starts one from its trace id: " + started);
        assertTrue(Files.readString(file).endsWith("}\n"), "each line ends with a newline");
    }

    @Test
    void aSinkThatCannotBeWrittenFailsThePublishSoTheRecordStaysPending() {
        FileEventPublisher sink = new FileEventPublisher(dir.resolve("missing/events.jsonl"));
        UncheckedIOException e = assertThrows(UncheckedIOException.class, () -> sink.publish(event("1", null)));
        assertTrue(e.getMessage().contains("evt-1") && e.getMessage().contains("missing/events.jsonl"), e.getMessage());

        List<DomainEvent> pending = new java.util.ArrayList<>(List.of(event("1", null)));
        Outbox outbox = new Outbox() {
            @Override
            public List<DomainEvent> pending(String tenantId, int limit) {
                return List.copyOf(pending);
            }

            @Override
            public void markPublished(String tenantId, String eventId) {
                pending.removeIf(p -> p.eventId().equals(eventId));
            }
        };
        assertEquals(0, new OutboxPublisher(sink, Logger.getLogger("test")).afterCommit(outbox, "tenant-a", List.of(event("1", null))));
        assertEquals(1, pending.size());
    }
}
