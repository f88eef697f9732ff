package com.connectsoft.factory.platform.telemetry;

import com.connectsoft.factory.platform.store.Document;
import com.connectsoft.factory.platform.store.DocumentStore;
import com.connectsoft.factory.platform.store.DocumentTransaction;
import com.connectsoft.factory.platform.store.Filter;
import com.connectsoft.factory.platform.store.Page;
import com.connectsoft.factory.platform.store.PageRequest;
import com.connectsoft.factory.shared.domain.Envelope;
import com.connectsoft.factory.shared.domain.TenantId;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;

/**
 * A document store whose transactions publish each event from a producer span (the outbox keeps the envelope with its
 * {@code traceparent}, so the delivery after the commit joins the publisher's trace). Everything else is the wrapped
 * store's, tenant scoping and transactions included.
 */
public final class TracedDocumentStore implements DocumentStore {
    private final DocumentStore store;
    private final Tracing tracing;
    private final String system;

    public TracedDocumentStore(DocumentStore store, Tracing tracing, String system) {
        this.store = Objects.requireNonNull(store, "store");
        this.tracing = Objects.requireNonNull(tracing, "tracing");
        this.system = Objects.requireNonNull(system, "system");
    }

    /** The store this one wraps (adapters that need its concrete type, such as the Cosmos DB outbox). */
    public DocumentStore unwrap() {
        return store;
    }

    @Override
    public <T> T transact(TenantId tenant, Function<DocumentTransaction, T> work) {
        return store.transact(tenant, tx -> work.apply(new Traced(tx)));
    }

    @Override
    public Optional<Document> get(TenantId tenant, String collection, String id) {
        return store.get(tenant, collection, id);
    }

    @Override
    public Page<Document> query(TenantId tenant, String collection, Filter filter, PageRequest page) {
        return store.query(tenant, collection, filter, page);
    }

    private final class Traced implements DocumentTransaction {
        private final DocumentTransaction tx;

        Traced(DocumentTransaction tx) {
            this.tx = tx;
        }

        @Override
        public Optional<Document> get(String collection, String id) {
            return tx.get(collection, id);
        }

        @Override
        public Document create(String collection, String id, JsonNode body) {
            return tx.create(collection, id, body);
        }

        @Override
        public Document replace(String collection, String id, JsonNode body, String ifMatch) {
            return tx.replace(collection, id, body, ifMatch);
        }

        @Override
        public Document upsert(String collection, String id, JsonNode body) {
            return tx.upsert(collection, id, body);
        }

        @Override
        public boolean delete(String collection, String id, Optional<String> ifMatch) {
            return tx.delete(collection, id, ifMatch);
        }

        @Override
        public void publish(Envelope event) {
            tx.publish(tracing.published(event, system));
        }
    }
}
