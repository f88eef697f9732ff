package com.connectsoft.extensions.runtime.data.memory;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.connectsoft.extensions.runtime.data.Committed;
import com.connectsoft.extensions.runtime.data.ConflictException;
import com.connectsoft.extensions.runtime.data.Criteria;
import com.connectsoft.extensions.runtime.data.Page;
import com.connectsoft.extensions.runtime.data.TenantEntity;
import com.connectsoft.extensions.runtime.data.TransactionalWrites;
import com.connectsoft.extensions.runtime.events.DomainEvent;
import com.connectsoft.extensions.runtime.idempotency.IdempotencyRecord;
import com.connectsoft.extensions.runtime.json.Json;
import com.connectsoft.extensions.runtime.outcome.Outcome;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/**
 * The in-memory store's transactional writes: the entity, its outbox records and the idempotency record commit
 * together (or, when the events cannot be made, nothing does), versions count per entity, unique keys hold on every
 * write, and search and count apply criteria to one tenant's items.
 */
class InMemoryTransactionalWritesTest {
    record Item(String id, String tenantId, String etag, Instant createdAt, Instant updatedAt, String code, Integer stock)
            implements TenantEntity<Item> {
        @Override
        public Item withMetadata(String id, String tenantId, String etag, Instant createdAt, Instant updatedAt) {
            return new Item(id, tenantId, etag, createdAt, updatedAt, code, stock);
        }
    }

    private static final Instant T0 = Instant.parse("2025-03-01T10:00:00Z");
    private final InMemoryRepository<Item> repository = new InMemoryRepository<>(Clock.fixed(T0, ZoneOffset.UTC),
            Map.<String, Function<Item, Object>>of("code", Item::code)) {
    };
    private final List<String> asked = new ArrayList<>();

    private static Item item(String id, String code, Integer stock) {
        return new Item(id, null, null, null, null, code, stock);
    }

    private List<DomainEvent> events(Item before, Item after, long version) {
        String kind = before == null ? "Created" : after == null ? "Deleted" : "Updated";
        Item subject = after != null ? after : before;
        asked.add(kind + " v" + version);
        return List.of(new DomainEvent("evt-" + subject.id() + "-" + version, "Item" + kind, subject.tenantId() == null ? "?" : subject.tenantId(),
                "mod", "t", "c", null, T0, 2, Json.MAPPER.createObjectNode()));
    }

    private static TransactionalWrites.Change<Item> failing() {
        return (before, after, version) -> {
            throw new IllegalStateException("cannot make events");
        };
    }

    @Test
    void aCreateCommitsTheEntityItsEventsAndItsIdempotencyRecord() {
        IdempotencyRecord key = new IdempotencyRecord("kh", "rh", 201, null, 0, T0.plusSeconds(60), null);
        Committed<Item> c = repository.insertWithEvents("a", item("i-1", "A", 1), this::events, Optional.of(key));
        assertEquals(1, c.version());
        assertEquals(List.of("Created v1"), asked);
        assertEquals("a", c.entity().tenantId());
        assertEquals(List.of("evt-i-1-1"), repository.pending("a", 10).stream().map(DomainEvent::eventId).toList());
        IdempotencyRecord stored = repository.idempotencyRecord("a", "kh").orElseThrow();
        assertEquals("i-1", stored.entityId());
        assertEquals(1, stored.version());
        assertEquals("rh", stored.requestHash());
        assertEquals(201, stored.status());
        assertTrue(stored.recordEtag() != null && !stored.recordEtag().isBlank());
        assertTrue(repository.idempotencyRecord("b", "kh").isEmpty(), "records are per tenant");
        assertEquals(List.of("a"), repository.tenantsWithPendingRecords(10));
        assertEquals(List.of("a"), new InMemoryPendingTenants(repository).tenantsWithPending(10));
    }

