package com.connectsoft.factory.functions.durable;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.connectsoft.factory.orchestration.Contracts.RunPlan;
import com.connectsoft.factory.orchestration.OrchestrationNames;
import com.connectsoft.factory.platform.json.Json;
import com.connectsoft.factory.platform.store.Document;
import com.connectsoft.factory.platform.store.DocumentStore;
import com.connectsoft.factory.platform.store.DocumentTransaction;
import com.connectsoft.factory.platform.store.Filter;
import com.connectsoft.factory.platform.store.Page;
import com.connectsoft.factory.platform.store.PageRequest;
import com.connectsoft.factory.platform.store.sqlite.EmbeddedDatabase;
import com.connectsoft.factory.platform.store.sqlite.SqliteDocumentStore;
import com.connectsoft.factory.run.RunOrchestrationsContract;
import com.connectsoft.factory.run.application.RunOrchestrations;
import com.connectsoft.factory.shared.domain.TenantId;
import com.microsoft.durabletask.JacksonDataConverter;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs in Durable Functions: the adapter over the SDK's real gRPC durable client, talking to {@link TaskHubFake} (the
 * sidecar service the Functions host serves), with the raised keys in the factory's store (SQLite here, Cosmos DB in
 * Azure). It passes the RunOrchestrations contract; here also how it races, fails and recovers.
 */
class DurableClientOrchestrationsTest extends RunOrchestrationsContract {
    @TempDir
    Path dir;
    private EmbeddedDatabase db;
    private SqliteDocumentStore store;
    private TaskHubFake hub;
    private RunOrchestrations orchestrations;

    @BeforeEach
    void open() {
        db = EmbeddedDatabase.open(dir);
        store = new SqliteDocumentStore(db, Clock.systemUTC());
        hub = new TaskHubFake();
        orchestrations = new DurableClientOrchestrations(hub.client(), store, Clock.systemUTC());
    }

    @AfterEach
    void close() {
        hub.close();
        db.close();
    }

    @Override
    protected RunOrchestrations orchestrations() {
        return orchestrations;
    }

    /** The function app restarted: a new client and adapter; the task hub and the factory's store are what they were. */
    @Override
    protected RunOrchestrations restarted() {
        orchestrations = new DurableClientOrchestrations(hub.client(), store, Clock.systemUTC());
        return orchestrations;
    }

    @Override
    protected List<RunPlan> starts(TenantId tenant, String runId) {
        JacksonDataConverter json = new JacksonDataConverter();
        return hub.starts(OrchestrationNames.runInstance(runId)).stream().map(in -> json.deserialize(in, RunPlan.class)).toList();
    }

    @Override
    protected Map<String, List<String>> endAndCollect(TenantId tenant, String instanceId) {
        hub.complete(instanceId);
        Map<String, List<String>> got = new LinkedHashMap<>();
        for (String[] e : hub.events(instanceId)) {
            got.computeIfAbsent(e[0], n -> new ArrayList<>()).add(e[1] == null ? "null" : Json.read(e[1]).toString());
        }
        return got;
    }

    @Test
    void aStartRacingAnotherStartOfTheSameRunIsThatStart() {
        RunPlan plan = plan(A, "run-1");
        String input = new JacksonDataConverter().serialize(plan);
        hub.beforeStart(() -> {
            hub.beforeStart(() -> { });
            hub.startDirectly(OrchestrationNames.FACTORY_RUN, "run-1", input); // the other caller got in between look and start
        });
        orchestrations.start(A, plan);
        assertEquals(List.of(plan), starts(A, "run-1"));
    }

    @Test
    void aRaiseThatFailsIsRaisedByTheNextDelivery() {
        orchestrations.start(A, plan(A, "run-1"));
        hub.failNextRaises(1);
        assertThrows(RuntimeException.class, () -> orchestrations.raise(A, "run-1", RESULT, "first try", "evt-result-1"),
                "the fault reaches the caller (Service Bus delivers the result again)");
        assertTrue(assertTimeoutPreemptively(Duration.ofSeconds(5), () -> orchestrations.raise(A, "run-1", RESULT, "first try", "evt-result-1")),
                "the next delivery raises at once: the failed raise gave its claim up");
        assertEquals(List.of("\"first try\""), endAndCollect(A, "run-1").get(RESULT));
    }

