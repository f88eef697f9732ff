package com.connectsoft.factory.platform.bus;

import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.withSettings;

import com.azure.core.util.BinaryData;
import com.azure.core.util.IterableStream;
import com.azure.messaging.servicebus.ServiceBusMessage;
import com.azure.messaging.servicebus.ServiceBusProcessorClient;
import com.azure.messaging.servicebus.ServiceBusReceivedMessage;
import com.azure.messaging.servicebus.ServiceBusReceivedMessageContext;
import com.azure.messaging.servicebus.ServiceBusReceiverClient;
import com.azure.messaging.servicebus.ServiceBusSenderClient;
import com.azure.messaging.servicebus.models.AbandonOptions;
import com.azure.messaging.servicebus.models.DeadLetterOptions;
import com.azure.messaging.servicebus.models.ServiceBusMessageState;
import com.azure.messaging.servicebus.models.SubQueue;
import com.connectsoft.factory.platform.bus.servicebus.ServiceBusEventBus;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.mockito.Answers;
import org.mockito.invocation.InvocationOnMock;
import org.mockito.stubbing.Answer;

/**
 * An in-memory Service Bus namespace and the SDK objects {@link ServiceBusEventBus} talks to, answering from it, so the
 * adapter's own code runs against Service Bus's behaviour:
 * <ul>
 *   <li>topics with duplicate detection: a messageId sent again within the window is accepted and dropped;</li>
 *   <li>subscriptions, each with one SQL filter on {@code sys.Label} (the subject) and a max delivery count; a message
 *       is copied to every subscription whose filter matches when it is sent;</li>
 *   <li>peek-lock delivery by processors with up to {@code maxConcurrentCalls} messages in their callback at once, in
 *       sequence order; the delivery count is 1 on the first delivery;</li>
 *   <li>settlement: complete removes the message; abandon (with properties to modify) makes it available again at
 *       once, or moves it to the dead-letter sub-queue with reason {@code MaxDeliveryCountExceeded} once it has been
 *       delivered max delivery count times; dead-letter moves it there with the given reason and description; a
 *       message left unsettled by the callback counts as a lost lock (delivered again); settling twice fails;</li>
 *   <li>peeking receivers with their own cursor, on the subscription (locked messages included) or its dead letters.</li>
 * </ul>
 * SDK classes are final, so each object is a Mockito shell whose every modelled method calls into this namespace; a
 * method the fake does not model throws, so an adapter that starts using one fails here instead of passing unseen.
 */
final class ServiceBusFake {
    static final String MAX_DELIVERY_COUNT_EXCEEDED = "MaxDeliveryCountExceeded";
    private static final Pattern EQUALS = Pattern.compile("(?i)sys\\.label\\s*=\\s*'([^']*)'");
    private static final Pattern IN = Pattern.compile("(?i)sys\\.label\\s+in\\s*\\((.*)\\)");
    private static final Pattern QUOTED = Pattern.compile("\\s*'([^']*)'\\s*");

    private final Clock clock;
    private final Duration duplicateDetectionWindow;
    private final Map<String, Topic> topics = new ConcurrentHashMap<>();
    private final List<Throwable> processorErrors = new CopyOnWriteArrayList<>();

    ServiceBusFake(Clock clock, Duration duplicateDetectionWindow) {
        this.clock = clock;
        this.duplicateDetectionWindow = duplicateDetectionWindow;
    }

    /** Creates a topic with duplicate detection (what the stack provisions). */
    void createTopic(String name) {
        topics.putIfAbsent(name, new Topic(name));
    }

    /** Creates a subscription whose only rule is {@code sqlFilter} (the stack's {@code $Default} rule). */
    void createSubscription(String topic, String name, String sqlFilter, int maxDeliveryCount) {
        Topic t = topic(topic);
        synchronized (t) {
            if (t.subscriptions.containsKey(name)) {
                throw new IllegalStateException("MessagingEntityAlreadyExists: " + topic + "/subscriptions/" + name);
            }
            t.subscriptions.put(name, new Sub(topic, name, parse(sqlFilter), maxDeliveryCount));
        }
    }

    /** What went wrong inside processors' callbacks (the SDK reports these to the processor's error handler). */
    List<Throwable> processorErrors() {
        return List.copyOf(processorErrors);
    }

