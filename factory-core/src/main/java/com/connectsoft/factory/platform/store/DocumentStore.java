package com.connectsoft.factory.platform.store;

import com.connectsoft.factory.shared.domain.TenantId;
import java.util.Optional;
import java.util.function.Function;

/**
 * Tenant-partitioned JSON document store. Every operation takes the tenant and touches only that tenant's
 * partition; a call without a tenant is refused. Documents are keyed by (tenant, collection, id).
 * Committed writes are durable: they survive the process being killed.
 */
public interface DocumentStore {

    /** Runs {@code work} in one transaction in the tenant's partition; any exception rolls everything back. */
    <T> T transact(TenantId tenant, Function<DocumentTransaction, T> work);

    Optional<Document> get(TenantId tenant, String collection, String id);

    /** Documents of one collection in the tenant's partition matching the filter, ordered by id. */
    Page<Document> query(TenantId tenant, String collection, Filter filter, PageRequest page);
}
