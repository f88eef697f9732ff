package com.connectsoft.factory.platform.bus;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.connectsoft.factory.capability.Capability;
import com.connectsoft.factory.capability.CapabilityRegistry;
import com.connectsoft.factory.platform.bus.servicebus.ServiceBusEventBus;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The Service Bus adapter passes the EventBus contract over {@link ServiceBusFake}: every case runs the adapter's own
 * sending, processing, settling and peeking against a namespace that behaves as Service Bus does. Subscriptions are
 * provisioned as the stack provisions them: the SQL filter the capability registry writes, and the retry policy's
 * attempts as the max delivery count.
 */
class ServiceBusEventBusTest extends EventBusContract {
    private static final String TOPIC = "factory-test";
    private final Set<String> provisioned = ConcurrentHashMap.newKeySet();
    private ServiceBusFake namespace;
    private ServiceBusEventBus bus;

    @BeforeEach
    void open() {
        namespace = new ServiceBusFake(Clock.systemUTC(), Duration.ofHours(1));
        namespace.createTopic(TOPIC);
        bus = new ServiceBusEventBus(namespace.clients(), type -> TOPIC, s -> provisioned.contains(s) ? TOPIC : null);
    }

    @AfterEach
    void close() {
        bus.close();
        assertEquals(List.of(), namespace.processorErrors(), "the adapter's message callback threw");
    }

    @Override
    protected EventBus bus() {
        return bus;
    }

    @Override
    protected void provision(Subscription s) {
        if (provisioned.add(s.name())) {
            namespace.createSubscription(TOPIC, s.name(), sqlFilter(s), s.retry().maxAttempts());
        }
    }

    /** The filter the stack writes for a capability taking these event types; a subscription of every type has none. */
    private static String sqlFilter(Subscription s) {
        return s.eventTypes().isEmpty() ? "1=1"
                : new Capability(s.name(), "F", TOPIC, s.name(), s.eventTypes(), Set.of(), Duration.ofMinutes(1), s.retry().maxAttempts(), "")
                .sqlFilter();
    }

    @Test
    void everyCapabilityReceivesOnItsTopicOnlyTheEventTypesItTakes() {
        ServiceBusFake registryNamespace = new ServiceBusFake(Clock.systemUTC(), Duration.ofHours(1));
        registryNamespace.createTopic(CapabilityRegistry.COMMANDS);
        registryNamespace.createTopic(CapabilityRegistry.EVENTS);
        for (Capability c : CapabilityRegistry.all()) {
            registryNamespace.createSubscription(c.topic(), c.subscription(), c.sqlFilter(), c.maxDeliveries());
        }
        Map<String, List<String>> received = new ConcurrentHashMap<>();
        try (ServiceBusEventBus registryBus = new ServiceBusEventBus(registryNamespace.clients(), CapabilityRegistry::topicFor,
                CapabilityRegistry::topicOfSubscription)) {
            for (Capability c : CapabilityRegistry.all()) {
                List<String> got = new CopyOnWriteArrayList<>();
                received.put(c.name(), got);
                registryBus.subscribe(new Subscription(c.subscription(), c.inputEventTypes(), new RetryPolicy(c.maxDeliveries(),
                        Duration.ZERO, Duration.ZERO)), e -> got.add(e.eventType()));
            }
            CapabilityRegistry.all().stream().flatMap(c -> c.inputEventTypes().stream()).distinct().sorted()
                    .forEach(type -> registryBus.publish(event(A, type)));
            assertTrue(registryBus.awaitIdle(Duration.ofSeconds(10)));
            for (Capability c : CapabilityRegistry.all()) {
                assertEquals(new TreeMap<>(Map.of(c.name(), c.inputEventTypes().stream().sorted().toList())),
                        new TreeMap<>(Map.of(c.name(), received.get(c.name()).stream().sorted().toList())));
            }
            assertEquals(List.of(), registryNamespace.processorErrors());
        }
    }

    @Test
    void aSubscriptionTheNamespaceDoesNotHaveIsRefusedWhenSubscribing() {
        assertThrows(IllegalArgumentException.class, () -> bus.subscribe(new Subscription("unknown", Set.of(), FAST), e -> { }));
    }
}
