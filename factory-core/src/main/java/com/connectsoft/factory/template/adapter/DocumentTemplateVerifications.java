package com.connectsoft.factory.template.adapter;

import com.connectsoft.factory.platform.store.DocumentStore;
import com.connectsoft.factory.platform.store.Documents;
import com.connectsoft.factory.platform.store.Filter;
import com.connectsoft.factory.shared.domain.Hashing;
import com.connectsoft.factory.shared.domain.TenantId;
import com.connectsoft.factory.template.domain.TemplateVerification;
import com.connectsoft.factory.template.domain.TemplateVerifications;
import java.nio.charset.StandardCharsets;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * Template verifications in the document store, in the factory's own partition ({@code platform}, the tenant id no
 * tenant may take): one document per version and content hash.
 */
public final class DocumentTemplateVerifications implements TemplateVerifications {
    static final TenantId PLATFORM = TenantId.of("platform");
    static final String COLLECTION = "template-verifications";
    private final DocumentStore store;

    public DocumentTemplateVerifications(DocumentStore store) {
        this.store = store;
    }

    private static String id(String templateRef, String contentHash) {
        return "tv-" + Hashing.sha256Hex((templateRef + " " + contentHash).getBytes(StandardCharsets.UTF_8)).substring(0, 40);
    }

    @Override
    public void record(TemplateVerification v) {
        store.transact(PLATFORM, tx -> tx.upsert(COLLECTION, id(v.templateRef(), v.contentHash()), Documents.body(v)));
    }

    @Override
    public Optional<TemplateVerification> find(String templateRef, String contentHash) {
        return store.get(PLATFORM, COLLECTION, id(templateRef, contentHash))
                .map(d -> com.connectsoft.factory.platform.json.Json.fromTree(d.body(), TemplateVerification.class));
    }

    @Override
    public List<TemplateVerification> of(String templateRef) {
        return Documents.all(store, PLATFORM, COLLECTION, Filter.where("templateRef", templateRef), TemplateVerification.class).stream()
                .sorted(Comparator.comparing(TemplateVerification::verifiedAt).reversed()).toList();
    }
}
