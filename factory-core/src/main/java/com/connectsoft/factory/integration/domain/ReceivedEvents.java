package com.connectsoft.factory.integration.domain;

import com.connectsoft.factory.shared.domain.Envelope;
import com.connectsoft.factory.shared.domain.TenantId;
import java.util.List;

/**
 * What a tenant's webhooks have received, so a redelivered event is one event. Records are kept per tenant for at
 * least the retention the adapter was built with (never less than 48 hours, twice Event Grid's 24-hour retry
 * window), in the store, so a restart forgets nothing.
 */
public interface ReceivedEvents {
    /**
     * One arrival: {@code key} is stable across redeliveries of the same external event; {@code envelope} (of the
     * same tenant) is what to publish when the key is new.
     */
    record Arrival(String key, Envelope envelope) {
    }

    /**
     * For each arrival in order, true when its key was new: its record and its envelope are committed together (the
     * envelope through the tenant's outbox), so an event is published if and only if it is remembered. False when
     * the key was already received (by an earlier delivery or earlier in this list): nothing is published.
     * Idempotent: admitting the same arrivals again publishes nothing.
     */
    List<Boolean> admit(TenantId tenant, List<Arrival> arrivals);

    /** Forgets the tenant's records older than the retention; returns how many it forgot (bounded work per call). */
    int prune(TenantId tenant);
}