    /** Messages waiting or locked in a subscription. */
    int activeCount(String topic, String subscription) {
        Sub s = sub(topic, subscription);
        s.lock.lock();
        try {
            return s.available.size() + s.locked.size();
        } finally {
            s.lock.unlock();
        }
    }

    ServiceBusEventBus.Clients clients() {
        return new ServiceBusEventBus.Clients() {
            @Override
            public ServiceBusSenderClient sender(String topic) {
                return senderClient(topic(topic));
            }

            @Override
            public ServiceBusProcessorClient processor(String topic, String subscription, int maxConcurrentCalls,
                                                       Consumer<ServiceBusReceivedMessageContext> onMessage) {
                if (maxConcurrentCalls < 1) {
                    throw new IllegalArgumentException("'maxConcurrentCalls' cannot be less than 1");
                }
                return new Processor(sub(topic, subscription), maxConcurrentCalls, onMessage).client;
            }

            @Override
            public ServiceBusReceiverClient receiver(String topic, String subscription, SubQueue subQueue) {
                return receiverClient(sub(topic, subscription), subQueue);
            }

            @Override
            public void close() {
            }
        };
    }

    private Topic topic(String name) {
        Topic t = topics.get(name);
        if (t == null) {
            throw new IllegalStateException("MessagingEntityNotFound: topic '" + name + "' does not exist in the namespace");
        }
        return t;
    }

    private Sub sub(String topic, String name) {
        Topic t = topic(topic);
        synchronized (t) {
            Sub s = t.subscriptions.get(name);
            if (s == null) {
                throw new IllegalStateException("MessagingEntityNotFound: subscription '" + topic + "/subscriptions/" + name + "' does not exist");
            }
            return s;
        }
    }

    /** The filters the stack writes: {@code sys.Label = 'X'}, {@code sys.Label IN ('X', 'Y')} and {@code 1=1}. */
    static Predicate<String> parse(String sql) {
        String s = sql.trim();
        if (s.replace(" ", "").equals("1=1")) {
            return subject -> true;
        }
        Matcher eq = EQUALS.matcher(s);
        if (eq.matches()) {
            String value = eq.group(1);
            return value::equals;
        }
        Matcher in = IN.matcher(s);
        if (in.matches()) {
            Set<String> values = new java.util.HashSet<>();
            for (String part : in.group(1).split(",")) {
                Matcher q = QUOTED.matcher(part);
                if (!q.matches()) {
                    throw new IllegalArgumentException("not a SQL string literal in filter " + sql + ": " + part);
                }
                values.add(q.group(1));
            }
            return values::contains;
        }
        throw new IllegalArgumentException("the fake evaluates sys.Label = '…', sys.Label IN ('…', …) and 1=1, not: " + sql);
    }

    private final class Topic {
        final String name;
        final Map<String, Sub> subscriptions = new LinkedHashMap<>();
        final Map<String, Instant> seenMessageIds = new HashMap<>();
        final AtomicLong sequence = new AtomicLong();

        Topic(String name) {
            this.name = name;
        }

        synchronized void send(ServiceBusMessage m) {
            if (m.getSessionId() != null || m.getScheduledEnqueueTime() != null) {
                throw new UnsupportedOperationException("the fake models neither sessions nor scheduled messages");
            }
            String messageId = m.getMessageId() == null ? UUID.randomUUID().toString() : m.getMessageId();
            if (messageId.length() > 128) {
                throw new IllegalArgumentException("messageId cannot be longer than 128 characters");
            }
            Instant now = clock.instant();
            Instant seen = seenMessageIds.get(messageId);
            if (seen != null && seen.plus(duplicateDetectionWindow).isAfter(now)) {
                return; // duplicate detection: accepted, then dropped
            }
            seenMessageIds.put(messageId, now);
            long seq = sequence.incrementAndGet();
            byte[] body = m.getBody().toBytes();
            for (Sub s : subscriptions.values()) {
                if (s.filter.test(m.getSubject())) {
                    s.enqueue(new Msg(seq, messageId, m.getSubject(), m.getCorrelationId(), m.getContentType(), body,
                            new HashMap<>(m.getApplicationProperties()), now));
                }
            }
        }
    }

