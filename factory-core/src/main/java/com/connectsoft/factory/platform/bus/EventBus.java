package com.connectsoft.factory.platform.bus;

import com.connectsoft.factory.shared.domain.Envelope;
import com.connectsoft.factory.shared.domain.TenantId;
import java.time.Duration;
import java.util.List;

/**
 * Publish/subscribe of envelopes. Guarantees: at-least-once delivery per subscription, retry with backoff,
 * dead-letter with a reason, and dedupe by eventId (publishing an eventId again is a no-op). Events published
 * inside a store transaction are delivered only if it commits (see DocumentTransaction#publish).
 */
public interface EventBus extends AutoCloseable {

    /** Publishes one event in its own transaction. */
    void publish(Envelope event);

    /** Registers a handler; events published from now on (and pending ones from an earlier process) reach it. */
    void subscribe(Subscription subscription, EventHandler handler);

    /** Waits until nothing is pending for any subscription; false when the timeout passed first. */
    boolean awaitIdle(Duration timeout);

    /** Dead-lettered events of one tenant. */
    List<DeadLetter> deadLetters(TenantId tenant);

    @Override
    void close();
}
