package com.connectsoft.factory.platform.bus;

import com.connectsoft.factory.shared.domain.Envelope;

/**
 * Handles one event. Delivery is at-least-once, so a handler must be idempotent on {@code eventId}. Throwing
 * {@link PoisonEventException} dead-letters the event at once; any other exception is retried with backoff.
 */
@FunctionalInterface
public interface EventHandler {
    void handle(Envelope event) throws Exception;
}