    @Test
    void aClaimLeftByAProcessThatDiedIsTakenOverAfterTheLease() {
        orchestrations.start(A, plan(A, "run-1"));
        Instant t0 = Instant.parse("2026-12-01T10:00:00Z");
        new RaisedEvents(store, Clock.fixed(t0, ZoneOffset.UTC)).claim(A, "run-1", "evt-result-1").orElseThrow(); // then it died
        RunOrchestrations later = new DurableClientOrchestrations(hub.client(), store,
                Clock.fixed(t0.plus(RaisedEvents.LEASE).plusSeconds(1), ZoneOffset.UTC));
        assertTrue(later.raise(A, "run-1", RESULT, "taken over", "evt-result-1"));
        assertTrue(later.raise(A, "run-1", RESULT, "taken over", "evt-result-1"));
        assertEquals(List.of("\"taken over\""), endAndCollect(A, "run-1").get(RESULT));
    }

    @Test
    void aCallWaitsForAnotherCallRaisingTheSameKeyAndDoesNotRaiseIt() throws Exception {
        orchestrations.start(A, plan(A, "run-1"));
        RaisedEvents other = new RaisedEvents(store, Clock.systemUTC());
        RaisedEvents.Claim claim = other.claim(A, "run-1", "evt-result-1").orElseThrow();
        CompletableFuture<Boolean> waiting = CompletableFuture.supplyAsync(
                () -> orchestrations.raise(A, "run-1", RESULT, "from the other call", "evt-result-1"));
        assertThrows(java.util.concurrent.TimeoutException.class, () -> waiting.get(300, TimeUnit.MILLISECONDS),
                "the second call waits while the first holds the key");
        hub.client().raiseEvent("run-1", RESULT, "from the other call");
        other.confirm(claim);
        assertTrue(waiting.get(10, TimeUnit.SECONDS));
        assertEquals(List.of("\"from the other call\""), endAndCollect(A, "run-1").get(RESULT));
    }

    /** Two deliveries of one result read the instance's record at the same moment: the store's etag lets one claim. */
    @Test
    void twoCallsThatReadTheSameRecordAtOnceRaiseTheKeyOnce() throws Exception {
        orchestrations.start(A, plan(A, "run-1"));
        assertTrue(orchestrations.raise(A, "run-1", RESULT, "earlier", "evt-result-0"));
        java.util.concurrent.CyclicBarrier bothRead = new java.util.concurrent.CyclicBarrier(2);
        java.util.concurrent.atomic.AtomicInteger reads = new java.util.concurrent.atomic.AtomicInteger();
        DocumentStore meeting = new DocumentStore() {
            @Override
            public <T> T transact(TenantId tenant, java.util.function.Function<DocumentTransaction, T> work) {
                return store.transact(tenant, work);
            }

            @Override
            public java.util.Optional<Document> get(TenantId tenant, String collection, String id) {
                java.util.Optional<Document> d = store.get(tenant, collection, id);
                if (reads.incrementAndGet() <= 2) {
                    try {
                        bothRead.await(10, TimeUnit.SECONDS);
                    } catch (Exception e) {
                        throw new IllegalStateException(e);
                    }
                }
                return d;
            }

            @Override
            public Page<Document> query(TenantId tenant, String collection, Filter filter, PageRequest page) {
                return store.query(tenant, collection, filter, page);
            }
        };
        List<CompletableFuture<Boolean>> calls = new ArrayList<>();
        for (int i = 0; i < 2; i++) {
            RunOrchestrations delivery = new DurableClientOrchestrations(hub.client(), meeting, Clock.systemUTC());
            calls.add(CompletableFuture.supplyAsync(() -> delivery.raise(A, "run-1", RESULT, "twice delivered", "evt-result-1")));
        }
        for (CompletableFuture<Boolean> c : calls) {
            assertTrue(c.get(30, TimeUnit.SECONDS));
        }
        assertEquals(List.of("\"earlier\"", "\"twice delivered\""), endAndCollect(A, "run-1").get(RESULT));
    }

    @Test
    void theRaisedKeysLiveInTheTenantsPartition() {
        orchestrations.start(A, plan(A, "run-1"));
        assertTrue(orchestrations.raise(A, "run-1", RESULT, "x", "evt-result-1"));
        String doc = RaisedEvents.documentId("run-1");
        assertTrue(store.get(A, RaisedEvents.COLLECTION, doc).isPresent());
        assertTrue(store.get(B, RaisedEvents.COLLECTION, doc).isEmpty());
        assertEquals("raised", store.get(A, RaisedEvents.COLLECTION, doc).orElseThrow().body().path("keys").path("evt-result-1")
                .path("state").asText());
    }
}
