package com.connectsoft.extensions.runtime.data.memory;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.connectsoft.extensions.runtime.data.Committed;
import com.connectsoft.extensions.runtime.data.ConflictException;
import com.connectsoft.extensions.runtime.data.TenantEntity;
import com.connectsoft.extensions.runtime.data.TransactionalWrites;
import com.connectsoft.extensions.runtime.events.DomainEvent;
import com.connectsoft.extensions.runtime.events.EventIds;
import com.connectsoft.extensions.runtime.idempotency.IdempotencyKeys;
import com.connectsoft.extensions.runtime.idempotency.IdempotencyRecord;
import com.connectsoft.extensions.runtime.json.Json;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The development file store (STORE=file): an in-memory repository kept in a {@link StoreFile} has every committed
 * change on disk before the change returns, comes back whole in a new process (items, versions, pending events,
 * idempotency records), replaces its file atomically, and refuses a file it cannot load, naming it.
 */
class FileStoreTest {
    private static final String MODULE = "notes";

    record Note(String id, String tenantId, String etag, Instant createdAt, Instant updatedAt, String code) implements TenantEntity<Note> {
        @Override
        public Note withMetadata(String id, String tenantId, String etag, Instant createdAt, Instant updatedAt) {
            return new Note(id, tenantId, etag, createdAt, updatedAt, code);
        }
    }

    /** A Note repository as the module's own are made: in memory, kept in {@code dir} when given one. */
    static final class Notes extends InMemoryRepository<Note> {
        Notes(Path dir) {
            super(Clock.fixed(Instant.parse("2025-03-01T10:00:00Z"), ZoneOffset.UTC), Map.<String, Function<Note, Object>>of("code", Note::code));
            keepIn(new StoreFile(dir, MODULE, "Note"), Note.class);
        }
    }

    private static final TransactionalWrites.Change<Note> EVENTS = (before, after, version) -> {
        Note n = after != null ? after : before;
        String type = before == null ? "NoteCreated" : after == null ? "NoteDeleted" : "NoteUpdated";
        return List.of(new DomainEvent(EventIds.of(n.tenantId(), "Note", n.id(), version, type), type, n.tenantId(), "notes", "trace-1",
                "corr-1", null, Instant.parse("2025-03-01T10:00:00Z"), 2, Json.MAPPER.createObjectNode().put("id", n.id()).put("version", version),
                "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01"));
    };

    @TempDir
    Path dir;

    private static Note note(String code) {
        return new Note(null, null, null, null, null, code);
    }

    private static IdempotencyRecord record(String key) {
        return new IdempotencyRecord(IdempotencyKeys.keyHash(key), "body-hash", 201, null, 0, Instant.parse("2025-03-02T10:00:00Z"), null);
    }

