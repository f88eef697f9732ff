package com.connectsoft.extensions.runtime.events;

/** One entity type's outbox and how to find the tenants with pending records in it: what the timer drain walks. */
public record OutboxSource(String entityType, Outbox outbox, PendingTenants tenants) {
}
