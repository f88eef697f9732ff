package com.connectsoft.extensions.runtime.data;

import com.connectsoft.extensions.runtime.events.DomainEvent;
import com.connectsoft.extensions.runtime.events.Outbox;
import com.connectsoft.extensions.runtime.idempotency.IdempotencyRecord;

import java.util.List;
import java.util.Optional;

/**
 * Entity writes that commit the entity change and its outbox records (and, for a create, the idempotency record) in
 * ONE transaction in the tenant's partition: all of them are stored or none is. The repository assigns the new
 * version (1 on create, +1 per update and on delete) and asks {@link Change} for the events of that version.
 *
 * <p>Tenancy: every method works in {@code tenantId}'s partition only. Failures: {@link ConflictException} for an id
 * that exists (409) or a stale / missing ETag (412, {@code preconditionFailed}); {@link IdempotencyConflict} when
 * another request stored the same idempotency key first; anything else is an infrastructure fault.
 */
public interface TransactionalWrites<T extends TenantEntity<T>> extends Outbox {
    /** The events of one change; {@code before} is null on create, {@code after} is null on delete. */
    @FunctionalInterface
    interface Change<T> {
        List<DomainEvent> events(T before, T after, long version);
    }

    /** Another request stored the same idempotency key in the same instant; read it and replay. */
    final class IdempotencyConflict extends RuntimeException {
        public IdempotencyConflict(String message) {
            super(message);
        }
    }

    Committed<T> insertWithEvents(String tenantId, T entity, Change<T> change, Optional<IdempotencyRecord> idempotency);

    /** @param ifMatch the ETag the caller read; the write fails with a precondition failure if it is not current */
    Committed<T> replaceWithEvents(String tenantId, T entity, String ifMatch, Change<T> change);

    /** @param ifMatch the ETag the caller read, or null for "the version read now"; empty when there is nothing to delete */
    Optional<Committed<T>> deleteWithEvents(String tenantId, String id, String ifMatch, Change<T> change);

    /** The tenant's stored record for this key hash, expired or not. */
    Optional<IdempotencyRecord> idempotencyRecord(String tenantId, String keyHash);
}
