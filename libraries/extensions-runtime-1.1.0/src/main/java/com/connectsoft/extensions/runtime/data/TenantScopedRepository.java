package com.connectsoft.extensions.runtime.data;

import java.util.Optional;

/**
 * Storage of one entity type, partitioned by tenant. Every method takes the tenant and sees only that tenant's
 * items: an id of another tenant is "not found". Writes check the etag (optimistic concurrency).
 */
public interface TenantScopedRepository<T extends TenantEntity<T>> {
    Optional<T> find(String tenantId, String id);

    Page<T> list(String tenantId, int limit, String continuationToken);

    /** @throws ConflictException when the id exists in this tenant */
    T insert(String tenantId, T entity);

    /** @throws ConflictException (precondition failed) when {@code ifMatch} is not the current etag */
    T replace(String tenantId, T entity, String ifMatch);

    /** @return false when there was nothing to delete; @throws ConflictException for a stale {@code ifMatch} */
    boolean delete(String tenantId, String id, String ifMatch);

    /** Whether another item of this tenant (not {@code exceptId}) has {@code value} in {@code field}. */
    boolean existsWith(String tenantId, String field, Object value, String exceptId);

    /**
     * One page of this tenant's items that meet {@code criteria}, in its sort order (by id without sort keys).
     * Only this tenant's entities are seen, never another tenant's items nor other documents of the store.
     *
     * @throws IllegalArgumentException when {@code continuationToken} was not made by this repository
     */
    Page<T> search(String tenantId, Criteria criteria, int limit, String continuationToken);

    /** How many of this tenant's items meet {@code criteria} (the size of every page of {@link #search} together). */
    long count(String tenantId, Criteria criteria);
}
