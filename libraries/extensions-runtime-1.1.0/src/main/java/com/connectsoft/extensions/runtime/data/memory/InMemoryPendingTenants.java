package com.connectsoft.extensions.runtime.data.memory;

import com.connectsoft.extensions.runtime.events.PendingTenants;

import java.util.List;
import java.util.Objects;

/** The tenants with pending outbox records in one in-memory repository. */
public final class InMemoryPendingTenants implements PendingTenants {
    private final InMemoryRepository<?> repository;

    public InMemoryPendingTenants(InMemoryRepository<?> repository) {
        this.repository = Objects.requireNonNull(repository, "repository");
    }

    @Override
    public List<String> tenantsWithPending(int limit) {
        return repository.tenantsWithPendingRecords(limit);
    }
}
