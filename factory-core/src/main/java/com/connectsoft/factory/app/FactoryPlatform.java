package com.connectsoft.factory.app;

import com.connectsoft.factory.capability.CapabilityRegistry;
import com.connectsoft.factory.platform.bus.EventBus;
import com.connectsoft.factory.platform.bus.embedded.EmbeddedEventBus;
import com.connectsoft.factory.platform.bus.servicebus.ServiceBusEventBus;
import com.connectsoft.factory.platform.store.DocumentStore;
import com.connectsoft.factory.platform.store.cosmos.CosmosConnection;
import com.connectsoft.factory.platform.store.cosmos.CosmosDocumentStore;
import com.connectsoft.factory.platform.store.cosmos.CosmosOutbox;
import com.connectsoft.factory.platform.store.sqlite.EmbeddedDatabase;
import com.connectsoft.factory.platform.store.sqlite.SqliteDocumentStore;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The document store and the event bus the factory runs on, selected by its settings: the embedded SQLite store and
 * bus in the data directory by default; Cosmos DB and Service Bus when FACTORY_COSMOS_ENDPOINT and
 * FACTORY_SERVICEBUS_NAMESPACE are set. On Cosmos DB a transaction's events wait in the tenant's outbox until
 * {@link CosmosOutbox} has sent them to the bus.
 */
public final class FactoryPlatform implements AutoCloseable {
    private final DocumentStore store;
    private final EventBus bus;
    private final Optional<CosmosOutbox> outbox;
    private final String description;
    private final List<AutoCloseable> resources;

    private FactoryPlatform(DocumentStore store, EventBus bus, Optional<CosmosOutbox> outbox, String description, List<AutoCloseable> resources) {
        this.store = Objects.requireNonNull(store, "store");
        this.bus = Objects.requireNonNull(bus, "bus");
        this.outbox = outbox;
        this.description = description;
        this.resources = resources;
    }

    public static FactoryPlatform select(FactorySettings settings, Clock clock) {
        return settings.azureState().map(azure -> azure(azure, clock)).orElseGet(() -> embedded(settings.dataDir(), clock));
    }

    /** SQLite store and bus sharing one database file in {@code dataDir}: a transaction's events commit with it. */
    public static FactoryPlatform embedded(Path dataDir, Clock clock) {
        EmbeddedDatabase db = EmbeddedDatabase.open(dataDir);
        return new FactoryPlatform(new SqliteDocumentStore(db, clock), new EmbeddedEventBus(db, clock), Optional.empty(),
                "embedded (" + dataDir.resolve("factory.db") + ")", List.of(db));
    }

    private static FactoryPlatform azure(FactorySettings.AzureState azure, Clock clock) {
        CosmosConnection cosmos = CosmosConnection.open(azure.cosmosEndpoint(), azure.cosmosKey(), azure.cosmosDatabase(), azure.cosmosContainer());
        try {
            EventBus bus = new ServiceBusEventBus(ServiceBusEventBus.connect(azure.serviceBusNamespace()), CapabilityRegistry::topicFor,
                    CapabilityRegistry::topicOfSubscription);
            String namespace = azure.serviceBusNamespace().contains("Endpoint=") ? "(connection string)" : azure.serviceBusNamespace();
            return onCosmos(new CosmosDocumentStore(cosmos.container(), clock), bus, clock,
                    "Azure (Cosmos DB " + azure.cosmosEndpoint() + " " + azure.cosmosDatabase() + "/" + azure.cosmosContainer()
                            + ", Service Bus " + namespace + ")", cosmos);
        } catch (RuntimeException e) {
            cosmos.close();
            throw e;
        }
    }

    /** A Cosmos DB store whose outbox is forwarded to {@code bus} after every commit that published (and by sweeps). */
    public static FactoryPlatform onCosmos(CosmosDocumentStore store, EventBus bus, Clock clock, String description, AutoCloseable... resources) {
        CosmosOutbox outbox = new CosmosOutbox(store, bus, clock).forwardAfterCommits(store);
        return new FactoryPlatform(store, bus, Optional.of(outbox), description, List.of(resources));
    }

    /**
     * The same store and bus with spans: each publish a producer span, each delivery a consumer span under it. Off, this
     * platform itself.
     */
    public FactoryPlatform traced(com.connectsoft.factory.platform.telemetry.Tracing tracing) {
        if (!tracing.enabled() || bus instanceof com.connectsoft.factory.platform.telemetry.TracedEventBus) {
            return this;
        }
        String system = bus instanceof ServiceBusEventBus ? "servicebus" : "factory-embedded";
        return new FactoryPlatform(new com.connectsoft.factory.platform.telemetry.TracedDocumentStore(store, tracing, system),
                new com.connectsoft.factory.platform.telemetry.TracedEventBus(bus, tracing, system), outbox, description, resources);
    }

    public DocumentStore store() {
        return store;
    }

    public EventBus bus() {
        return bus;
    }

    /** The outbox forwarder when the store is Cosmos DB (the embedded store and bus share one transaction instead). */
    public Optional<CosmosOutbox> outbox() {
        return outbox;
    }

    /** Which store and bus these are, for logs and {@code factory serve}'s banner. */
    public String description() {
        return description;
    }

    @Override
    public void close() {
        List<Exception> failures = new ArrayList<>();
        try {
            bus.close();
        } catch (RuntimeException e) {
            failures.add(e);
        }
        for (AutoCloseable r : resources) {
            try {
                r.close();
            } catch (Exception e) {
                failures.add(e);
            }
        }
        if (!failures.isEmpty()) {
            IllegalStateException e = new IllegalStateException("closing the store and bus failed: " + failures.get(0).getMessage());
            failures.forEach(e::addSuppressed);
            throw e;
        }
    }
}
