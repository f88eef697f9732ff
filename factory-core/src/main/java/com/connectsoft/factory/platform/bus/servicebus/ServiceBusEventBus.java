package com.connectsoft.factory.platform.bus.servicebus;

import com.azure.identity.DefaultAzureCredentialBuilder;
import com.azure.messaging.servicebus.ServiceBusClientBuilder;
import com.azure.messaging.servicebus.ServiceBusProcessorClient;
import com.azure.messaging.servicebus.ServiceBusReceivedMessage;
import com.azure.messaging.servicebus.ServiceBusReceivedMessageContext;
import com.azure.messaging.servicebus.ServiceBusReceiverClient;
import com.azure.messaging.servicebus.ServiceBusSenderClient;
import com.azure.messaging.servicebus.models.ServiceBusMessageState;
import com.azure.messaging.servicebus.models.SubQueue;
import com.connectsoft.factory.platform.bus.DeadLetter;
import com.connectsoft.factory.platform.bus.EventBus;
import com.connectsoft.factory.platform.bus.EventHandler;
import com.connectsoft.factory.platform.bus.Subscription;
import com.connectsoft.factory.shared.domain.Envelope;
import com.connectsoft.factory.shared.domain.TenantId;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * The event bus on Azure Service Bus topics. Publishing sends one message per event to the event's topic (see
 * {@link ServiceBusMessages}); subscribing starts a processor on the topic subscription, handling as many messages at
 * once as the subscription's concurrency (maxConcurrentCalls), and settles each one with {@link ServiceBusDelivery}.
 * In the function app the Functions host receives instead (trigger bindings), and this bus only sends.
 *
 * <p>What Service Bus keeps, not this class: the subscription and its SQL filter on the subject (the stack provisions
 * them from the capability registry; a {@link Subscription}'s event types must say the same), duplicate detection on
 * the topic (messageId = eventId), and the subscription's max delivery count, after which Service Bus dead-letters a
 * message itself (a {@link Subscription}'s {@code retry.maxAttempts} must match it). An abandoned message is delivered
 * again at once: the retry policy's backoff does not apply here.
 */
public final class ServiceBusEventBus implements EventBus {
    /** How the bus reaches Service Bus: one sender per topic, processors and peeking receivers per subscription. */
    public interface Clients extends AutoCloseable {
        ServiceBusSenderClient sender(String topic);

        /**
         * A processor on the topic subscription with auto-complete off (the bus settles every message) that hands
         * {@code onMessage} up to {@code maxConcurrentCalls} messages at once.
         */
        ServiceBusProcessorClient processor(String topic, String subscription, int maxConcurrentCalls,
                                            Consumer<ServiceBusReceivedMessageContext> onMessage);

        /** A receiver of the subscription's messages or of one of its sub-queues; the bus only peeks with it. */
        ServiceBusReceiverClient receiver(String topic, String subscription, SubQueue subQueue);

        @Override
        void close();
    }

    private static final int PEEK = 25;
    private static final int PEEK_DEAD_LETTERS = 250;

    private final Clients clients;
    private final Function<String, String> topicOfEventType;
    private final Function<String, String> topicOfSubscription;
    private final Map<String, ServiceBusSenderClient> senders = new ConcurrentHashMap<>();
    private final Map<String, ServiceBusProcessorClient> processors = new ConcurrentHashMap<>();
    private final Map<String, ServiceBusReceiverClient> peekers = new ConcurrentHashMap<>();
    private final AtomicInteger inFlight = new AtomicInteger();

    /**
     * @param topicOfEventType    the topic an event type is sent to
     * @param topicOfSubscription the topic a subscription belongs to
     */
    public ServiceBusEventBus(Clients clients, Function<String, String> topicOfEventType, Function<String, String> topicOfSubscription) {
        this.clients = Objects.requireNonNull(clients, "clients");
        this.topicOfEventType = Objects.requireNonNull(topicOfEventType, "topicOfEventType");
        this.topicOfSubscription = Objects.requireNonNull(topicOfSubscription, "topicOfSubscription");
    }

    @Override
    public void publish(Envelope event) {
        Objects.requireNonNull(event, "event");
        String topic = topicOfEventType.apply(event.eventType());
        senders.computeIfAbsent(topic, clients::sender).sendMessage(ServiceBusMessages.toMessage(event));
    }

    @Override
    public void subscribe(Subscription subscription, EventHandler handler) {
        String topic = topicOfSubscription.apply(subscription.name());
        if (topic == null) {
            throw new IllegalArgumentException("subscription '" + subscription.name() + "' is on no known topic");
        }
        ServiceBusProcessorClient processor = clients.processor(topic, subscription.name(), subscription.concurrency(), context -> {
            inFlight.incrementAndGet();
            try {
                ServiceBusDelivery.handle(context, handler);
            } finally {
                inFlight.decrementAndGet();
            }
        });
        if (processors.putIfAbsent(subscription.name(), processor) != null) {
            processor.close();
            throw new IllegalArgumentException("subscription '" + subscription.name() + "' is already registered");
        }
        processor.start();
    }

    /**
     * Waits until no message is being handled by this process's processors and none is waiting in the subscriptions
     * they consume (peeked: a message delivered again after a failure counts as waiting).
     */
    @Override
    public boolean awaitIdle(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (inFlight.get() > 0 || anyWaiting()) {
            if (System.nanoTime() > deadline) {
                return false;
            }
            try {
                Thread.sleep(10);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
        return true;
    }

    private boolean anyWaiting() {
        for (String subscription : processors.keySet()) {
            ServiceBusReceiverClient peeker = peekers.computeIfAbsent(subscription,
                    s -> clients.receiver(topicOfSubscription.apply(s), s, SubQueue.NONE));
            for (ServiceBusReceivedMessage m : peeker.peekMessages(PEEK, 0L)) {
                if (m.getState() == ServiceBusMessageState.ACTIVE) {
                    return true;
                }
            }
        }
        return false;
    }

    /**
     * Peeks the dead-letter sub-queue of every subscription this process consumes, keeping the tenant's messages. The
     * reason is Service Bus's (or the poison reason) with its description, and the handler's last error when the
     * message ran out of deliveries.
     */
    @Override
    public List<DeadLetter> deadLetters(TenantId tenant) {
        List<DeadLetter> out = new ArrayList<>();
        for (String subscription : processors.keySet()) {
            ServiceBusReceiverClient receiver = clients.receiver(topicOfSubscription.apply(subscription), subscription, SubQueue.DEAD_LETTER_QUEUE);
            try {
                for (ServiceBusReceivedMessage m : receiver.peekMessages(PEEK_DEAD_LETTERS)) {
                    Object t = m.getApplicationProperties().get(ServiceBusMessages.TENANT);
                    if (t != null && t.toString().equals(tenant.value())) {
                        Object lastError = m.getApplicationProperties().get(ServiceBusDelivery.LAST_ERROR);
                        out.add(new DeadLetter(m.getMessageId(), m.getSubject(), subscription, (int) m.getDeliveryCount(),
                                m.getDeadLetterReason() + ": " + m.getDeadLetterErrorDescription()
                                        + (lastError == null ? "" : "; last error " + lastError), m.getCorrelationId()));
                    }
                }
            } finally {
                receiver.close();
            }
        }
        return out;
    }

    @Override
    public void close() {
        processors.values().forEach(ServiceBusProcessorClient::close);
        peekers.values().forEach(ServiceBusReceiverClient::close);
        senders.values().forEach(ServiceBusSenderClient::close);
        clients.close();
    }

    /**
     * Real clients: {@code namespace} is a fully qualified namespace ({@code <name>.servicebus.windows.net}, signed in
     * with DefaultAzureCredential: managed identity in Azure, your az login locally) or a connection string.
     */
    public static Clients connect(String namespace) {
        boolean connectionString = namespace.contains("Endpoint=");
        return new Clients() {
            private ServiceBusClientBuilder builder() {
                ServiceBusClientBuilder b = new ServiceBusClientBuilder();
                return connectionString ? b.connectionString(namespace)
                        : b.fullyQualifiedNamespace(namespace).credential(new DefaultAzureCredentialBuilder().build());
            }

            @Override
            public ServiceBusSenderClient sender(String topic) {
                return builder().sender().topicName(topic).buildClient();
            }

            @Override
            public ServiceBusProcessorClient processor(String topic, String subscription, int maxConcurrentCalls,
                                                       Consumer<ServiceBusReceivedMessageContext> onMessage) {
                return builder().processor().topicName(topic).subscriptionName(subscription).disableAutoComplete()
                        .maxConcurrentCalls(maxConcurrentCalls)
                        .processMessage(onMessage)
                        .processError(error -> { /* the processor retries the link itself; settlement failures surface as redeliveries */ })
                        .buildProcessorClient();
            }

            @Override
            public ServiceBusReceiverClient receiver(String topic, String subscription, SubQueue subQueue) {
                return builder().receiver().topicName(topic).subscriptionName(subscription).subQueue(subQueue).buildClient();
            }

            @Override
            public void close() {
            }
        };
    }
}
