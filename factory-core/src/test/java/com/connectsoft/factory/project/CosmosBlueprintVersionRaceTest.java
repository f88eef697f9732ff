package com.connectsoft.factory.project;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.connectsoft.factory.platform.store.CosmosEmulator;
import com.connectsoft.factory.platform.store.cosmos.CosmosDocumentStore;
import com.connectsoft.factory.project.domain.BlueprintDraft;
import com.connectsoft.factory.project.domain.BlueprintVersion;
import com.connectsoft.factory.project.domain.Project;
import com.connectsoft.factory.project.adapter.DocumentProjects;
import com.connectsoft.factory.shared.domain.TenantId;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The same race on the Cosmos DB adapter (npm emulator, started by .ci/run; skipped without it): the version document
 * is created only if absent, and a commit that loses the race retries, so each caller's number holds its content.
 */
@Tag("cosmos-emulator")
class CosmosBlueprintVersionRaceTest {
    @Test
    void concurrentRecordsOfDistinctContentGetDistinctVersionsHoldingTheirContent() throws Exception {
        DocumentProjects projects = new DocumentProjects(new CosmosDocumentStore(CosmosEmulator.freshContainer(), Clock.systemUTC()));
        TenantId tenant = TenantId.of("race");
        int callers = 20;
        ExecutorService threads = Executors.newFixedThreadPool(callers);
        try {
            CountDownLatch go = new CountDownLatch(1);
            List<Future<Optional<BlueprintVersion>>> calls = new ArrayList<>();
            Instant now = Instant.now();
            for (int i = 0; i < callers; i++) {
                String hash = "sha256:" + String.format("%064x", i);
                calls.add(threads.submit(() -> {
                    go.await();
                    return projects.record(tenant, new Project("race", "proj-race", "Race", "", now, now),
                            new BlueprintDraft("race", "proj-race", "bp-race", hash, "yaml", "race.yaml", "ref", now));
                }));
            }
            go.countDown();
            Map<Integer, String> told = new HashMap<>();
            for (int i = 0; i < callers; i++) {
                BlueprintVersion v = calls.get(i).get(120, TimeUnit.SECONDS).orElseThrow();
                assertEquals("sha256:" + String.format("%064x", i), v.contentHash());
                told.put(v.version(), v.contentHash());
            }
            assertEquals(callers, told.size(), "distinct numbers: " + told.keySet());
            for (BlueprintVersion stored : projects.versions(tenant, "bp-race")) {
                assertEquals(told.get(stored.version()), stored.contentHash(), "version " + stored.version() + " holds its caller's content");
            }
            assertEquals(callers, projects.versions(tenant, "bp-race").size());
        } finally {
            threads.shutdownNow();
        }
    }
}
