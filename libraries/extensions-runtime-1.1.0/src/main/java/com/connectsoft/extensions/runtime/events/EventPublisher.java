package com.connectsoft.extensions.runtime.events;

/**
 * Publishes domain events (Service Bus in Azure, in memory locally and in tests). Idempotency: an event is identified
 * by its {@code eventId}; publishing the same event twice is allowed (the outbox re-sends after a crash) and consumers,
 * or the broker's duplicate detection, drop the second copy by that id. Tenancy: the event names its tenant.
 */
public interface EventPublisher {
    void publish(DomainEvent event);
}
