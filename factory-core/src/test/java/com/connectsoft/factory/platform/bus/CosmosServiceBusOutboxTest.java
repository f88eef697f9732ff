package com.connectsoft.factory.platform.bus;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.connectsoft.factory.capability.Capability;
import com.connectsoft.factory.platform.bus.servicebus.ServiceBusEventBus;
import com.connectsoft.factory.platform.store.CosmosEmulator;
import com.connectsoft.factory.platform.store.DocumentStore;
import com.connectsoft.factory.platform.store.cosmos.CosmosDocumentStore;
import com.connectsoft.factory.platform.store.cosmos.CosmosOutbox;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;

/**
 * The pair the factory runs on in Azure: Cosmos DB (on the emulator, skipped with the reason when it is not running)
 * whose outbox is forwarded after every commit to the Service Bus adapter (over {@link ServiceBusFake}).
 */
@Tag("cosmos-emulator")
class CosmosServiceBusOutboxTest extends TransactionalOutboxContract {
    private static final String TOPIC = "factory-test";
    private ServiceBusFake namespace;
    private ServiceBusEventBus bus;
    private CosmosDocumentStore store;

    @BeforeEach
    void open() {
        store = new CosmosDocumentStore(CosmosEmulator.freshContainer(), Clock.systemUTC());
        namespace = new ServiceBusFake(Clock.systemUTC(), Duration.ofHours(1));
        namespace.createTopic(TOPIC);
        bus = new ServiceBusEventBus(namespace.clients(), type -> TOPIC, s -> TOPIC);
        new CosmosOutbox(store, bus, Clock.systemUTC()).forwardAfterCommits(store);
    }

    @AfterEach
    void close() {
        if (bus != null) {
            bus.close();
            assertEquals(List.of(), namespace.processorErrors());
        }
    }

    @Override
    protected EventBus bus() {
        return bus;
    }

    @Override
    protected DocumentStore store() {
        return store;
    }

    @Override
    protected void subscribe(Subscription s, EventHandler handler) {
        namespace.createSubscription(TOPIC, s.name(), s.eventTypes().isEmpty() ? "1=1"
                : new Capability(s.name(), "F", TOPIC, s.name(), s.eventTypes(), Set.of(), Duration.ofMinutes(1), s.retry().maxAttempts(), "")
                .sqlFilter(), s.retry().maxAttempts());
        bus.subscribe(s, handler);
    }
}
