package com.connectsoft.extensions.runtime.events;

import java.util.List;
import java.util.Objects;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Moves committed events from an {@link Outbox} to the {@link EventPublisher}: a record is marked published only
 * after the publisher accepted its event. Used right after a commit (best effort: a failure leaves the records
 * pending) and by the timer drain ({@code OutboxDrainFunction}), which publishes whatever is still pending, so a
 * crash between the commit and the send loses nothing. A record is never published under another id, so a send
 * repeated after a crash is dropped by the topic's duplicate detection.
 */
public final class OutboxPublisher {
    /** What one drain did. */
    public record Drained(int tenants, int published, int failed) {
    }

    private final EventPublisher events;
    private final Logger log;

    public OutboxPublisher(EventPublisher events, Logger log) {
        this.events = Objects.requireNonNull(events, "events");
        this.log = Objects.requireNonNull(log, "log");
    }

    /** Publishes the events just committed, in order; stops at the first failure. @return how many were published */
    public int afterCommit(Outbox outbox, String tenantId, List<DomainEvent> committed) {
        int published = 0;
        for (DomainEvent event : committed) {
            if (!publish(outbox, tenantId, event)) {
                break;
            }
            published++;
        }
        return published;
    }

    /** Publishes up to {@code batchSize} pending events of each of up to {@code maxTenants} tenants. */
    public Drained drain(OutboxSource source, int maxTenants, int batchSize) {
        Outbox outbox = source.outbox();
        int tenants = 0;
        int published = 0;
        int failed = 0;
        for (String tenantId : source.tenants().tenantsWithPending(maxTenants)) {
            tenants++;
            for (DomainEvent event : outbox.pending(tenantId, batchSize)) {
                if (!publish(outbox, tenantId, event)) {
                    failed++;
                    break;
                }
                published++;
            }
        }
        return new Drained(tenants, published, failed);
    }

    private boolean publish(Outbox outbox, String tenantId, DomainEvent event) {
        try {
            events.publish(event);
        } catch (RuntimeException e) {
            log.log(Level.WARNING, () -> "event " + event.eventId() + " of tenant " + tenantId + " stays pending: "
                    + e.getClass().getSimpleName());
            return false;
        }
        try {
            outbox.markPublished(tenantId, event.eventId());
            return true;
        } catch (RuntimeException e) {
            log.log(Level.WARNING, () -> "event " + event.eventId() + " of tenant " + tenantId
                    + " was published but stays pending (the next drain re-sends it under the same id): " + e.getClass().getSimpleName());
            return false;
        }
    }
}