    /** One subscription's copy of a message. */
    private static final class Msg {
        final long sequenceNumber;
        final String messageId;
        final String subject;
        final String correlationId;
        final String contentType;
        final byte[] body;
        final Map<String, Object> properties;
        final Instant enqueuedAt;
        int deliveryCount;
        String deadLetterReason;
        String deadLetterDescription;

        Msg(long sequenceNumber, String messageId, String subject, String correlationId, String contentType, byte[] body,
            Map<String, Object> properties, Instant enqueuedAt) {
            this.sequenceNumber = sequenceNumber;
            this.messageId = messageId;
            this.subject = subject;
            this.correlationId = correlationId;
            this.contentType = contentType;
            this.body = body;
            this.properties = properties;
            this.enqueuedAt = enqueuedAt;
        }
    }

    /** A message locked for one delivery. */
    private static final class Delivery {
        final Msg msg;
        final UUID lockToken = UUID.randomUUID();
        boolean settled;

        Delivery(Msg msg) {
            this.msg = msg;
        }
    }

    private final class Sub {
        final String topic;
        final String name;
        final Predicate<String> filter;
        final int maxDeliveryCount;
        final ReentrantLock lock = new ReentrantLock();
        final Condition changed = lock.newCondition();
        final TreeMap<Long, Msg> available = new TreeMap<>();
        final Map<UUID, Delivery> locked = new HashMap<>();
        final List<Msg> deadLetters = new ArrayList<>();

        Sub(String topic, String name, Predicate<String> filter, int maxDeliveryCount) {
            if (maxDeliveryCount < 1) {
                throw new IllegalArgumentException("maxDeliveryCount must be at least 1");
            }
            this.topic = topic;
            this.name = name;
            this.filter = filter;
            this.maxDeliveryCount = maxDeliveryCount;
        }

        void enqueue(Msg m) {
            lock.lock();
            try {
                available.put(m.sequenceNumber, m);
                changed.signalAll();
            } finally {
                lock.unlock();
            }
        }

        /** Locks the first available message, waiting up to {@code waitMillis}; null when none came. */
        Delivery receive(long waitMillis) throws InterruptedException {
            lock.lock();
            try {
                long nanos = TimeUnit.MILLISECONDS.toNanos(waitMillis);
                while (available.isEmpty()) {
                    if (nanos <= 0) {
                        return null;
                    }
                    nanos = changed.awaitNanos(nanos);
                }
                Msg m = available.pollFirstEntry().getValue();
                synchronized (m) {
                    m.deliveryCount++;
                }
                Delivery d = new Delivery(m);
                locked.put(d.lockToken, d);
                return d;
            } finally {
                lock.unlock();
            }
        }

        void complete(Delivery d) {
            settle(d, () -> { });
        }

        void abandon(Delivery d, Map<String, Object> propertiesToModify) {
            settle(d, () -> {
                synchronized (d.msg) {
                    d.msg.properties.putAll(propertiesToModify);
                }
                if (d.msg.deliveryCount >= maxDeliveryCount) {
                    deadLetter(d.msg, MAX_DELIVERY_COUNT_EXCEEDED,
                            "Message could not be consumed after " + d.msg.deliveryCount + " delivery attempts.");
                } else {
                    available.put(d.msg.sequenceNumber, d.msg);
                }
            });
        }

        void deadLetter(Delivery d, String reason, String description, Map<String, Object> propertiesToModify) {
            settle(d, () -> {
                synchronized (d.msg) {
                    d.msg.properties.putAll(propertiesToModify);
                }
                deadLetter(d.msg, reason, description);
            });
        }

        /** The callback returned without settling: the lock runs out and the message is delivered again (or dead-lettered). */
        void lockLost(Delivery d) {
            lock.lock();
            try {
                if (!d.settled) {
                    abandon(d, Map.of());
                }
            } finally {
                lock.unlock();
            }
        }

        private void deadLetter(Msg m, String reason, String description) {
            synchronized (m) {
                m.deadLetterReason = reason;
                m.deadLetterDescription = description;
            }
            deadLetters.add(m);
        }

        private void settle(Delivery d, Runnable then) {
            lock.lock();
            try {
                if (d.settled || locked.remove(d.lockToken) == null) {
                    throw new IllegalStateException("The message either has been deleted or already settled (lock token " + d.lockToken + ")");
                }
                d.settled = true;
                then.run();
                changed.signalAll();
            } finally {
                lock.unlock();
            }
        }

