package com.connectsoft.factory.build.adapter.azure;

import com.azure.core.util.BinaryData;
import com.azure.messaging.servicebus.ServiceBusClientBuilder;
import com.azure.messaging.servicebus.ServiceBusMessage;
import com.azure.messaging.servicebus.ServiceBusReceivedMessage;
import com.azure.messaging.servicebus.ServiceBusReceiverClient;
import com.azure.messaging.servicebus.ServiceBusSenderClient;
import com.azure.messaging.servicebus.models.DeadLetterOptions;
import com.azure.messaging.servicebus.models.ServiceBusReceiveMode;
import com.connectsoft.factory.capability.CapabilityRegistry;
import com.connectsoft.factory.platform.bus.servicebus.ServiceBusMessages;
import java.time.Duration;
import java.util.Iterator;
import java.util.Optional;

/**
 * The build job's side of its two queues: it receives one {@code BuildJobRequested} from build-jobs (peek-lock, the
 * lock renewed while it builds) with a connection string whose rule may only Listen on that queue, and announces
 * {@code BuildJobCompleted} on build-jobs-done with a rule that may only Send to that one.
 */
public final class BuildJobQueues {
    private BuildJobQueues() {
    }

    /** Where requests come from. */
    public interface Inbox extends AutoCloseable {
        /** The next request, waiting at most {@code wait}; empty when none came. */
        Optional<Delivery> next(Duration wait);

        @Override
        void close();
    }

    /** One received request, locked for this job until settled. */
    public interface Delivery {
        byte[] body();

        String messageId();

        /** 1 on the first delivery, more after an abandoned attempt or an expired lock. */
        long deliveryCount();

        void complete();

        /** Gives the request back for another attempt (a new job execution). */
        void abandon();

        /** Sets the request aside for good, with a reason an operator reads in the dead-letter queue. */
        void deadLetter(String reason, String description);
    }

    /** Where a job says it is done. */
    public interface Outbox extends AutoCloseable {
        void send(BuildJobCompletion completion);

        @Override
        void close();
    }

    /** Requests from a Service Bus receiver on the build-jobs queue. */
    public static Inbox inbox(ServiceBusReceiverClient receiver) {
        return new Inbox() {
            @Override
            public Optional<Delivery> next(Duration wait) {
                Iterator<ServiceBusReceivedMessage> it = receiver.receiveMessages(1, wait).iterator();
                if (!it.hasNext()) {
                    return Optional.empty();
                }
                ServiceBusReceivedMessage m = it.next();
                return Optional.of(new Delivery() {
                    @Override
                    public byte[] body() {
                        return m.getBody().toBytes();
                    }

                    @Override
                    public String messageId() {
                        return m.getMessageId();
                    }

                    @Override
                    public long deliveryCount() {
                        return m.getDeliveryCount();
                    }

                    @Override
                    public void complete() {
                        receiver.complete(m);
                    }

                    @Override
                    public void abandon() {
                        receiver.abandon(m);
                    }

                    @Override
                    public void deadLetter(String reason, String description) {
                        receiver.deadLetter(m, new DeadLetterOptions().setDeadLetterReason(reason).setDeadLetterErrorDescription(description));
                    }
                });
            }

            @Override
            public void close() {
                receiver.close();
            }
        };
    }

    /** Notices to a Service Bus sender on the build-jobs-done queue: messageId per job, the tenant as a property. */
    public static Outbox outbox(ServiceBusSenderClient sender) {
        return new Outbox() {
            @Override
            public void send(BuildJobCompletion completion) {
                ServiceBusMessage m = new ServiceBusMessage(BinaryData.fromBytes(completion.toBytes()));
                m.setMessageId(completion.messageId());
                m.setSubject(BuildJobCompletion.SUBJECT);
                m.setContentType("application/json");
                m.getApplicationProperties().put(ServiceBusMessages.TENANT, completion.tenantId());
                sender.sendMessage(m);
            }

            @Override
            public void close() {
                sender.close();
            }
        };
    }

    /**
     * A receiver on build-jobs with the job's Listen-only connection string; Service Bus locks the request for 5
     * minutes at a time and the client renews the lock for up to {@code renewFor} (the longest the job may take).
     */
    public static Inbox connectInbox(String listenConnectionString, Duration renewFor) {
        return inbox(new ServiceBusClientBuilder().connectionString(listenConnectionString).receiver()
                .queueName(CapabilityRegistry.BUILD_JOBS_QUEUE).receiveMode(ServiceBusReceiveMode.PEEK_LOCK).prefetchCount(0)
                .maxAutoLockRenewDuration(renewFor).buildClient());
    }

    /** A sender on build-jobs-done with the job's Send-only connection string. */
    public static Outbox connectOutbox(String sendConnectionString) {
        return outbox(new ServiceBusClientBuilder().connectionString(sendConnectionString).sender()
                .queueName(CapabilityRegistry.BUILD_JOBS_DONE_QUEUE).buildClient());
    }
}
