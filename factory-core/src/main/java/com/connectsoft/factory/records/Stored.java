package com.connectsoft.factory.records;

import com.connectsoft.factory.platform.json.Json;
import com.connectsoft.factory.platform.store.Document;
import com.connectsoft.factory.platform.store.DocumentStore;
import com.connectsoft.factory.platform.store.Filter;
import com.connectsoft.factory.platform.store.Page;
import com.connectsoft.factory.platform.store.PageRequest;
import com.connectsoft.factory.shared.domain.TenantId;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Record (de)serialisation and full reads over the tenant-partitioned document store. */
final class Stored {
    static final String TENANTS = "tenant";
    static final String PROJECTS = "projects";
    static final String BLUEPRINTS = "blueprints";
    static final String RUNS = "runs";
    static final String ARTIFACTS = "artifacts";
    static final String USAGE = "usage";
    static final String ORCHESTRATIONS = "orchestrations";

    private Stored() {
    }

    /** Creates the project and the blueprint version inside the transaction unless they exist; a version holding other content is a conflict. */
    static void ensure(com.connectsoft.factory.platform.store.DocumentTransaction tx,
                       com.connectsoft.factory.project.domain.Project project,
                       com.connectsoft.factory.project.domain.BlueprintVersion version) {
        if (tx.get(PROJECTS, project.projectId()).isEmpty()) {
            tx.create(PROJECTS, project.projectId(), body(project));
        }
        Optional<Document> existing = tx.get(BLUEPRINTS, version.key());
        if (existing.isEmpty()) {
            tx.create(BLUEPRINTS, version.key(), body(version));
        } else if (!version.contentHash().equals(existing.get().body().path("contentHash").asText())) {
            // never let a caller believe a version number holds its content when a concurrent upload took it
            throw new com.connectsoft.factory.platform.store.StoreConflictException(
                    com.connectsoft.factory.platform.store.StoreConflictException.Kind.ALREADY_EXISTS,
                    "blueprint version " + version.key() + " was taken by another upload");
        }
    }

    static ObjectNode body(Object record) {
        return (ObjectNode) Json.toTree(record);
    }

    static <T> List<T> all(DocumentStore store, TenantId tenant, String collection, Filter filter, Class<T> type) {
        return documents(store, tenant, collection, filter).stream().map(d -> Json.fromTree(d.body(), type)).toList();
    }

    static List<Document> documents(DocumentStore store, TenantId tenant, String collection, Filter filter) {
        List<Document> out = new ArrayList<>();
        PageRequest req = PageRequest.first(500);
        while (true) {
            Page<Document> page = store.query(tenant, collection, filter, req);
            out.addAll(page.items());
            if (page.continuation().isEmpty()) {
                return out;
            }
            req = PageRequest.after(500, page.continuation().get());
        }
    }
}
