package com.connectsoft.factory.orchestration.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.connectsoft.factory.orchestration.local.InstanceStore.Change;
import com.connectsoft.factory.orchestration.local.InstanceStore.InstanceConflictException;
import com.connectsoft.factory.orchestration.local.InstanceStore.Versioned;
import com.microsoft.durabletask.TaskOrchestration;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The behaviour every {@link InstanceStore} must have: create, load, conditional saves (a stale etag loses, several
 * changes commit together or not at all), the unfinished instances of every partition, a run's instances, partition
 * isolation, and the persistence the local backend's dedupe of external events rests on. Run against the in-memory
 * store of the orchestration tests and the factory's store (SQLite; Cosmos DB on its emulator).
 */
public abstract class InstanceStoreContract {
    /** Partitions are tenant ids. */
    protected static final String A = "tenant-a";
    protected static final String B = "tenant-b";

    /** An empty store whose partitions include {@link #A} and {@link #B}. */
    protected abstract InstanceStore store();

    protected static InstanceState state(String partition, String id, String status) {
        return new InstanceState(partition, id, "FactoryRun", status, "{\"runId\":\"" + id + "\"}", null, null, null, List.of("aGlzdG9yeQ=="),
                List.of(), List.of(), List.of(), null, List.of(), 1_000L, 1_000L);
    }

    private static InstanceState with(InstanceState s, String status, List<String> inbox, List<String> raised, long now) {
        return new InstanceState(s.partition(), s.instanceId(), s.name(), status, s.input(), s.output(), s.failure(), s.customStatus(),
                s.history(), inbox, s.activities(), s.timers(), s.parent(), raised, s.createdAtMillis(), now);
    }

    private Versioned create(InstanceState s) {
        store().commit(s.partition(), List.of(Change.create(s)));
        return store().load(s.partition(), s.instanceId()).orElseThrow();
    }

    private static Set<String> ids(List<Versioned> vs) {
        return vs.stream().map(v -> v.state().partition() + "/" + v.state().instanceId()).collect(Collectors.toSet());
    }

    @Test
    void aCreatedInstanceLoadsAsItWasWritten() {
        InstanceState full = new InstanceState(A, "run-1:mod-a", "FactoryModule", InstanceState.RUNNING, "{\"moduleId\":\"mod-a\"}",
                null, null, "{\"step\":\"render\"}", List.of("aGlzdG9yeS0x", "aGlzdG9yeS0y"), List.of("aW5ib3g="),
                List.of(new InstanceState.PendingActivity(3, "DispatchStep", "{\"step\":\"render\"}")),
                List.of(new InstanceState.PendingTimer(4, 1_800_000L)), new InstanceState.Parent("run-1", 2),
                List.of("evt-1", "approval:run-1:mod-a"), 1_000L, 2_000L);
        Versioned v = create(full);
        assertEquals(full, v.state());
        assertNotNull(v.etag());
        assertTrue(store().load(A, "run-1:mod-b").isEmpty(), "an unknown instance is empty");
    }

    @Test
    void creatingAnInstanceThatExistsFailsAndKeepsTheFirst() {
        create(state(A, "run-1", InstanceState.PENDING));
        InstanceState second = new InstanceState(A, "run-1", "Other", InstanceState.RUNNING, "{}", null, null, null, List.of(), List.of(),
                List.of(), List.of(), null, List.of(), 5L, 5L);
        assertThrows(InstanceConflictException.class, () -> store().commit(A, List.of(Change.create(second))));
        assertEquals("FactoryRun", store().load(A, "run-1").orElseThrow().state().name());
    }

    @Test
    void aSaveAtTheCurrentEtagWritesAndChangesTheEtagAndOneAtAStaleEtagWritesNothing() {
        Versioned first = create(state(A, "run-1", InstanceState.PENDING));
        InstanceState running = with(first.state(), InstanceState.RUNNING, List.of(), List.of(), 2_000L);
        store().commit(A, List.of(new Change(running, first.etag())));
        Versioned second = store().load(A, "run-1").orElseThrow();
        assertEquals(running, second.state());
        assertNotEquals(first.etag(), second.etag(), "every write changes the etag");

        InstanceState stale = with(first.state(), InstanceState.FAILED, List.of(), List.of(), 3_000L);
        assertThrows(InstanceConflictException.class, () -> store().commit(A, List.of(new Change(stale, first.etag()))));
        assertEquals(second, store().load(A, "run-1").orElseThrow(), "the stale write changed nothing");
    }

