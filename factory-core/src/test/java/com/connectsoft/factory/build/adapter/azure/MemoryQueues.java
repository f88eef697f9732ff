package com.connectsoft.factory.build.adapter.azure;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.CopyOnWriteArrayList;

/** The build-jobs and build-jobs-done queues in memory, as Service Bus settles them (abandon = deliver again, counted). */
final class MemoryQueues implements BuildJobQueues.Inbox, BuildJobQueues.Outbox {
    record Message(String messageId, byte[] body, long deliveryCount) {
    }

    final Deque<Message> requests = new ConcurrentLinkedDeque<>();
    final List<String> completed = new CopyOnWriteArrayList<>();
    final List<String> abandoned = new CopyOnWriteArrayList<>();
    final List<String> deadLettered = new CopyOnWriteArrayList<>();
    final List<BuildJobCompletion> notices = new CopyOnWriteArrayList<>();

    void add(String messageId, byte[] body) {
        requests.add(new Message(messageId, body, 0));
    }

    @Override
    public Optional<BuildJobQueues.Delivery> next(Duration wait) {
        Message m = requests.poll();
        if (m == null) {
            return Optional.empty();
        }
        Message delivered = new Message(m.messageId(), m.body(), m.deliveryCount() + 1);
        return Optional.of(new BuildJobQueues.Delivery() {
            @Override
            public byte[] body() {
                return delivered.body();
            }

            @Override
            public String messageId() {
                return delivered.messageId();
            }

            @Override
            public long deliveryCount() {
                return delivered.deliveryCount();
            }

            @Override
            public void complete() {
                completed.add(delivered.messageId());
            }

            @Override
            public void abandon() {
                abandoned.add(delivered.messageId());
                requests.addFirst(delivered);
            }

            @Override
            public void deadLetter(String reason, String description) {
                deadLettered.add(delivered.messageId() + " " + reason + ": " + description);
            }
        });
    }

    @Override
    public void send(BuildJobCompletion completion) {
        notices.add(completion);
    }

    @Override
    public void close() {
    }

    List<BuildJobCompletion> takeNotices() {
        List<BuildJobCompletion> out = new ArrayList<>(notices);
        notices.clear();
        return out;
    }
}
