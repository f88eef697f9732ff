package com.connectsoft.extensions.runtime.data.memory;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.connectsoft.extensions.runtime.call.*;
import com.connectsoft.extensions.runtime.data.*;
import com.connectsoft.extensions.runtime.events.*;
import com.connectsoft.extensions.runtime.idempotency.*;
import com.connectsoft.extensions.runtime.json.*;
import com.connectsoft.extensions.runtime.outcome.*;
import com.connectsoft.extensions.runtime.validation.*;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/** The in-memory store's contract: identity and etags, optimistic concurrency, paging, and each tenant sees only its own items. */
class InMemoryRepositoryTest {
    record Note(String id, String tenantId, String etag, Instant createdAt, Instant updatedAt, String code) implements TenantEntity<Note> {
        @Override
        public Note withMetadata(String id, String tenantId, String etag, Instant createdAt, Instant updatedAt) {
            return new Note(id, tenantId, etag, createdAt, updatedAt, code);
        }
    }

    private static final Instant T0 = Instant.parse("2025-03-01T10:00:00Z");
    private final MutableClock clock = new MutableClock(T0);
    private final InMemoryRepository<Note> repository = new InMemoryRepository<>(Map.<String, Function<Note, Object>>of("code", Note::code), clock) {
    };

    /** A clock the test moves. */
    static final class MutableClock extends Clock {
        private Instant now;

        MutableClock(Instant now) {
            this.now = now;
        }

        void advance(long seconds) {
            now = now.plusSeconds(seconds);
        }

        @Override
        public java.time.ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }

    private static Note note(String id, String code) {
        return new Note(id, null, null, null, null, code);
    }

    @Test
    void insertGivesIdTenantEtagAndTimestamps() {
        Note stored = repository.insert("tenant-a", note(null, "A1"));
        assertNotNull(stored.id());
        assertEquals("tenant-a", stored.tenantId());
        assertTrue(stored.etag().startsWith("\"") && stored.etag().endsWith("\"") && stored.etag().length() > 2, stored.etag());
        assertEquals(T0, stored.createdAt());
        assertEquals(T0, stored.updatedAt());
        assertEquals("A1", stored.code());
        assertEquals(stored, repository.find("tenant-a", stored.id()).orElseThrow());
        Note other = repository.insert("tenant-a", note(null, "A2"));
        assertNotEquals(stored.id(), other.id());
        assertNotEquals(stored.etag(), other.etag());
    }

    @Test
    void aGivenIdIsKeptAndCannotBeTakenTwiceInATenant() {
        assertEquals("n-1", repository.insert("tenant-a", note("n-1", "A")).id());
        ConflictException e = assertThrows(ConflictException.class, () -> repository.insert("tenant-a", note("n-1", "B")));
        assertFalse(e.preconditionFailed());
        assertEquals("A", repository.find("tenant-a", "n-1").orElseThrow().code());
        assertEquals("n-1", repository.insert("tenant-b", note("n-1", "B")).id());
    }

    @Test
    void eachTenantSeesOnlyItsOwnItems() {
        Note a = repository.insert("tenant-a", note("n-1", "A"));
        repository.insert("tenant-b", note("n-2", "B"));
        assertTrue(repository.find("tenant-b", a.id()).isEmpty());
        assertEquals(List.of("n-1"), repository.list("tenant-a", 10, null).items().stream().map(Note::id).toList());
        assertEquals(List.of("n-2"), repository.list("tenant-b", 10, null).items().stream().map(Note::id).toList());
        assertEquals(List.of(), repository.list("tenant-c", 10, null).items());
        assertThrows(NullPointerException.class, () -> repository.find(null, "n-1"));
    }

    @Test
    void replaceNeedsTheCurrentEtagAndKeepsCreatedAt() {
        Note stored = repository.insert("tenant-a", note("n-1", "A"));
        clock.advance(60);
        Note updated = repository.replace("tenant-a", note("n-1", "B"), stored.etag());
        assertEquals("B", updated.code());
        assertEquals(T0, updated.createdAt());
        assertEquals(T0.plusSeconds(60), updated.updatedAt());
        assertEquals("tenant-a", updated.tenantId());
        assertNotEquals(stored.etag(), updated.etag());
        assertEquals(updated, repository.find("tenant-a", "n-1").orElseThrow());

        ConflictException stale = assertThrows(ConflictException.class, () -> repository.replace("tenant-a", note("n-1", "C"), stored.etag()));
        assertTrue(stale.preconditionFailed());
        assertTrue(assertThrows(ConflictException.class, () -> repository.replace("tenant-a", note("n-1", "C"), null)).preconditionFailed());
        assertEquals("B", repository.find("tenant-a", "n-1").orElseThrow().code());
    }