    @Test
    void aKeyStoredByAnotherRequestMeanwhileIsAnIdempotencyConflict() {
        repository.insertWithEvents("a", item("i-1", "A", 1), this::events,
                Optional.of(new IdempotencyRecord("kh", "rh", 201, null, 0, T0.plusSeconds(60), null)));
        IdempotencyRecord stale = new IdempotencyRecord("kh", "rh", 201, null, 0, T0.plusSeconds(60), null);
        assertThrows(TransactionalWrites.IdempotencyConflict.class,
                () -> repository.insertWithEvents("a", item("i-2", "B", 1), this::events, Optional.of(stale)));
        assertTrue(repository.find("a", "i-2").isEmpty());
        IdempotencyRecord current = repository.idempotencyRecord("a", "kh").orElseThrow();
        Committed<Item> replaced = repository.insertWithEvents("a", item("i-3", "C", 1), this::events, Optional.of(current));
        assertEquals("i-3", repository.idempotencyRecord("a", "kh").orElseThrow().entityId(), "an expired record is taken over by its etag");
        assertEquals("i-3", replaced.entity().id());
    }

    @Test
    void whenTheEventsCannotBeMadeNothingIsCommitted() {
        assertThrows(IllegalStateException.class, () -> repository.insertWithEvents("a", item("i-1", "A", 1), failing(), Optional.empty()));
        assertTrue(repository.find("a", "i-1").isEmpty());
        assertTrue(repository.pending("a", 10).isEmpty());
        Item stored = repository.insertWithEvents("a", item("i-1", "A", 1), this::events, Optional.empty()).entity();
        assertThrows(IllegalStateException.class, () -> repository.replaceWithEvents("a", item("i-1", "B", 2), stored.etag(), failing()));
        assertEquals(stored, repository.find("a", "i-1").orElseThrow());
        assertEquals(2, repository.replaceWithEvents("a", item("i-1", "B", 2), stored.etag(), this::events).version(),
                "the failed update did not count as a version");
        Item current = repository.find("a", "i-1").orElseThrow();
        assertThrows(IllegalStateException.class, () -> repository.deleteWithEvents("a", "i-1", current.etag(), failing()));
        assertEquals(current, repository.find("a", "i-1").orElseThrow());
        assertEquals(3, repository.deleteWithEvents("a", "i-1", current.etag(), this::events).orElseThrow().version());
    }

    @Test
    void versionsCountPerEntityAndEveryChangeQueuesItsEvents() {
        Item v1 = repository.insertWithEvents("a", item("i-1", "A", 1), this::events, Optional.empty()).entity();
        Committed<Item> v2 = repository.replaceWithEvents("a", item("i-1", "A", 2), v1.etag(), this::events);
        assertEquals(2, v2.version());
        assertEquals(2, v2.entity().stock());
        Committed<Item> v3 = repository.replaceWithEvents("a", item("i-1", "A", 3), v2.entity().etag(), this::events);
        assertEquals(3, v3.version());
        ConflictException stale = assertThrows(ConflictException.class,
                () -> repository.replaceWithEvents("a", item("i-1", "A", 9), v1.etag(), this::events));
        assertTrue(stale.preconditionFailed());
        Committed<Item> gone = repository.deleteWithEvents("a", "i-1", v3.entity().etag(), this::events).orElseThrow();
        assertEquals(4, gone.version());
        assertEquals(3, gone.entity().stock(), "a delete answers the entity as it was");
        assertTrue(repository.deleteWithEvents("a", "i-1", null, this::events).isEmpty());
        assertEquals(List.of("Created v1", "Updated v2", "Updated v3", "Deleted v4"), asked);
        assertEquals(List.of("evt-i-1-1", "evt-i-1-2", "evt-i-1-3", "evt-i-1-4"),
                repository.pending("a", 10).stream().map(DomainEvent::eventId).toList());
        assertEquals(2, repository.pending("a", 2).size());
        repository.markPublished("a", "evt-i-1-1");
        repository.markPublished("a", "evt-i-1-1");
        repository.markPublished("b", "evt-i-1-2");
        assertEquals(3, repository.pending("a", 10).size());
        assertTrue(repository.pending("b", 10).isEmpty());
        Item again = repository.insertWithEvents("a", item("i-1", "A", 1), this::events, Optional.empty()).entity();
        assertEquals(1, repository.insertWithEvents("a", item("i-2", "B", 1), this::events, Optional.empty()).version());
        assertEquals(2, repository.replaceWithEvents("a", item("i-1", "A", 5), again.etag(), this::events).version(),
                "a deleted and re-created id starts again");
        ConflictException staleDelete = assertThrows(ConflictException.class,
                () -> repository.deleteWithEvents("a", "i-1", "\"old\"", this::events));
        assertTrue(staleDelete.preconditionFailed());
    }

