package com.connectsoft.factory.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.connectsoft.factory.artifact.domain.Artifact;
import com.connectsoft.factory.build.domain.BuildReport;
import com.connectsoft.factory.platform.bus.embedded.EmbeddedEventBus;
import com.connectsoft.factory.platform.store.CosmosEmulator;
import com.connectsoft.factory.platform.store.Filter;
import com.connectsoft.factory.platform.store.PageRequest;
import com.connectsoft.factory.platform.store.cosmos.CosmosDocumentStore;
import com.connectsoft.factory.platform.store.sqlite.EmbeddedDatabase;
import com.connectsoft.factory.run.TestFactory;
import com.connectsoft.factory.run.application.StartRun;
import com.connectsoft.factory.run.application.RunProgress;
import com.connectsoft.factory.run.domain.FactoryRun;
import com.connectsoft.factory.shared.domain.TenantId;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The factory on Cosmos DB (the npm emulator): settings select it, and a whole run goes through the production line
 * with every record in Cosmos DB and every event leaving through the Cosmos DB outbox. Service Bus has no emulator
 * here, so the outbox forwards to the embedded bus, which stands in as the transport (the Service Bus mapping and
 * settlement are tested at the SDK boundary in ServiceBusAdapterTest).
 */
@Tag("cosmos-emulator")
class AzurePlatformTest {
    private static final TenantId ACME = TenantId.of("acme");
    private static final TenantId GLOBEX = TenantId.of("globex");
    @TempDir
    Path dir;

    @Test
    void cosmosAndServiceBusSettingsSelectTheAzureStoreAndBus() {
        String endpoint = CosmosEmulator.endpoint();
        Map<String, String> env = new HashMap<>();
        env.put("FACTORY_COSMOS_ENDPOINT", endpoint);
        env.put("FACTORY_COSMOS_KEY", CosmosEmulator.KEY);
        env.put("FACTORY_COSMOS_DATABASE", "factory-tests");
        env.put("FACTORY_COSMOS_CONTAINER", "selected-" + System.nanoTime());
        env.put("FACTORY_SERVICEBUS_NAMESPACE", "Endpoint=sb://127.0.0.1:1/;SharedAccessKeyName=test;SharedAccessKey=dGVzdA==");
        FactorySettings settings = FactorySettings.from(env, dir, TestFactory.ROOT);
        try (FactoryPlatform platform = FactoryPlatform.select(settings, Clock.systemUTC())) {
            assertInstanceOf(CosmosDocumentStore.class, platform.store());
            assertInstanceOf(com.connectsoft.factory.platform.bus.servicebus.ServiceBusEventBus.class, platform.bus());
            assertTrue(platform.outbox().isPresent());
            assertTrue(platform.description().startsWith("Azure (Cosmos DB " + endpoint), platform.description());
            assertTrue(platform.description().contains("(connection string)"), "no secret in the description: " + platform.description());
        }
    }

    @Test
    void aWholeRunKeepsItsStateInCosmosDbAndSendsEveryEventThroughTheOutbox() throws Exception {
        TestFactory.RecordingBuilds builds = new TestFactory.RecordingBuilds(com.connectsoft.factory.run.vocabulary.BuildStatus.PASSED);
        CosmosDocumentStore store = new CosmosDocumentStore(CosmosEmulator.freshContainer(), Clock.systemUTC());
        EmbeddedDatabase transport = EmbeddedDatabase.open(dir.resolve("transport"));
        FactoryPlatform platform = FactoryPlatform.onCosmos(store, new EmbeddedEventBus(transport, Clock.systemUTC()), Clock.systemUTC(),
                "Cosmos DB emulator", transport);
        try (Factory app = Factory.with(TestFactory.settings(dir.resolve("data"))).builds(builds).clock(Clock.systemUTC()).platform(platform).open().dispatchLocally()) {
            StartRun.Result result = app.runs().start().run(new StartRun.Request(ACME, "invoicing.blueprint.yaml",
                    TestFactory.example("invoicing.blueprint.yaml"), Optional.of(dir.resolve("out")), StartRun.DEFAULT_TEMPLATE),
                    RunProgress.SILENT);
            FactoryRun run = assertInstanceOf(StartRun.Result.Finished.class, result).run();
            assertEquals(com.connectsoft.factory.run.vocabulary.RunStatus.COMPLETED, run.status(), run::failure);
            assertTrue(app.drain(Duration.ofSeconds(30)));

            assertTrue(store.get(ACME, "runs", run.runId()).isPresent(), "the run is a Cosmos DB document of its tenant");
            assertEquals(run.modules().size(), builds.calls.get());
            assertTrue(app.artifacts().ledger().byRun(ACME, run.runId()).stream().map(Artifact::artifactType).anyMatch(Artifact.COMMIT::equals),
                    "artifacts recorded up to the commit: " + app.artifacts().ledger().byRun(ACME, run.runId()).stream().map(Artifact::artifactType).toList());
            assertTrue(app.usage().ledger().byRun(ACME, run.runId()).size() > 0, "usage was metered from the forwarded events");
            var outbox = store.query(ACME, CosmosDocumentStore.OUTBOX, Filter.all(), PageRequest.first(1000)).items();
            assertTrue(outbox.size() > 5, "the run's events went through the outbox: " + outbox.size());
            assertEquals(0, outbox.stream().filter(d -> !CosmosDocumentStore.SENT.equals(d.body().path("status").asText())).count(),
                    "every event of the outbox was sent");
            assertEquals(0, app.sweepOutbox(), "nothing is left for the sweep");

            assertTrue(app.runs().queries().find(GLOBEX, run.runId()).isEmpty(), "another tenant does not see the run");
            assertTrue(app.artifacts().ledger().byRun(GLOBEX, run.runId()).isEmpty(), "nor its artifacts");
        }
    }
}
