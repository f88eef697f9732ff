package com.connectsoft.factory.project;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.connectsoft.factory.app.Factory;
import com.connectsoft.factory.platform.store.Document;
import com.connectsoft.factory.platform.store.DocumentStore;
import com.connectsoft.factory.platform.store.DocumentTransaction;
import com.connectsoft.factory.platform.store.Filter;
import com.connectsoft.factory.platform.store.Page;
import com.connectsoft.factory.platform.store.PageRequest;
import com.connectsoft.factory.platform.store.StoreConflictException;
import com.connectsoft.factory.project.application.RegisterBlueprint;
import com.connectsoft.factory.project.domain.BlueprintDraft;
import com.connectsoft.factory.project.domain.BlueprintVersion;
import com.connectsoft.factory.project.domain.Project;
import com.connectsoft.factory.project.adapter.DocumentProjects;
import com.connectsoft.factory.run.TestFactory;
import com.connectsoft.factory.shared.domain.Hashing;
import com.connectsoft.factory.shared.domain.TenantId;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Concurrent uploads of one product on the SQLite store, with real threads: each caller is told the version holding its content. */
class BlueprintVersionRaceTest {
    private static final TenantId TENANT = TenantId.of("race");
    private static final int CALLERS = 20;

    @TempDir
    Path dir;
    private Factory app;
    private final ExecutorService threads = Executors.newFixedThreadPool(CALLERS);

    @BeforeEach
    void open() {
        app = Factory.open(TestFactory.settings(dir.resolve("data")));
        app.tenancy().administration().register(TENANT, "race", "developer");
    }

    @AfterEach
    void close() {
        threads.shutdownNow();
        app.close();
    }

    private static byte[] blueprint(String product, String description) {
        return ("""
                product: { name: %s, package: com.contoso.race, description: "%s" }
                modules:
                  - name: orders
                    entities:
                      - name: Order
                        fields:
                          - { name: reference, type: string, required: true }
                """.formatted(product, description)).getBytes(StandardCharsets.UTF_8);
    }

    private List<RegisterBlueprint.Result> uploadAtOnce(List<byte[]> contents) throws Exception {
        CountDownLatch go = new CountDownLatch(1);
        List<Future<RegisterBlueprint.Result>> calls = new ArrayList<>();
        for (byte[] content : contents) {
            calls.add(threads.submit(() -> {
                go.await();
                return app.projects().registerBlueprint().register(TENANT, "race.blueprint.yaml", content);
            }));
        }
        go.countDown();
        List<RegisterBlueprint.Result> results = new ArrayList<>();
        for (Future<RegisterBlueprint.Result> f : calls) {
            results.add(f.get(60, TimeUnit.SECONDS));
        }
        return results;
    }

    @Test
    void twentyConcurrentUploadsOfDistinctContentGetTwentyVersionsEachHoldingItsCallersContent() throws Exception {
        List<byte[]> contents = new ArrayList<>();
        for (int i = 0; i < CALLERS; i++) {
            contents.add(blueprint("Race", "variant " + i));
        }
        List<RegisterBlueprint.Result> results = uploadAtOnce(contents);
        Set<Integer> numbers = new HashSet<>();
        for (int i = 0; i < CALLERS; i++) {
            BlueprintVersion told = assertInstanceOf(RegisterBlueprint.Result.Registered.class, results.get(i)).version();
            numbers.add(told.version());
            BlueprintVersion stored = app.projects().blueprints().versions(TENANT, "bp-race").stream().filter(v -> v.version() == told.version())
                    .findFirst().orElseThrow();
            assertEquals(Hashing.contentHash(contents.get(i)), stored.contentHash(), "caller " + i + " was told version " + told.version());
            assertArrayEquals(contents.get(i), app.content().get(TENANT, stored.contentHash()).orElseThrow());
        }
        assertEquals(CALLERS, numbers.size(), "distinct versions: " + numbers);
        assertEquals(CALLERS, app.projects().blueprints().versions(TENANT, "bp-race").size());
        assertEquals(1, app.projects().queries().list(TENANT).size());
    }

    @Test
    void twentyConcurrentUploadsOfTheSameContentGetOneVersion() throws Exception {
        byte[] same = blueprint("Same", "one");
        List<RegisterBlueprint.Result> results = uploadAtOnce(java.util.Collections.nCopies(CALLERS, same));
        for (RegisterBlueprint.Result r : results) {
            assertEquals(1, assertInstanceOf(RegisterBlueprint.Result.Registered.class, r).version().version());
        }
        assertEquals(1, app.projects().blueprints().versions(TENANT, "bp-same").size());
    }

    /** A store whose every transaction loses a race, as if other uploads always committed first. */
    private static final class AlwaysRaced implements DocumentStore {
        private final DocumentStore real;
        final AtomicInteger attempts = new AtomicInteger();

        AlwaysRaced(DocumentStore real) {
            this.real = real;
        }

        @Override
        public <T> T transact(TenantId tenant, Function<DocumentTransaction, T> work) {
            attempts.incrementAndGet();
            throw new StoreConflictException(StoreConflictException.Kind.ALREADY_EXISTS, "taken meanwhile");
        }

        @Override
        public Optional<Document> get(TenantId tenant, String collection, String id) {
            return real.get(tenant, collection, id);
        }

        @Override
        public Page<Document> query(TenantId tenant, String collection, Filter filter, PageRequest page) {
            return real.query(tenant, collection, filter, page);
        }
    }

    @Test
    void aVersionNumberThatKeepsBeingTakenIsGivenUpAfterABoundedNumberOfAttempts() {
        AlwaysRaced store = new AlwaysRaced(app.platform().store());
        DocumentProjects projects = new DocumentProjects(store);
        Instant now = Instant.now();
        Optional<BlueprintVersion> v = projects.record(TENANT, new Project("race", "proj-x", "X", "", now, now),
                new BlueprintDraft("race", "proj-x", "bp-x", "sha256:" + "0".repeat(64), "yaml", "x.yaml", "ref", now));
        assertTrue(v.isEmpty());
        assertEquals(25, store.attempts.get());
    }
}
