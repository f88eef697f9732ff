package com.connectsoft.factory.platform.bus.embedded;

import com.connectsoft.factory.platform.bus.DeadLetter;
import com.connectsoft.factory.platform.bus.DeadLetters;
import com.connectsoft.factory.platform.bus.EventBus;
import com.connectsoft.factory.platform.bus.EventHandler;
import com.connectsoft.factory.platform.bus.PoisonEventException;
import com.connectsoft.factory.platform.bus.Subscription;
import com.connectsoft.factory.platform.json.Json;
import com.connectsoft.factory.platform.store.sqlite.EmbeddedDatabase;
import com.connectsoft.factory.platform.store.sqlite.Outbox;
import com.connectsoft.factory.shared.domain.Envelope;
import com.connectsoft.factory.shared.domain.TenantId;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * In-process bus over the outbox table of the embedded database. A dispatcher thread fans each committed outbox
 * row out to the subscriptions whose filter accepts it (a persisted delivery row per subscription), then hands due
 * deliveries to the subscription's own workers (as many as its {@link Subscription#concurrency()}), so a slow handler
 * delays only its own subscription: success marks the row done, failure schedules a retry with backoff, and the last
 * failure or a {@link PoisonEventException} dead-letters it. Rows survive restarts, so nothing committed is lost;
 * a delivery interrupted by a crash runs again (at least once). With concurrency 1 a subscription's events are
 * handled in publication order; a retried event waits for its backoff without holding up the next one.
 */
public final class EmbeddedEventBus implements EventBus {
    private static final Duration POLL = Duration.ofMillis(200);

    private final EmbeddedDatabase db;
    private final Clock clock;
    private final Map<String, Registered> subscriptions = new ConcurrentHashMap<>();
    private final ReentrantLock signalLock = new ReentrantLock();
    private final Condition signal = signalLock.newCondition();
    /** Set by {@link #wake()}, cleared when a dispatch round starts (guarded by signalLock). */
    private boolean pending;
    private final Thread dispatcher;
    private volatile boolean running = true;
    private volatile boolean busy;

    private record Registered(Subscription subscription, EventHandler handler, java.util.concurrent.ExecutorService workers,
                              java.util.Set<String> inFlight) {
        boolean hasRoom() {
            return inFlight.size() < subscription.concurrency();
        }
    }

    private record Due(String eventId, String subscription, int attempts, String body) {
    }

    public EmbeddedEventBus(EmbeddedDatabase db, Clock clock) {
        this.db = Objects.requireNonNull(db, "db");
        this.clock = Objects.requireNonNull(clock, "clock");
        // an event published in a store transaction (the outbox of the same database) wakes the dispatcher on commit
        db.onOutboxCommit(this::wake);
        this.dispatcher = new Thread(this::dispatchLoop, "factory-bus-dispatcher");
        dispatcher.setDaemon(true);
        dispatcher.start();
    }

    @Override
    public void publish(Envelope event) {
        Objects.requireNonNull(event, "event");
        db.inTransaction(c -> {
            Outbox.insert(c, event, clock.instant());
            return null;
        });
        wake();
    }

