package com.connectsoft.extensions.runtime.events;

import java.util.List;

/**
 * Which tenants have pending outbox records: the one read across tenant partitions, made only by the timer drain,
 * returning tenant ids and nothing else. Everything the drain then reads or writes is scoped to one tenant.
 */
@FunctionalInterface
public interface PendingTenants {
    /** At most {@code limit} tenant ids with at least one pending outbox record. */
    List<String> tenantsWithPending(int limit);
}