    @Test
    void aSaveOfAnInstanceThatIsNotThereFails() {
        Versioned elsewhere = create(state(A, "run-1", InstanceState.PENDING));
        InstanceState ghost = state(A, "run-2", InstanceState.RUNNING);
        assertThrows(InstanceConflictException.class, () -> store().commit(A, List.of(new Change(ghost, elsewhere.etag()))));
        assertTrue(store().load(A, "run-2").isEmpty());
    }

    @Test
    void severalChangesCommitTogetherOrNotAtAll() {
        Versioned parent = create(state(A, "run-1", InstanceState.RUNNING));
        create(state(A, "run-1:mod-a", InstanceState.PENDING));
        InstanceState parentNext = with(parent.state(), InstanceState.RUNNING, List.of("c3RhcnRlZA=="), List.of(), 2_000L);
        assertThrows(InstanceConflictException.class, () -> store().commit(A, List.of(new Change(parentNext, parent.etag()),
                Change.create(state(A, "run-1:mod-b", InstanceState.PENDING)), Change.create(state(A, "run-1:mod-a", InstanceState.PENDING)))));
        assertEquals(parent, store().load(A, "run-1").orElseThrow(), "the parent's change was not applied");
        assertTrue(store().load(A, "run-1:mod-b").isEmpty(), "the new child was not created");

        store().commit(A, List.of(new Change(parentNext, parent.etag()), Change.create(state(A, "run-1:mod-b", InstanceState.PENDING))));
        assertEquals(parentNext, store().load(A, "run-1").orElseThrow().state());
        assertTrue(store().load(A, "run-1:mod-b").isPresent());
    }