    @Override
    public void subscribe(Subscription subscription, EventHandler handler) {
        Objects.requireNonNull(subscription, "subscription");
        Objects.requireNonNull(handler, "handler");
        java.util.concurrent.atomic.AtomicInteger n = new java.util.concurrent.atomic.AtomicInteger();
        java.util.concurrent.ExecutorService workers = java.util.concurrent.Executors.newFixedThreadPool(subscription.concurrency(), r -> {
            Thread t = new Thread(r, "factory-bus-" + subscription.name() + "-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        if (subscriptions.putIfAbsent(subscription.name(), new Registered(subscription, handler, workers,
                ConcurrentHashMap.newKeySet())) != null) {
            workers.shutdown();
            throw new IllegalArgumentException("subscription '" + subscription.name() + "' is already registered");
        }
        db.inTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement(
                    "INSERT OR IGNORE INTO bus_cursors (subscription, last_seq) SELECT ?, COALESCE(MAX(seq), 0) FROM outbox")) {
                ps.setString(1, subscription.name());
                return ps.executeUpdate();
            }
        });
        wake();
    }

    @Override
    public boolean awaitIdle(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (!busy && inFlight() == 0 && pendingCount() == 0) {
                return true;
            }
            wake();
            try {
                Thread.sleep(10);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
        return false;
    }

    private int inFlight() {
        return subscriptions.values().stream().mapToInt(r -> r.inFlight().size()).sum();
    }

    private long pendingCount() {
        return db.inTransaction(c -> {
            long unfanned = 0;
            for (String name : subscriptions.keySet()) {
                try (PreparedStatement ps = c.prepareStatement(
                        "SELECT COUNT(*) FROM outbox WHERE seq > (SELECT last_seq FROM bus_cursors WHERE subscription = ?)")) {
                    ps.setString(1, name);
                    try (ResultSet rs = ps.executeQuery()) {
                        unfanned += rs.next() ? rs.getLong(1) : 0;
                    }
                }
            }
            long pending = 0;
            for (String name : subscriptions.keySet()) {
                try (PreparedStatement ps = c.prepareStatement(
                        "SELECT COUNT(*) FROM deliveries WHERE status = 'pending' AND subscription = ?")) {
                    ps.setString(1, name);
                    try (ResultSet rs = ps.executeQuery()) {
                        pending += rs.next() ? rs.getLong(1) : 0;
                    }
                }
            }
            return unfanned + pending;
        });
    }

    @Override
    public List<DeadLetter> deadLetters(TenantId tenant) {
        Objects.requireNonNull(tenant, "tenantId is required");
        return db.inTransaction(c -> {
            List<DeadLetter> out = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement("""
                    SELECT d.event_id, o.event_type, d.subscription, d.attempts, d.last_error, json_extract(o.body, '$.correlationId')
                    FROM deliveries d JOIN outbox o ON o.event_id = d.event_id
                    WHERE d.status = 'dead' AND d.tenant_id = ? ORDER BY d.seq""")) {
                ps.setString(1, tenant.value());
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        out.add(new DeadLetter(rs.getString(1), rs.getString(2), rs.getString(3), rs.getInt(4), rs.getString(5), rs.getString(6)));
                    }
                }
            }
            return out;
        });
    }

    @Override
    public void close() {
        running = false;
        wake();
        try {
            dispatcher.join(5000);
            for (Registered r : subscriptions.values()) {
                r.workers().shutdown();
            }
            for (Registered r : subscriptions.values()) {
                r.workers().awaitTermination(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void wake() {
        signalLock.lock();
        try {
            pending = true;
            signal.signalAll();
        } finally {
            signalLock.unlock();
        }
    }

    private void dispatchLoop() {
        while (running) {
            boolean worked = false;
            try {
                busy = true;
                signalLock.lock();
                try {
                    pending = false; // what is published from here on is seen by this round or wakes the next
                } finally {
                    signalLock.unlock();
                }
                fanOut();
                worked = runDue();
            } catch (RuntimeException e) {
                // the database is unavailable for a moment (or closing); the rows are intact, try again next tick
                worked = false;
            } finally {
                busy = false;
            }
            if (!worked && running) {
                signalLock.lock();
                try {
                    if (!pending) { // a wake-up during the round is not lost while nobody waited
                        signal.await(POLL.toMillis(), TimeUnit.MILLISECONDS);
                    }
                } catch (InterruptedException e) {
                    return;
                } finally {
                    signalLock.unlock();
                }
            }
        }
    }

    private void fanOut() {
        if (subscriptions.isEmpty()) {
            return;
        }
        db.inTransaction(c -> {
            for (Registered r : subscriptions.values()) {
                long cursor = cursor(c, r.subscription().name());
                long last = cursor;
                try (PreparedStatement ps = c.prepareStatement(
                        "SELECT seq, event_id, tenant_id, event_type FROM outbox WHERE seq > ? ORDER BY seq LIMIT 500")) {
                    ps.setLong(1, cursor);
                    try (ResultSet rs = ps.executeQuery()) {
                        while (rs.next()) {
                            last = rs.getLong(1);
                            if (r.subscription().accepts(rs.getString(4))) {
                                insertDelivery(c, rs.getString(2), r.subscription().name(), last, rs.getString(3));
                            }
                        }
                    }
                }
                if (last != cursor) {
                    try (PreparedStatement ps = c.prepareStatement("UPDATE bus_cursors SET last_seq = ? WHERE subscription = ?")) {
                        ps.setLong(1, last);
                        ps.setString(2, r.subscription().name());
                        ps.executeUpdate();
                    }
                }
            }
            return null;
        });
    }

    private static long cursor(Connection c, String subscription) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT last_seq FROM bus_cursors WHERE subscription = ?")) {
            ps.setString(1, subscription);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? rs.getLong(1) : 0;
            }
        }
    }

    private void insertDelivery(Connection c, String eventId, String subscription, long seq, String tenant) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("""
                INSERT OR IGNORE INTO deliveries (event_id, subscription, seq, tenant_id, status, attempts, next_attempt_at, updated_at)
                VALUES (?,?,?,?, 'pending', 0, 0, ?)""")) {
            ps.setString(1, eventId);
            ps.setString(2, subscription);
            ps.setLong(3, seq);
            ps.setString(4, tenant);
            ps.setString(5, clock.instant().toString());
            ps.executeUpdate();
        }
    }

    /** Hands the due deliveries of subscriptions with a free worker to their workers; whether it handed any. */
    private boolean runDue() {
        if (subscriptions.values().stream().noneMatch(Registered::hasRoom)) {
            return false;
        }
        List<Due> due = db.inTransaction(c -> {
            List<Due> out = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement("""
                    SELECT d.event_id, d.subscription, d.attempts, o.body FROM deliveries d JOIN outbox o ON o.event_id = d.event_id
                    WHERE d.status = 'pending' AND d.next_attempt_at <= ? ORDER BY d.seq LIMIT 500""")) {
                ps.setLong(1, clock.millis());
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        out.add(new Due(rs.getString(1), rs.getString(2), rs.getInt(3), rs.getString(4)));
                    }
                }
            }
            return out;
        });
        boolean handed = false;
        for (Due d : due) {
            Registered r = subscriptions.get(d.subscription());
            if (r == null || r.inFlight().contains(d.eventId()) || !r.hasRoom()) {
                continue; // not consumed in this process, already being handled, or its workers are busy: it waits
            }
            r.inFlight().add(d.eventId());
            handed = true;
            try {
                r.workers().execute(() -> {
                    try {
                        deliver(r, d);
                    } catch (RuntimeException e) {
                        // the database was unavailable while settling; the row is still pending and runs again
                    } finally {
                        r.inFlight().remove(d.eventId());
                        wake();
                    }
                });
            } catch (java.util.concurrent.RejectedExecutionException closing) {
                r.inFlight().remove(d.eventId());
            }
        }
        return handed;
    }

    private void deliver(Registered r, Due d) {
        int attempts = d.attempts() + 1;
        Envelope event;
        try {
            event = Json.mapper().readValue(d.body(), Envelope.class);
        } catch (Exception e) {
            settle(d, attempts, "dead", 0, "unreadable envelope: " + e.getMessage());
            return;
        }
        try {
            r.handler().handle(event);
            settle(d, attempts, "done", 0, null);
        } catch (PoisonEventException e) {
            deadLetter(d, attempts, "poison: " + e.getMessage(), event);
        } catch (Exception e) {
            String reason = e.getClass().getSimpleName() + ": " + e.getMessage();
            if (attempts >= r.subscription().retry().maxAttempts()) {
                deadLetter(d, attempts, "gave up after " + attempts + " attempts; last error " + reason, event);
            } else {
                long next = clock.millis() + r.subscription().retry().backoffAfter(attempts).toMillis();
                settle(d, attempts, "pending", next, reason);
            }
        }
    }

    /** Dead-letters the delivery and, in the same transaction, announces it as {@link DeadLetters#EVENT_TYPE}. */
    private void deadLetter(Due d, int attempts, String reason, Envelope event) {
        db.inTransaction(c -> {
            update(c, d, attempts, "dead", 0, reason);
            if (!DeadLetters.EVENT_TYPE.equals(event.eventType())) {
                Outbox.insert(c, DeadLetters.announcement(event, d.subscription(), attempts, reason, clock.instant()), clock.instant());
            }
            return null;
        });
        wake();
    }

    private void settle(Due d, int attempts, String status, long nextAttemptAt, String error) {
        db.inTransaction(c -> update(c, d, attempts, status, nextAttemptAt, error));
    }

    private int update(Connection c, Due d, int attempts, String status, long nextAttemptAt, String error) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("""
                UPDATE deliveries SET status = ?, attempts = ?, next_attempt_at = ?, last_error = ?, updated_at = ?
                WHERE event_id = ? AND subscription = ?""")) {
            ps.setString(1, status);
            ps.setInt(2, attempts);
            ps.setLong(3, nextAttemptAt);
            ps.setString(4, error);
            ps.setString(5, clock.instant().toString());
            ps.setString(6, d.eventId());
            ps.setString(7, d.subscription());
            return ps.executeUpdate();
        }
    }
}
