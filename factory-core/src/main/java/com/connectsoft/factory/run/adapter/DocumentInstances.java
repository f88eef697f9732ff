package com.connectsoft.factory.run.adapter;

import com.connectsoft.factory.platform.store.Documents;
import com.connectsoft.factory.orchestration.local.InstanceState;
import com.connectsoft.factory.orchestration.local.InstanceStore;
import com.connectsoft.factory.platform.json.Json;
import com.connectsoft.factory.platform.store.Document;
import com.connectsoft.factory.platform.store.DocumentStore;
import com.connectsoft.factory.platform.store.Filter;
import com.connectsoft.factory.platform.store.StoreConflictException;
import com.connectsoft.factory.shared.domain.TenantId;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The local durable backend's instances in the factory's store: one document per orchestration instance in its
 * tenant's partition (the partition is the tenant id), so a run's history sits with the run and the same
 * transactions and isolation apply.
 */
public final class DocumentInstances implements InstanceStore {
    static final String ORCHESTRATIONS = "orchestrations";
    private final DocumentStore store;
    private final Supplier<List<TenantId>> tenants;

    /** @param tenants every tenant whose partition may hold instances */
    public DocumentInstances(DocumentStore store, Supplier<List<TenantId>> tenants) {
        this.store = store;
        this.tenants = tenants;
    }

    @Override
    public Optional<Versioned> load(String partition, String instanceId) {
        return store.get(TenantId.of(partition), ORCHESTRATIONS, instanceId).map(DocumentInstances::versioned);
    }

    @Override
    public void commit(String partition, List<Change> changes) {
        TenantId tenant = TenantId.of(partition);
        try {
            store.transact(tenant, tx -> {
                for (Change c : changes) {
                    if (!partition.equals(c.state().partition())) {
                        throw new IllegalArgumentException("instance " + c.state().instanceId() + " belongs to " + c.state().partition()
                                + ", not " + partition);
                    }
                    ObjectNode body = (ObjectNode) Json.toTree(c.state());
                    body.put("tenantId", partition);
                    body.put("active", String.valueOf(!c.state().finished()));
                    body.put("runId", rootOf(c.state().instanceId()));
                    if (c.expectedEtag() == null) {
                        tx.create(ORCHESTRATIONS, c.state().instanceId(), body);
                    } else {
                        tx.replace(ORCHESTRATIONS, c.state().instanceId(), body, c.expectedEtag());
                    }
                }
                return null;
            });
        } catch (StoreConflictException e) {
            throw new InstanceConflictException(e.getMessage());
        }
    }

    @Override
    public List<Versioned> unfinished() {
        List<Versioned> out = new ArrayList<>();
        for (TenantId t : tenants.get()) {
            Documents.documents(store, t, ORCHESTRATIONS, Filter.where("active", "true")).forEach(d -> out.add(versioned(d)));
        }
        return out;
    }

    @Override
    public List<Versioned> list(String partition, String idPrefix) {
        return Documents.documents(store, TenantId.of(partition), ORCHESTRATIONS, Filter.where("runId", rootOf(idPrefix))).stream()
                .map(DocumentInstances::versioned).filter(v -> v.state().instanceId().startsWith(idPrefix)).toList();
    }

    /** A run's instances share its id: the run's own and "runId:moduleId" for each module. */
    private static String rootOf(String instanceId) {
        int colon = instanceId.indexOf(':');
        return colon < 0 ? instanceId : instanceId.substring(0, colon);
    }

    private static Versioned versioned(Document d) {
        return new Versioned(Json.fromTree(d.body(), InstanceState.class), d.etag());
    }
}