    /** Events as they are published (a number read back from a file may be another kind of JSON node of the same value). */
    private static String json(List<DomainEvent> events) {
        try {
            return Json.MAPPER.writeValueAsString(events);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** What a new process would load from the directory now. */
    private Notes reloaded() {
        return new Notes(dir);
    }

    @Test
    void aNewProcessGetsBackEveryItemVersionPendingEventAndIdempotencyRecord() {
        Notes notes = new Notes(dir);
        Committed<Note> created = notes.insertWithEvents("tenant-a", note("A1"), EVENTS, Optional.of(record("key-1")));
        Committed<Note> updated = notes.replaceWithEvents("tenant-a", new Note(created.entity().id(), null, null, null, null, "A2"),
                created.entity().etag(), EVENTS);
        Note other = notes.insert("tenant-b", note("B1"));
        notes.markPublished("tenant-a", created.events().get(0).eventId());

        Notes again = reloaded();
        assertEquals(Optional.of(updated.entity()), again.find("tenant-a", created.entity().id()), "the item with its etag and timestamps");
        assertEquals(Optional.of(other), again.find("tenant-b", other.id()));
        assertEquals(List.of("tenant-a"), again.tenantsWithPendingRecords(10));
        assertEquals(json(updated.events()), json(again.pending("tenant-a", 10)), "the pending event, whole, and only that one");
        IdempotencyRecord kept = again.idempotencyRecord("tenant-a", IdempotencyKeys.keyHash("key-1")).orElseThrow();
        assertEquals(notes.idempotencyRecord("tenant-a", IdempotencyKeys.keyHash("key-1")).orElseThrow(), kept);
        assertEquals(created.entity().id(), kept.entityId());
        assertEquals(3, again.replaceWithEvents("tenant-a", new Note(created.entity().id(), null, null, null, null, "A3"),
                updated.entity().etag(), EVENTS).version(), "versions continue where they were");
        assertEquals(2, again.deleteWithEvents("tenant-b", other.id(), other.etag(), EVENTS).orElseThrow().version());
        assertTrue(again.existsWith("tenant-a", "code", "A3", null));
        assertThrows(ConflictException.class, () -> reloaded().insert("tenant-a", note("A3")), "unique values are checked against loaded items");
    }

    @Test
    void everyCommittedChangeIsOnDiskBeforeItReturns() {
        Notes notes = new Notes(dir);
        Note a = notes.insert("tenant-a", note("A1"));
        assertEquals(Optional.of(a), reloaded().find("tenant-a", a.id()), "insert");
        Note a2 = notes.replace("tenant-a", new Note(a.id(), null, null, null, null, "A2"), a.etag());
        assertEquals(Optional.of(a2), reloaded().find("tenant-a", a.id()), "replace");
        assertTrue(notes.delete("tenant-a", a.id(), a2.etag()));
        assertEquals(Optional.empty(), reloaded().find("tenant-a", a.id()), "delete");

        Committed<Note> b = notes.insertWithEvents("tenant-a", note("B1"), EVENTS, Optional.empty());
        assertEquals(json(b.events()), json(reloaded().pending("tenant-a", 10)), "insert with its event");
        Committed<Note> b2 = notes.replaceWithEvents("tenant-a", new Note(b.entity().id(), null, null, null, null, "B2"), b.entity().etag(), EVENTS);
        assertEquals(Optional.of(b2.entity()), reloaded().find("tenant-a", b.entity().id()), "replace with events");
        assertEquals(2, reloaded().pending("tenant-a", 10).size());
        notes.markPublished("tenant-a", b.events().get(0).eventId());
        assertEquals(json(b2.events()), json(reloaded().pending("tenant-a", 10)), "marked published");
        Committed<Note> gone = notes.deleteWithEvents("tenant-a", b.entity().id(), null, EVENTS).orElseThrow();
        assertEquals(Optional.empty(), reloaded().find("tenant-a", b.entity().id()), "delete with events");
        assertEquals(json(List.of(b2.events().get(0), gone.events().get(0))), json(reloaded().pending("tenant-a", 10)));
    }

    @Test
    void theFileIsWrittenAtStartUpAndReplacedWholeWithNothingLeftBeside() throws Exception {
        new Notes(dir);
        JsonNode document = Json.MAPPER.readTree(dir.resolve("Note.json").toFile());
        assertEquals(StoreFile.FORMAT, document.get("format").asText());
        assertEquals(MODULE, document.get("module").asText());
        assertEquals("Note", document.get("entityType").asText());
        assertEquals(Json.MAPPER.createObjectNode(), document.get("tenants"), "an empty store");
        assertEquals(Optional.empty(), new StoreFile(dir.resolve("elsewhere"), MODULE, "Note").read(), "no file is an empty store");
        assertEquals(dir.resolve("Note.json.42.tmp"), StoreFile.temporary(dir, "Note", 42));
        assertEquals(dir.resolve("Note.json"), new StoreFile(dir, MODULE, "Note").path());
        new Notes(dir).insert("tenant-a", note("A1"));
        try (Stream<Path> files = Files.list(dir)) {
            assertEquals(List.of(dir.resolve("Note.json")), files.toList(), "the temporary file was renamed into place");
        }
    }

    @Test
    void aMissingDirectoryFailsAtStartUpNamingTheFile() {
        UncheckedIOException e = assertThrows(UncheckedIOException.class, () -> new Notes(dir.resolve("missing")));
        assertTrue(e.getMessage().contains(dir.resolve("missing/Note.json").toString()), e.getMessage());
    }

    @Test
    void aWriteThatFailsFailsTheChangeAndKeepsTheStateLastWritten() throws Exception {
        Notes notes = new Notes(dir);
        Note kept = notes.insert("tenant-a", note("A1"));
        String before = Files.readString(dir.resolve("Note.json"));
        Path temporary = Files.createDirectory(StoreFile.temporary(dir, "Note", ProcessHandle.current().pid()));
        assertThrows(UncheckedIOException.class, () -> notes.insert("tenant-a", note("A2")), "the temporary file cannot be made");
        assertThrows(UncheckedIOException.class, () -> notes.insertWithEvents("tenant-a", note("A3"), EVENTS, Optional.of(record("k"))));
        assertEquals(before, Files.readString(dir.resolve("Note.json")), "the file was not touched");
        assertFalse(notes.existsWith("tenant-a", "code", "A2", null), "the failed change is not kept in memory either");
        assertFalse(notes.existsWith("tenant-a", "code", "A3", null));
        assertEquals(List.of(), notes.pending("tenant-a", 10));
        assertEquals(Optional.empty(), notes.idempotencyRecord("tenant-a", IdempotencyKeys.keyHash("k")));
        assertEquals(Optional.of(kept), notes.find("tenant-a", kept.id()));
        Files.delete(temporary);
        Note next = notes.insert("tenant-a", note("A2"));
        assertEquals(Optional.of(next), reloaded().find("tenant-a", next.id()), "the store works again once it can write");
        JsonNode tenant = new StoreFile(dir, MODULE, "Note").read().orElseThrow().get("tenant-a");
        List<String> versioned = new java.util.ArrayList<>();
        tenant.get("versions").fieldNames().forEachRemaining(versioned::add);
        assertEquals(java.util.Set.of(kept.id(), next.id()), java.util.Set.copyOf(versioned), "nothing of the failed changes was kept");
    }

    @Test
    void aFileItCannotLoadIsRefusedNamingIt() throws Exception {
        Path file = dir.resolve("Note.json");
        Files.writeString(file, "{\"format\": \"file-store/1\",\n  oops");
        IllegalStateException notJson = assertThrows(IllegalStateException.class, () -> new Notes(dir));
        assertTrue(notJson.getMessage().contains(file.toString()) && notJson.getMessage().contains("it is not JSON (line 2, column"),
                notJson.getMessage());
        assertTrue(notJson.getMessage().contains("move it away"), notJson.getMessage());
        for (String foreign : List.of(
                "{\"format\":\"file-store/2\",\"module\":\"" + MODULE + "\",\"entityType\":\"Note\",\"tenants\":{}}",
                "{\"format\":\"file-store/1\",\"module\":\"another-module\",\"entityType\":\"Note\",\"tenants\":{}}",
                "{\"format\":\"file-store/1\",\"module\":\"" + MODULE + "\",\"entityType\":\"Memo\",\"tenants\":{}}",
                "{\"format\":\"file-store/1\",\"module\":\"" + MODULE + "\",\"entityType\":\"Note\",\"tenants\":[]}")) {
            Files.writeString(file, foreign);
            IllegalStateException e = assertThrows(IllegalStateException.class, () -> new Notes(dir), foreign);
            assertTrue(e.getMessage().contains(file + " cannot be loaded: it is not a file-store/1 file of module " + MODULE + " for Note"),
                    e.getMessage());
            assertEquals(foreign, Files.readString(file), "a refused file is left as it was");
        }
        Files.writeString(file, "{\"format\":\"file-store/1\",\"module\":\"" + MODULE
                + "\",\"entityType\":\"Note\",\"tenants\":{\"tenant-a\":{\"items\":[[1,2]]}}}");
        IllegalStateException misfit = assertThrows(IllegalStateException.class, () -> new Notes(dir));
        assertTrue(misfit.getMessage().contains(file + " cannot be loaded: a record does not fit Note"), misfit.getMessage());
    }

    @Test
    void anEntityTypeThatIsNotATypeNameIsRefused() {
        for (String bad : new String[] {null, "", "../Note", "note", "No/te", "Note.json"}) {
            assertThrows(IllegalArgumentException.class, () -> new StoreFile(dir, MODULE, bad), String.valueOf(bad));
        }
        assertEquals(dir.resolve("Line_Item2.json"), new StoreFile(dir, MODULE, "Line_Item2").path());
    }
}