        List<Msg> peekable(SubQueue subQueue) {
            lock.lock();
            try {
                if (subQueue == SubQueue.DEAD_LETTER_QUEUE) {
                    return new ArrayList<>(deadLetters);
                }
                if (subQueue != SubQueue.NONE) {
                    throw new UnsupportedOperationException("the fake models no " + subQueue);
                }
                List<Msg> all = new ArrayList<>(available.values());
                locked.values().forEach(d -> all.add(d.msg));
                all.sort(Comparator.comparingLong(m -> m.sequenceNumber));
                return all;
            } finally {
                lock.unlock();
            }
        }
    }

    private final class Processor {
        final Sub sub;
        final int maxConcurrentCalls;
        final Consumer<ServiceBusReceivedMessageContext> onMessage;
        final List<Thread> workers = new ArrayList<>();
        volatile boolean running;
        final ServiceBusProcessorClient client;

        Processor(Sub sub, int maxConcurrentCalls, Consumer<ServiceBusReceivedMessageContext> onMessage) {
            this.sub = sub;
            this.maxConcurrentCalls = maxConcurrentCalls;
            this.onMessage = onMessage;
            this.client = shell(ServiceBusProcessorClient.class, inv -> switch (inv.getMethod().getName()) {
                case "start" -> {
                    start();
                    yield null;
                }
                case "stop", "close" -> {
                    stop();
                    yield null;
                }
                case "isRunning" -> running;
                case "getTopicName" -> sub.topic;
                case "getSubscriptionName" -> sub.name;
                default -> unmodelled(inv);
            });
        }

        synchronized void start() {
            if (running) {
                return;
            }
            running = true;
            for (int i = 0; i < maxConcurrentCalls; i++) {
                Thread t = new Thread(this::pump, "sb-fake-" + sub.name + "-" + i);
                t.setDaemon(true);
                workers.add(t);
                t.start();
            }
        }

