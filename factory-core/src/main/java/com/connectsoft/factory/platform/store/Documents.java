package com.connectsoft.factory.platform.store;

import com.connectsoft.factory.platform.json.Json;
import com.connectsoft.factory.shared.domain.TenantId;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;

/** Helpers the document-store adapters of every capability share: records as JSON bodies, and reading a whole collection. */
public final class Documents {
    private Documents() {
    }

    public static ObjectNode body(Object record) {
        return (ObjectNode) Json.toTree(record);
    }

    /** Every document of a tenant's collection matching the filter, read page by page, as records of {@code type}. */
    public static <T> List<T> all(DocumentStore store, TenantId tenant, String collection, Filter filter, Class<T> type) {
        return documents(store, tenant, collection, filter).stream().map(d -> Json.fromTree(d.body(), type)).toList();
    }

    public static List<Document> documents(DocumentStore store, TenantId tenant, String collection, Filter filter) {
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
