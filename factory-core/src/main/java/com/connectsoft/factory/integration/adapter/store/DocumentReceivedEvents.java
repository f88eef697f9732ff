package com.connectsoft.factory.integration.adapter.store;

import com.connectsoft.factory.integration.domain.ReceivedEvents;
import com.connectsoft.factory.platform.json.Json;
import com.connectsoft.factory.platform.store.Document;
import com.connectsoft.factory.platform.store.DocumentStore;
import com.connectsoft.factory.platform.store.Filter;
import com.connectsoft.factory.platform.store.Page;
import com.connectsoft.factory.platform.store.PageRequest;
import com.connectsoft.factory.platform.store.StoreConflictException;
import com.connectsoft.factory.shared.domain.TenantId;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Received webhook events as documents in the tenant's partition ({@code webhook-events}, id = the arrival's key),
 * each written in the same transaction as the envelope it publishes. Each record carries the UTC day it was
 * received; {@link #prune} deletes whole days once every record of the day is older than the retention, so a
 * record lives between the retention and the retention plus one day. A marker document remembers the last day
 * pruned, so pruning never scans what it already removed.
 */
public final class DocumentReceivedEvents implements ReceivedEvents {
    /** Twice Event Grid's 24-hour retry window. */
    public static final Duration MINIMUM_RETENTION = Duration.ofHours(48);
    static final String EVENTS = "webhook-events";
    static final String MARKERS = "webhook-events-pruned";
    private static final String MARKER = "marker";
    /** Arrivals per transaction: each is a record plus an outbox entry, and a Cosmos DB batch holds at most 100 operations. */
    static final int CHUNK = 40;
    /** Days and records one prune call handles at most; the next call continues. */
    private static final int PRUNE_DAYS = 31;
    private static final int PRUNE_RECORDS = 2_000;

    private final DocumentStore store;
    private final Clock clock;
    private final Duration retention;

    public DocumentReceivedEvents(DocumentStore store, Clock clock, Duration retention) {
        if (retention.compareTo(MINIMUM_RETENTION) < 0) {
            throw new IllegalArgumentException("webhook events must be remembered for at least " + MINIMUM_RETENTION.toHours()
                    + " hours (Event Grid retries for 24 hours), not " + retention);
        }
        this.store = store;
        this.clock = clock;
        this.retention = retention;
    }

    @Override
    public List<Boolean> admit(TenantId tenant, List<Arrival> arrivals) {
        for (Arrival a : arrivals) {
            if (!a.envelope().tenantId().equals(tenant.value())) {
                throw new IllegalArgumentException("arrival " + a.key() + " belongs to tenant " + a.envelope().tenantId()
                        + ", not " + tenant.value());
            }
        }
        List<Boolean> fresh = new ArrayList<>(arrivals.size());
        for (int from = 0; from < arrivals.size(); from += CHUNK) {
            fresh.addAll(admitChunk(tenant, arrivals.subList(from, Math.min(arrivals.size(), from + CHUNK))));
        }
        return fresh;
    }

    private List<Boolean> admitChunk(TenantId tenant, List<Arrival> chunk) {
        try {
            return admitOnce(tenant, chunk);
        } catch (StoreConflictException e) {
            // a concurrent delivery of one of these events committed first: read again, it is a duplicate now
            return admitOnce(tenant, chunk);
        }
    }

    private List<Boolean> admitOnce(TenantId tenant, List<Arrival> chunk) {
        LocalDate today = day(clock.instant());
        return store.transact(tenant, tx -> {
            if (tx.get(MARKERS, MARKER).isEmpty()) {
                tx.create(MARKERS, MARKER, Json.object().put("prunedThrough", today.minusDays(1).toString()));
            }
            List<Boolean> fresh = new ArrayList<>(chunk.size());
            for (Arrival a : chunk) {
                if (tx.get(EVENTS, a.key()).isPresent()) {
                    fresh.add(false);
                    continue;
                }
                tx.create(EVENTS, a.key(), Json.object().put("envelopeId", a.envelope().eventId())
                        .put("receivedAt", clock.instant().toString()).put("day", today.toString()));
                tx.publish(a.envelope());
                fresh.add(true);
            }
            return fresh;
        });
    }

    @Override
    public int prune(TenantId tenant) {
        LocalDate lastExpiredDay = day(clock.instant().minus(retention)).minusDays(1);
        Optional<Document> marker = store.get(tenant, MARKERS, MARKER);
        if (marker.isEmpty()) {
            return 0;
        }
        LocalDate day = LocalDate.parse(marker.get().body().path("prunedThrough").asText()).plusDays(1);
        int forgotten = 0;
        for (int days = 0; !day.isAfter(lastExpiredDay) && days < PRUNE_DAYS; days++) {
            Deleted deleted = pruneDay(tenant, day, PRUNE_RECORDS - forgotten);
            forgotten += deleted.count();
            if (!deleted.complete()) {
                return forgotten;
            }
            LocalDate done = day;
            store.transact(tenant, tx -> tx.upsert(MARKERS, MARKER, Json.object().put("prunedThrough", done.toString())));
            day = day.plusDays(1);
        }
        return forgotten;
    }

    private record Deleted(int count, boolean complete) {
    }

    private Deleted pruneDay(TenantId tenant, LocalDate day, int budget) {
        int count = 0;
        while (count < budget) {
            Page<Document> page = store.query(tenant, EVENTS, Filter.where("day", day.toString()),
                    PageRequest.first(Math.min(CHUNK * 2, budget - count)));
            if (page.items().isEmpty()) {
                return new Deleted(count, true);
            }
            store.transact(tenant, tx -> {
                page.items().forEach(d -> tx.delete(EVENTS, d.id(), Optional.empty()));
                return null;
            });
            count += page.items().size();
        }
        return new Deleted(count, false);
    }

    private static LocalDate day(Instant at) {
        return LocalDate.ofInstant(at, ZoneOffset.UTC);
    }
}
