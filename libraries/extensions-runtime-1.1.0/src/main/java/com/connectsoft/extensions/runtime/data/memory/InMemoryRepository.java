package com.connectsoft.extensions.runtime.data.memory;

import com.connectsoft.extensions.runtime.data.Committed;
import com.connectsoft.extensions.runtime.data.ConflictException;
import com.connectsoft.extensions.runtime.data.Criteria;
import com.connectsoft.extensions.runtime.data.Page;
import com.connectsoft.extensions.runtime.data.TenantEntity;
import com.connectsoft.extensions.runtime.data.TenantScopedRepository;
import com.connectsoft.extensions.runtime.data.TransactionalWrites;
import com.connectsoft.extensions.runtime.events.DomainEvent;
import com.connectsoft.extensions.runtime.idempotency.IdempotencyRecord;
import com.connectsoft.extensions.runtime.json.Json;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * A tenant-partitioned repository in memory: for tests and for running the service locally without Cosmos DB. Made
 * durable with {@link #keepIn} (the development file store): every committed change is then on disk before it returns.
 */
public class InMemoryRepository<T extends TenantEntity<T>> implements TenantScopedRepository<T>, TransactionalWrites<T> {
    private final Map<String, TreeMap<String, T>> partitions = new ConcurrentHashMap<>();
    private final Map<String, Function<T, Object>> fields;
    private final Map<String, Map<String, Long>> versions = new ConcurrentHashMap<>();
    private final Map<String, LinkedHashMap<String, DomainEvent>> outbox = new ConcurrentHashMap<>();
    private final Map<String, Map<String, IdempotencyRecord>> idempotency = new ConcurrentHashMap<>();
    private final Clock clock;
    private final boolean uniqueOnWrite;
    private StoreFile file;
    private Class<T> type;

    protected InMemoryRepository(Map<String, Function<T, Object>> fields, Clock clock) {
        this.fields = Map.copyOf(fields);
        this.clock = clock;
        this.uniqueOnWrite = false;
    }

    /**
     * @param uniqueKeys the unique fields (unique per tenant, checked on every write as a Cosmos DB unique key
     *                   policy does), which {@link #existsWith} may also ask about
     */
    protected InMemoryRepository(Clock clock, Map<String, Function<T, Object>> uniqueKeys) {
        this.fields = Map.copyOf(uniqueKeys);
        this.clock = clock;
        this.uniqueOnWrite = true;
    }

    private TreeMap<String, T> partition(String tenantId) {
        Objects.requireNonNull(tenantId, "tenantId is required");
        return partitions.computeIfAbsent(tenantId, t -> new TreeMap<>());
    }

    @Override
    public synchronized Optional<T> find(String tenantId, String id) {
        return Optional.ofNullable(partition(tenantId).get(id));
    }

    @Override
    public synchronized Page<T> list(String tenantId, int limit, String continuationToken) {
        TreeMap<String, T> p = partition(tenantId);
        Map<String, T> tail = continuationToken == null ? p : p.tailMap(continuationToken, false);
        List<T> items = new ArrayList<>();
        String last = null;
        for (T item : tail.values()) {
            if (items.size() == limit) {
                return new Page<>(items, last);
            }
            items.add(item);
            last = item.id();
        }
        return new Page<>(items, null);
    }

    @Override
    public synchronized T insert(String tenantId, T entity) {
        T stored = add(tenantId, entity);
        committed();
        return stored;
    }

    private T add(String tenantId, T entity) {
        TreeMap<String, T> p = partition(tenantId);
        String id = entity.id() != null ? entity.id() : UUID.randomUUID().toString();
        if (p.containsKey(id)) {
            throw new ConflictException("an item with id " + id + " exists already", false);
        }
        checkUnique(p, entity, id);
        var now = clock.instant();
        T stored = entity.withMetadata(id, tenantId, newEtag(), now, now);
        p.put(id, stored);
        versions(tenantId).put(id, 1L);
        return stored;
    }

    @Override
    public synchronized T replace(String tenantId, T entity, String ifMatch) {
        T stored = swap(tenantId, entity, ifMatch);
        committed();
        return stored;
    }

    private T swap(String tenantId, T entity, String ifMatch) {
        TreeMap<String, T> p = partition(tenantId);
        T current = p.get(entity.id());
        if (current == null) {
            throw new ConflictException("item " + entity.id() + " does not exist", true);
        }
        if (!current.etag().equals(ifMatch)) {
            throw new ConflictException("item " + entity.id() + " was changed since etag " + ifMatch, true);
        }
        checkUnique(p, entity, current.id());
        T stored = entity.withMetadata(current.id(), tenantId, newEtag(), current.createdAt(), clock.instant());
        p.put(stored.id(), stored);
        versions(tenantId).merge(stored.id(), 1L, Long::sum);
        return stored;
    }

    @Override
    public synchronized boolean delete(String tenantId, String id, String ifMatch) {
        boolean removed = remove(tenantId, id, ifMatch);
        committed();
        return removed;
    }

    private boolean remove(String tenantId, String id, String ifMatch) {
        TreeMap<String, T> p = partition(tenantId);
        T current = p.get(id);
        if (current == null) {
            return false;
        }
        if (ifMatch != null && !current.etag().equals(ifMatch)) {
            throw new ConflictException("item " + id + " was changed since etag " + ifMatch, true);
        }
        p.remove(id);
        versions(tenantId).remove(id);
        return true;
    }

    @Override
    public synchronized boolean existsWith(String tenantId, String field, Object value, String exceptId) {
        Function<T, Object> getter = fields.get(field);
        if (getter == null) {
            throw new IllegalArgumentException("unknown field " + field);
        }
        return partition(tenantId).values().stream()
                .anyMatch(e -> !e.id().equals(exceptId) && Objects.equals(getter.apply(e), value));
    }

    @Override
    public synchronized Page<T> search(String tenantId, Criteria criteria, int limit, String continuationToken) {
        int offset = 0;
        if (continuationToken != null) {
            if (!continuationToken.matches("[0-9]{1,9}")) {
                throw new IllegalArgumentException("continuationToken was not made by this store");
            }
            offset = Integer.parseInt(continuationToken);
        }
        List<T> matching = matching(tenantId, criteria);
        int end = Math.min(matching.size(), offset + limit);
        List<T> items = offset >= matching.size() ? List.of() : matching.subList(offset, end);
        return new Page<>(items, end < matching.size() ? String.valueOf(end) : null);
    }

    @Override
    public synchronized long count(String tenantId, Criteria criteria) {
        return matching(tenantId, criteria).size();
    }

    private List<T> matching(String tenantId, Criteria criteria) {
        List<Map.Entry<com.fasterxml.jackson.databind.JsonNode, T>> rows = new ArrayList<>();
        for (T item : partition(tenantId).values()) {
            com.fasterxml.jackson.databind.JsonNode json = Json.MAPPER.valueToTree(item);
            if (criteria.matches(json)) {
                rows.add(Map.entry(json, item));
            }
        }
        rows.sort(Map.Entry.comparingByKey(criteria.order()));
        return rows.stream().map(Map.Entry::getValue).toList();
    }

    private void checkUnique(TreeMap<String, T> p, T entity, String id) {
        if (!uniqueOnWrite) {
            return;
        }
        for (Map.Entry<String, Function<T, Object>> f : fields.entrySet()) {
            Object value = f.getValue().apply(entity);
            if (value != null && p.values().stream().anyMatch(e -> !e.id().equals(id) && value.equals(f.getValue().apply(e)))) {
                throw new ConflictException("another item of this tenant has this " + f.getKey(), false);
            }
        }
    }

    @Override
    public synchronized Committed<T> insertWithEvents(String tenantId, T entity, Change<T> change,
                                                      Optional<IdempotencyRecord> record) {
        if (record.isPresent()) {
            IdempotencyRecord stored = idempotency(tenantId).get(record.get().keyHash());
            if (stored != null && !Objects.equals(stored.recordEtag(), record.get().recordEtag())) {
                throw new IdempotencyConflict("idempotency key stored by another request");
            }
        }
        T stored = add(tenantId, entity);
        List<DomainEvent> events;
        try {
            events = change.events(null, stored, 1L);
        } catch (RuntimeException e) {
            partition(tenantId).remove(stored.id());
            versions(tenantId).remove(stored.id());
            throw e;
        }
        enqueue(tenantId, events);
        record.ifPresent(r -> idempotency(tenantId).put(r.keyHash(),
                new IdempotencyRecord(r.keyHash(), r.requestHash(), r.status(), stored.id(), 1L, r.expiresAt(), newEtag())));
        committed();
        return new Committed<>(stored, 1L, events);
    }

    @Override
    public synchronized Committed<T> replaceWithEvents(String tenantId, T entity, String ifMatch, Change<T> change) {
        T before = partition(tenantId).get(entity.id());
        long version = versions(tenantId).getOrDefault(entity.id(), 0L) + 1;
        T stored = swap(tenantId, entity, ifMatch);
        List<DomainEvent> events;
        try {
            events = change.events(before, stored, version);
        } catch (RuntimeException e) {
            partition(tenantId).put(before.id(), before);
            versions(tenantId).put(before.id(), version - 1);
            throw e;
        }
        enqueue(tenantId, events);
        committed();
        return new Committed<>(stored, version, events);
    }

    @Override
    public synchronized Optional<Committed<T>> deleteWithEvents(String tenantId, String id, String ifMatch, Change<T> change) {
        T before = partition(tenantId).get(id);
        if (before == null) {
            return Optional.empty();
        }
        long version = versions(tenantId).getOrDefault(id, 0L) + 1;
        remove(tenantId, id, ifMatch);
        List<DomainEvent> events;
        try {
            events = change.events(before, null, version);
        } catch (RuntimeException e) {
            partition(tenantId).put(id, before);
            versions(tenantId).put(id, version - 1);
            throw e;
        }
        enqueue(tenantId, events);
        committed();
        return Optional.of(new Committed<>(before, version, events));
    }

    @Override
    public synchronized Optional<IdempotencyRecord> idempotencyRecord(String tenantId, String keyHash) {
        return Optional.ofNullable(idempotency(tenantId).get(keyHash));
    }

    /** For {@link InMemoryPendingTenants} only: the drain's one look across tenants. */
    public synchronized List<String> tenantsWithPendingRecords(int limit) {
        return outbox.entrySet().stream().filter(e -> !e.getValue().isEmpty()).map(Map.Entry::getKey).sorted().limit(limit).toList();
    }

    @Override
    public synchronized List<DomainEvent> pending(String tenantId, int limit) {
        return outbox.getOrDefault(tenantId, new LinkedHashMap<>()).values().stream().limit(limit).toList();
    }

    @Override
    public synchronized void markPublished(String tenantId, String eventId) {
        LinkedHashMap<String, DomainEvent> records = outbox.get(tenantId);
        if (records != null) {
            records.remove(eventId);
        }
        committed();
    }

    /**
     * Keeps this repository's committed state in {@code file} (the development file store): loads what the file holds
     * (nothing when it does not exist), writes it back at once (an unwritable directory fails here, at start-up), and
     * from then on writes the whole state after every committed change, before the change returns. A write that fails
     * fails the change and puts back the state last written.
     *
     * @throws IllegalStateException naming the file, when it holds what this repository cannot load
     */
    protected final synchronized void keepIn(StoreFile file, Class<T> type) {
        this.type = Objects.requireNonNull(type, "type");
        try {
            restore(file.read());
        } catch (IllegalArgumentException e) {
            throw file.refused("a record does not fit " + type.getSimpleName() + " (" + e.getClass().getSimpleName() + ")", e);
        }
        this.file = file;
        committed();
    }

    private void committed() {
        if (file == null) {
            return;
        }
        try {
            file.write(snapshot());
        } catch (RuntimeException e) {
            restore(file.read());
            throw e;
        }
    }

    /** Every tenant's items, versions, pending events and idempotency records, as the store file keeps them. */
    private ObjectNode snapshot() {
        ObjectNode tenants = Json.MAPPER.createObjectNode();
        TreeSet<String> ids = new TreeSet<>(partitions.keySet());
        ids.addAll(outbox.keySet());
        ids.addAll(idempotency.keySet());
        for (String tenantId : ids) {
            ObjectNode tenant = tenants.putObject(tenantId);
            tenant.set("items", Json.MAPPER.valueToTree(partition(tenantId).values()));
            tenant.set("versions", Json.MAPPER.valueToTree(versions(tenantId)));
            tenant.set("outbox", Json.MAPPER.valueToTree(outbox.getOrDefault(tenantId, new LinkedHashMap<>()).values()));
            tenant.set("idempotency", Json.MAPPER.valueToTree(idempotency(tenantId).values()));
        }
        return tenants;
    }

    private void restore(Optional<JsonNode> state) {
        partitions.clear();
        versions.clear();
        outbox.clear();
        idempotency.clear();
        state.ifPresent(tenants -> tenants.fields().forEachRemaining(t -> {
            String tenantId = t.getKey();
            for (JsonNode item : t.getValue().path("items")) {
                T entity = Json.MAPPER.convertValue(item, type);
                partition(tenantId).put(entity.id(), entity);
            }
            t.getValue().path("versions").fields().forEachRemaining(v -> versions(tenantId).put(v.getKey(), v.getValue().longValue()));
            for (JsonNode record : t.getValue().path("outbox")) {
                enqueue(tenantId, List.of(Json.MAPPER.convertValue(record, DomainEvent.class)));
            }
            for (JsonNode record : t.getValue().path("idempotency")) {
                IdempotencyRecord r = Json.MAPPER.convertValue(record, IdempotencyRecord.class);
                idempotency(tenantId).put(r.keyHash(), r);
            }
        }));
    }

    private void enqueue(String tenantId, List<DomainEvent> events) {
        LinkedHashMap<String, DomainEvent> records = outbox.computeIfAbsent(tenantId, t -> new LinkedHashMap<>());
        events.forEach(e -> records.put(e.eventId(), e));
    }

    private Map<String, Long> versions(String tenantId) {
        return versions.computeIfAbsent(tenantId, t -> new ConcurrentHashMap<>());
    }

    private Map<String, IdempotencyRecord> idempotency(String tenantId) {
        return idempotency.computeIfAbsent(tenantId, t -> new ConcurrentHashMap<>());
    }

    private static String newEtag() {
        return "\"" + UUID.randomUUID() + "\"";
    }
}
