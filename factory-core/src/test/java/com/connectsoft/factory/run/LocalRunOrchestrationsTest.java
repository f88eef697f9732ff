package com.connectsoft.factory.run;

import com.connectsoft.factory.orchestration.Contracts.RunPlan;
import com.connectsoft.factory.orchestration.OrchestrationNames;
import com.connectsoft.factory.orchestration.local.LocalDurableBackend;
import com.connectsoft.factory.orchestration.local.LocalDurableBackend.InstanceView;
import com.connectsoft.factory.platform.json.Json;
import com.connectsoft.factory.platform.store.sqlite.EmbeddedDatabase;
import com.connectsoft.factory.platform.store.sqlite.SqliteDocumentStore;
import com.connectsoft.factory.run.adapter.DocumentInstances;
import com.connectsoft.factory.run.adapter.LocalRunOrchestrations;
import com.connectsoft.factory.run.application.RunOrchestrations;
import com.connectsoft.factory.shared.domain.TenantId;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.microsoft.durabletask.JacksonDataConverter;
import com.microsoft.durabletask.Task;
import com.microsoft.durabletask.TaskOrchestration;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs on the local durable backend, its instances in the factory's SQLite store. The FactoryRun orchestration here is
 * a recorder: it takes every event the contract raises, in order, and completes with them when told to end.
 */
class LocalRunOrchestrationsTest extends RunOrchestrationsContract {
    private static final String END = "end";

    /** Waits for each event name at once; records the data of each event received and waits for that name again. */
    static final TaskOrchestration RECORDER = ctx -> {
        Map<String, List<String>> got = new LinkedHashMap<>();
        Map<String, Task<JsonNode>> waits = new LinkedHashMap<>();
        for (String name : List.of(RESULT, CANCEL, END)) {
            waits.put(name, ctx.waitForExternalEvent(name, JsonNode.class));
        }
        while (true) {
            Task<?> done = ctx.anyOf(new ArrayList<>(waits.values())).await();
            String name = waits.entrySet().stream().filter(e -> e.getValue() == done).findFirst().orElseThrow().getKey();
            if (name.equals(END)) {
                ctx.complete(got);
                return;
            }
            JsonNode data = waits.get(name).await();
            got.computeIfAbsent(name, n -> new ArrayList<>()).add(data == null ? "null" : data.toString());
            waits.put(name, ctx.waitForExternalEvent(name, JsonNode.class));
        }
    };

    @TempDir
    Path dir;
    private EmbeddedDatabase db;
    private DocumentInstances instances;
    private LocalDurableBackend backend;
    private RunOrchestrations orchestrations;

    @BeforeEach
    void open() {
        db = EmbeddedDatabase.open(dir);
        instances = new DocumentInstances(new SqliteDocumentStore(db, Clock.systemUTC()), () -> List.of(A, B));
        startProcess();
    }

    private void startProcess() {
        backend = new LocalDurableBackend(instances, Map.of(OrchestrationNames.FACTORY_RUN, RECORDER), Map.of(), Clock.systemUTC(), 1);
        backend.start();
        orchestrations = new LocalRunOrchestrations(backend);
    }

    @AfterEach
    void close() {
        backend.close();
        db.close();
    }

    @Override
    protected RunOrchestrations orchestrations() {
        return orchestrations;
    }

    /** The local host stops and starts again over the same data directory. */
    @Override
    protected RunOrchestrations restarted() {
        backend.close();
        startProcess();
        return orchestrations;
    }

    @Override
    protected List<RunPlan> starts(TenantId tenant, String runId) {
        return instances.load(tenant.value(), OrchestrationNames.runInstance(runId))
                .map(v -> List.of(new JacksonDataConverter().deserialize(v.state().input(), RunPlan.class))).orElse(List.of());
    }

    @Override
    protected Map<String, List<String>> endAndCollect(TenantId tenant, String instanceId) {
        backend.raise(tenant.value(), instanceId, END, null, null);
        try {
            InstanceView ended = backend.waitFor(tenant.value(), instanceId, InstanceView::finished, Duration.ofSeconds(20))
                    .orElseThrow(() -> new AssertionError("instance " + instanceId + " did not end within 20 s"));
            return Json.mapper().readValue(ended.output(), new TypeReference<Map<String, List<String>>>() { });
        } catch (Exception e) {
            throw new AssertionError("reading what " + instanceId + " received", e);
        }
    }
}