    @Test
    void replacingAMissingOrAnotherTenantsItemFails() {
        Note stored = repository.insert("tenant-a", note("n-1", "A"));
        assertTrue(assertThrows(ConflictException.class, () -> repository.replace("tenant-a", note("n-9", "X"), stored.etag())).preconditionFailed());
        assertThrows(ConflictException.class, () -> repository.replace("tenant-b", note("n-1", "X"), stored.etag()));
        assertTrue(repository.find("tenant-b", "n-1").isEmpty());
        assertEquals("A", repository.find("tenant-a", "n-1").orElseThrow().code());
    }

    @Test
    void deleteChecksTheEtagWhenGivenAndOnlyInTheTenant() {
        Note stored = repository.insert("tenant-a", note("n-1", "A"));
        assertFalse(repository.delete("tenant-b", "n-1", null));
        assertFalse(repository.delete("tenant-b", "n-1", stored.etag()));
        assertTrue(repository.find("tenant-a", "n-1").isPresent());
        ConflictException stale = assertThrows(ConflictException.class, () -> repository.delete("tenant-a", "n-1", "\"old\""));
        assertTrue(stale.preconditionFailed());
        assertTrue(repository.find("tenant-a", "n-1").isPresent());
        assertTrue(repository.delete("tenant-a", "n-1", stored.etag()));
        assertTrue(repository.find("tenant-a", "n-1").isEmpty());
        assertFalse(repository.delete("tenant-a", "n-1", stored.etag()));
        repository.insert("tenant-a", note("n-2", "B"));
        assertTrue(repository.delete("tenant-a", "n-2", null));
        assertTrue(repository.find("tenant-a", "n-2").isEmpty());
    }

    @Test
    void listPagesInIdOrderWithAContinuationToken() {
        for (String id : List.of("n-4", "n-2", "n-5", "n-1", "n-3")) {
            repository.insert("tenant-a", note(id, id));
        }
        repository.insert("tenant-b", note("n-0", "B"));
        Page<Note> first = repository.list("tenant-a", 2, null);
        assertEquals(List.of("n-1", "n-2"), first.items().stream().map(Note::id).toList());
        assertEquals("n-2", first.continuationToken());
        Page<Note> second = repository.list("tenant-a", 2, first.continuationToken());
        assertEquals(List.of("n-3", "n-4"), second.items().stream().map(Note::id).toList());
        Page<Note> last = repository.list("tenant-a", 2, second.continuationToken());
        assertEquals(List.of("n-5"), last.items().stream().map(Note::id).toList());
        assertNull(last.continuationToken());
        Page<Note> exact = repository.list("tenant-a", 5, null);
        assertEquals(5, exact.items().size());
        assertNull(exact.continuationToken(), "a page that ends with the last item has no continuation");
        Page<Note> one = repository.list("tenant-a", 1, "n-4");
        assertEquals(List.of("n-5"), one.items().stream().map(Note::id).toList());
        assertNull(one.continuationToken());
    }

    @Test
    void existsWithLooksAtOtherItemsOfTheTenantOnly() {
        Note a = repository.insert("tenant-a", note("n-1", "SAME"));
        assertTrue(repository.existsWith("tenant-a", "code", "SAME", null));
        assertTrue(repository.existsWith("tenant-a", "code", "SAME", "n-2"));
        assertFalse(repository.existsWith("tenant-a", "code", "SAME", a.id()), "an item does not conflict with itself");
        assertFalse(repository.existsWith("tenant-a", "code", "OTHER", null));
        assertFalse(repository.existsWith("tenant-b", "code", "SAME", null), "another tenant's value is not a duplicate");
        repository.insert("tenant-a", note("n-3", null));
        assertFalse(repository.existsWith("tenant-a", "code", null, "n-3"));
        assertTrue(repository.existsWith("tenant-a", "code", null, "n-1"));
        assertThrows(IllegalArgumentException.class, () -> repository.existsWith("tenant-a", "nope", "SAME", null));
    }

    @Test
    void aPageKeepsItsOwnCopyOfTheItems() {
        List<String> items = new java.util.ArrayList<>(List.of("a"));
        Page<String> page = new Page<>(items, "t");
        items.add("b");
        assertEquals(List.of("a"), page.items());
        assertThrows(UnsupportedOperationException.class, () -> page.items().add("c"));
        assertEquals("t", page.continuationToken());
    }
}