    @Test
    void ofWritersThatReadTheSameVersionExactlyOneCommits() throws Exception {
        Versioned v = create(state(A, "run-1", InstanceState.RUNNING));
        int writers = 6;
        CountDownLatch go = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(writers);
        try {
            List<Future<Boolean>> results = new ArrayList<>();
            for (int i = 0; i < writers; i++) {
                String key = "key-" + i;
                results.add(pool.submit(() -> {
                    go.await();
                    try {
                        store().commit(A, List.of(new Change(with(v.state(), InstanceState.RUNNING, List.of(), List.of(key), 2_000L), v.etag())));
                        return true;
                    } catch (InstanceConflictException lost) {
                        return false;
                    }
                }));
            }
            go.countDown();
            int won = 0;
            for (Future<Boolean> f : results) {
                won += f.get(30, TimeUnit.SECONDS) ? 1 : 0;
            }
            assertEquals(1, won, "writers at one etag that committed");
            assertEquals(1, store().load(A, "run-1").orElseThrow().state().raised().size());
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void unfinishedListsThePendingAndRunningInstancesOfEveryPartition() {
        create(state(A, "run-p", InstanceState.PENDING));
        Versioned running = create(state(A, "run-r", InstanceState.RUNNING));
        create(state(A, "run-c", InstanceState.COMPLETED));
        create(state(A, "run-f", InstanceState.FAILED));
        create(state(A, "run-t", InstanceState.TERMINATED));
        create(state(B, "run-r", InstanceState.RUNNING));
        assertEquals(Set.of(A + "/run-p", A + "/run-r", B + "/run-r"), ids(store().unfinished()));

        store().commit(A, List.of(new Change(with(running.state(), InstanceState.COMPLETED, List.of(), List.of(), 9_000L), running.etag())));
        assertEquals(Set.of(A + "/run-p", B + "/run-r"), ids(store().unfinished()), "an instance that finished is no longer listed");
    }

    @Test
    void aRunsInstancesAreListedInItsPartitionOnly() {
        for (String id : List.of("run-1", "run-1:mod-a", "run-1:mod-b", "run-10", "run-10:mod-a", "run-2:mod-a")) {
            create(state(A, id, InstanceState.RUNNING));
        }
        create(state(B, "run-1", InstanceState.RUNNING));
        create(state(B, "run-1:mod-x", InstanceState.RUNNING));
        assertEquals(Set.of(A + "/run-1", A + "/run-1:mod-a", A + "/run-1:mod-b"), ids(store().list(A, "run-1")));
        assertEquals(Set.of(A + "/run-1:mod-a"), ids(store().list(A, "run-1:mod-a")));
        assertEquals(Set.of(A + "/run-1:mod-a", A + "/run-1:mod-b"), ids(store().list(A, "run-1:")));
        assertEquals(Set.of(B + "/run-1", B + "/run-1:mod-x"), ids(store().list(B, "run-1")));
        assertEquals(Set.of(), ids(store().list(B, "run-2")));
    }

    @Test
    void partitionsAreIsolated() {
        Versioned a = create(state(A, "run-1", InstanceState.RUNNING));
        assertTrue(store().load(B, "run-1").isEmpty(), "another partition's instance is not found");
        Versioned b = create(state(B, "run-1", InstanceState.PENDING));
        assertEquals(InstanceState.RUNNING, store().load(A, "run-1").orElseThrow().state().status(), "the same id in B is another instance");

        InstanceState intoB = with(b.state(), InstanceState.FAILED, List.of(), List.of(), 2_000L);
        assertThrows(IllegalArgumentException.class, () -> store().commit(A, List.of(new Change(intoB, a.etag()))),
                "a commit to A refuses B's state");
        assertThrows(IllegalArgumentException.class, () -> store().commit(A, List.of(Change.create(state(B, "run-9", InstanceState.PENDING)))));
        assertEquals(a, store().load(A, "run-1").orElseThrow());
        assertEquals(b, store().load(B, "run-1").orElseThrow());
        assertTrue(store().load(B, "run-9").isEmpty() && store().load(A, "run-9").isEmpty());
    }

    /** The local backend raising the same external event from many threads at once: the store's etags make it one. */
    @Test
    void anExternalEventRaisedConcurrentlyWithOneDedupeKeyIsKeptOnce() throws Exception {
        Clock clock = Clock.fixed(Instant.parse("2026-12-01T10:00:00Z"), ZoneOffset.UTC);
        try (LocalDurableBackend backend = new LocalDurableBackend(store(), Map.<String, TaskOrchestration>of("FactoryRun", ctx -> { }), Map.of(), clock, 1)) {
            assertTrue(backend.schedule(A, "FactoryRun", "run-1", Map.of("runId", "run-1")));
            int raisers = 6;
            CountDownLatch go = new CountDownLatch(1);
            ExecutorService pool = Executors.newFixedThreadPool(raisers);
            try {
                List<Future<Boolean>> results = new ArrayList<>();
                for (int i = 0; i < raisers; i++) {
                    results.add(pool.submit(() -> {
                        go.await();
                        return backend.raise(A, "run-1", "result:render", Map.of("ok", true), "evt-result-1");
                    }));
                }
                go.countDown();
                for (Future<Boolean> f : results) {
                    assertTrue(f.get(30, TimeUnit.SECONDS), "raising on a live instance answers true, duplicate or not");
                }
            } finally {
                pool.shutdownNow();
            }
            assertTrue(backend.raise(A, "run-1", "result:render", Map.of("ok", true), "evt-result-2"));
            InstanceState s = store().load(A, "run-1").orElseThrow().state();
            assertEquals(3, s.inbox().size(), "the start and one event for each of the two keys");
            assertEquals(List.of("evt-result-1", "evt-result-2"), s.raised());
            assertTrue(store().load(B, "run-1").isEmpty());
            assertFalse(backend.raise(B, "run-1", "result:render", Map.of(), "evt-result-3"), "B has no such instance");
        }
    }
}
