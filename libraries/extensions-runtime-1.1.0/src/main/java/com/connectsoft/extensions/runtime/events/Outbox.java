package com.connectsoft.extensions.runtime.events;

import java.util.List;

/**
 * The transactional outbox of one entity type. Records are written in the same transactional batch as the entity
 * change they describe, in the tenant's partition, and stay pending until Service Bus accepted them.
 *
 * <p>Tenancy: both methods see one tenant's partition only; which partitions have pending records is asked of
 * {@link PendingTenants}, the drain's one cross-partition read. Idempotency: marking a record that is gone already is
 * not an error, so two drains racing on one record are harmless (the broker drops the second send by its messageId).
 */
public interface Outbox {
    /** The tenant's pending events, oldest first, at most {@code limit}. */
    List<DomainEvent> pending(String tenantId, int limit);

    /** Removes the record of an event Service Bus accepted. */
    void markPublished(String tenantId, String eventId);
}