        synchronized void stop() {
            running = false;
            for (Thread t : workers) {
                try {
                    t.join(TimeUnit.SECONDS.toMillis(10));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
            workers.clear();
        }

        private void pump() {
            while (running) {
                Delivery d;
                try {
                    d = sub.receive(20);
                } catch (InterruptedException e) {
                    return;
                }
                if (d == null) {
                    continue;
                }
                try {
                    onMessage.accept(context(sub, d));
                } catch (Throwable t) {
                    processorErrors.add(t);
                } finally {
                    sub.lockLost(d);
                }
            }
        }
    }

    private ServiceBusSenderClient senderClient(Topic topic) {
        boolean[] closed = {false};
        return shell(ServiceBusSenderClient.class, inv -> switch (inv.getMethod().getName()) {
            case "sendMessage" -> {
                if (inv.getArguments().length != 1) {
                    yield unmodelled(inv);
                }
                if (closed[0]) {
                    throw new IllegalStateException("Cannot send a message when sender is closed");
                }
                topic.send(inv.getArgument(0));
                yield null;
            }
            case "sendMessages" -> {
                if (inv.getArguments().length != 1 || !(inv.getArgument(0) instanceof Iterable<?>)) {
                    yield unmodelled(inv);
                }
                for (Object m : (Iterable<?>) inv.getArgument(0)) {
                    topic.send((ServiceBusMessage) m);
                }
                yield null;
            }
            case "close" -> {
                closed[0] = true;
                yield null;
            }
            case "getEntityPath" -> topic.name;
            default -> unmodelled(inv);
        });
    }

    private ServiceBusReceiverClient receiverClient(Sub sub, SubQueue subQueue) {
        long[] cursor = {0};
        return shell(ServiceBusReceiverClient.class, inv -> switch (inv.getMethod().getName()) {
            case "peekMessages" -> {
                int max = ((Number) inv.getArgument(0)).intValue();
                long from = inv.getArguments().length == 2 ? ((Number) inv.getArgument(1)).longValue() : cursor[0];
                List<ServiceBusReceivedMessage> out = sub.peekable(subQueue).stream().filter(m -> m.sequenceNumber >= from).limit(max)
                        .map(m -> received(m, null, subQueue)).collect(Collectors.toList());
                if (!out.isEmpty()) {
                    cursor[0] = out.get(out.size() - 1).getSequenceNumber() + 1;
                }
                yield new IterableStream<>(out);
            }
            case "peekMessage" -> {
                long from = inv.getArguments().length == 1 ? ((Number) inv.getArgument(0)).longValue() : cursor[0];
                ServiceBusReceivedMessage m = sub.peekable(subQueue).stream().filter(x -> x.sequenceNumber >= from).findFirst()
                        .map(x -> received(x, null, subQueue)).orElse(null);
                if (m != null) {
                    cursor[0] = m.getSequenceNumber() + 1;
                }
                yield m;
            }
            case "close" -> null;
            case "getEntityPath" -> sub.topic + "/subscriptions/" + sub.name;
            default -> unmodelled(inv);
        });
    }

    private ServiceBusReceivedMessageContext context(Sub sub, Delivery d) {
        ServiceBusReceivedMessage message = received(d.msg, d.lockToken, SubQueue.NONE);
        return shell(ServiceBusReceivedMessageContext.class, inv -> switch (inv.getMethod().getName()) {
            case "getMessage" -> message;
            case "complete" -> {
                sub.complete(d);
                yield null;
            }
            case "abandon" -> {
                AbandonOptions o = inv.getArguments().length == 1 ? inv.getArgument(0) : null;
                sub.abandon(d, o == null || o.getPropertiesToModify() == null ? Map.of() : o.getPropertiesToModify());
                yield null;
            }
            case "deadLetter" -> {
                DeadLetterOptions o = inv.getArguments().length == 1 ? inv.getArgument(0) : new DeadLetterOptions();
                sub.deadLetter(d, o.getDeadLetterReason(), o.getDeadLetterErrorDescription(),
                        o.getPropertiesToModify() == null ? Map.of() : o.getPropertiesToModify());
                yield null;
            }
            case "getEntityPath" -> sub.topic + "/subscriptions/" + sub.name;
            default -> unmodelled(inv);
        });
    }

    /** A received (or peeked) message as the SDK hands it out: a snapshot of the broker's copy. */
    private ServiceBusReceivedMessage received(Msg m, UUID lockToken, SubQueue from) {
        Map<String, Object> properties;
        long deliveryCount;
        String reason;
        String description;
        synchronized (m) {
            properties = new HashMap<>(m.properties);
            deliveryCount = m.deliveryCount;
            reason = m.deadLetterReason;
            description = m.deadLetterDescription;
        }
        byte[] body = m.body.clone();
        return shell(ServiceBusReceivedMessage.class, inv -> switch (inv.getMethod().getName()) {
            case "getBody" -> BinaryData.fromBytes(body);
            case "getMessageId" -> m.messageId;
            case "getSubject" -> m.subject;
            case "getCorrelationId" -> m.correlationId;
            case "getContentType" -> m.contentType;
            case "getApplicationProperties" -> properties;
            case "getDeliveryCount" -> deliveryCount;
            case "getSequenceNumber" -> m.sequenceNumber;
            case "getLockToken" -> lockToken == null ? null : lockToken.toString();
            case "getEnqueuedTime" -> OffsetDateTime.ofInstant(m.enqueuedAt, ZoneOffset.UTC);
            case "getState" -> ServiceBusMessageState.ACTIVE;
            case "getDeadLetterReason" -> from == SubQueue.DEAD_LETTER_QUEUE ? reason : null;
            case "getDeadLetterErrorDescription" -> from == SubQueue.DEAD_LETTER_QUEUE ? description : null;
            default -> unmodelled(inv);
        });
    }

    private static <T> T shell(Class<T> type, Answer<Object> answer) {
        return mock(type, withSettings().stubOnly().defaultAnswer(inv -> {
            if (inv.getMethod().getDeclaringClass() == Object.class) {
                return Answers.RETURNS_DEFAULTS.answer(inv);
            }
            return answer.answer(inv);
        }));
    }

    private static Object unmodelled(InvocationOnMock inv) {
        throw new UnsupportedOperationException("the Service Bus fake does not model " + inv.getMethod().getDeclaringClass().getSimpleName()
                + "." + inv.getMethod().getName() + "/" + inv.getArguments().length + ": model it before the adapter relies on it");
    }
}