    @Test
    void uniqueKeysHoldOnEveryWriteWithinATenant() {
        Item a = repository.insert("a", item("i-1", "SAME", 1));
        ConflictException dup = assertThrows(ConflictException.class, () -> repository.insert("a", item("i-2", "SAME", 1)));
        assertFalse(dup.preconditionFailed());
        assertTrue(dup.getMessage().contains("code"), dup.getMessage());
        assertEquals("i-2", repository.insert("b", item("i-2", "SAME", 1)).id(), "another tenant may hold the same value");
        Item other = repository.insert("a", item("i-3", "OTHER", 1));
        assertThrows(ConflictException.class, () -> repository.replace("a", item("i-3", "SAME", 1), other.etag()));
        assertEquals("SAME", repository.replace("a", item("i-1", "SAME", 2), a.etag()).code(), "an item keeps its own value");
        repository.insert("a", item("i-4", null, 1));
        assertEquals("i-5", repository.insert("a", item("i-5", null, 1)).id(), "empty values are not unique keys");
        assertThrows(ConflictException.class, () -> repository.insertWithEvents("a", item("i-6", "OTHER", 1), this::events, Optional.empty()));
        assertTrue(repository.pending("a", 10).isEmpty());
    }

    @Test
    void searchAndCountApplyCriteriaToOneTenantInTheirOrder() {
        List<Criteria.Field> fields = List.of(new Criteria.Field("code", Criteria.Kind.STRING, List.of()),
                new Criteria.Field("stock", Criteria.Kind.INTEGER, List.of()));
        for (int i = 1; i <= 5; i++) {
            repository.insert("a", item("i-" + i, "C" + (6 - i), i));
        }
        repository.insert("b", item("i-9", "C9", 9));
        Criteria stockOver1 = ((Outcome.Ok<Criteria>) Criteria.parse(Map.of("stock.greaterThan", List.of("1"), "sort", List.of("code,asc")),
                fields, List.of("id", "code", "stock"))).value();
        assertEquals(4, repository.count("a", stockOver1));
        Page<Item> first = repository.search("a", stockOver1, 3, null);
        assertEquals(List.of("i-5", "i-4", "i-3"), first.items().stream().map(Item::id).toList());
        assertEquals("3", first.continuationToken());
        Page<Item> last = repository.search("a", stockOver1, 3, first.continuationToken());
        assertEquals(List.of("i-2"), last.items().stream().map(Item::id).toList());
        assertNull(last.continuationToken());
        assertEquals(List.of(), repository.search("a", stockOver1, 3, "99").items());
        assertNull(repository.search("a", stockOver1, 4, null).continuationToken(), "the page that ends the list has no token");
        assertEquals(5, repository.count("a", Criteria.NONE));
        assertEquals(1, repository.count("b", Criteria.NONE));
        assertEquals(0, repository.count("c", Criteria.NONE));
        assertThrows(IllegalArgumentException.class, () -> repository.search("a", stockOver1, 3, "abc"));
        assertThrows(IllegalArgumentException.class, () -> repository.search("a", stockOver1, 3, "1234567890"));
    }
}
