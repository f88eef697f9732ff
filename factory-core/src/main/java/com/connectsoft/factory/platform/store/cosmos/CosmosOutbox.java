package com.connectsoft.factory.platform.store.cosmos;

import com.connectsoft.factory.platform.bus.EventBus;
import com.connectsoft.factory.platform.json.Json;
import com.connectsoft.factory.platform.store.Document;
import com.connectsoft.factory.platform.store.DocumentStore;
import com.connectsoft.factory.platform.store.Filter;
import com.connectsoft.factory.platform.store.Page;
import com.connectsoft.factory.platform.store.PageRequest;
import com.connectsoft.factory.platform.store.StoreConflictException;
import com.connectsoft.factory.shared.domain.Envelope;
import com.connectsoft.factory.shared.domain.TenantId;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Clock;
import java.util.Collection;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Sends the events that transactions wrote to a tenant's outbox (see {@link CosmosDocumentStore}) to the bus, then
 * marks each one sent. It runs right after every commit that published, and as a sweep over every tenant for what a
 * crash or a failed send left pending. A crash between sending and marking sends the event again with the same
 * eventId, which Service Bus duplicate detection (messageId = eventId) and the idempotent handlers absorb; an event
 * is never lost, because it is marked sent only after the bus took it.
 */
public final class CosmosOutbox {
    private static final Logger LOG = Logger.getLogger(CosmosOutbox.class.getName());
    private static final int PAGE = 100;
    private final DocumentStore store;
    private final EventBus bus;
    private final Clock clock;

    public CosmosOutbox(DocumentStore store, EventBus bus, Clock clock) {
        this.store = Objects.requireNonNull(store, "store");
        this.bus = Objects.requireNonNull(bus, "bus");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** Forwards after each commit of {@code cosmos} that published; a failed send stays pending for the sweep. */
    public CosmosOutbox forwardAfterCommits(CosmosDocumentStore cosmos) {
        cosmos.afterPublish(tenant -> {
            try {
                forward(tenant);
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "outbox of tenant " + tenant.value() + " not forwarded now (the sweep retries): " + e.getMessage(), e);
            }
        });
        return this;
    }

    /** Sends every pending event of one tenant, oldest page first; returns how many this call sent. */
    public int forward(TenantId tenant) {
        int sent = 0;
        Optional<String> continuation = Optional.empty();
        do {
            Page<Document> page = store.query(tenant, CosmosDocumentStore.OUTBOX, Filter.where("status", CosmosDocumentStore.PENDING),
                    new PageRequest(PAGE, continuation));
            for (Document d : page.items()) {
                if (send(tenant, d)) {
                    sent++;
                }
            }
            continuation = page.continuation();
        } while (continuation.isPresent());
        return sent;
    }

    /** Forwards the pending events of every tenant (what a crash or a failed send left behind); returns how many were sent. */
    public int sweep(Supplier<? extends Collection<TenantId>> tenants) {
        int sent = 0;
        for (TenantId tenant : tenants.get()) {
            try {
                sent += forward(tenant);
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "outbox sweep of tenant " + tenant.value() + " failed (next sweep retries): " + e.getMessage(), e);
            }
        }
        return sent;
    }

    private boolean send(TenantId tenant, Document d) {
        Envelope event = Json.fromTree(d.body().path("envelope"), Envelope.class);
        bus.publish(event);
        ObjectNode body = ((ObjectNode) d.body()).deepCopy();
        body.put("status", CosmosDocumentStore.SENT);
        body.put("sentAt", clock.instant().toString());
        try {
            store.transact(tenant, tx -> tx.replace(CosmosDocumentStore.OUTBOX, d.id(), body, d.etag()));
            return true;
        } catch (StoreConflictException e) {
            return false; // another forwarder sent it meanwhile; the bus drops the duplicate by its eventId
        }
    }
}
