package com.connectsoft.factory.template.application;

import com.connectsoft.factory.template.domain.TemplateCatalog;
import com.connectsoft.factory.template.domain.TemplatePackage;
import com.connectsoft.factory.template.domain.TemplateVerification;
import com.connectsoft.factory.template.domain.TemplateVerifications;
import java.util.List;
import java.util.Optional;

/** The catalog as users see it (CLI and API): every version with its verification and whether new runs may use it. */
public final class CatalogListing {
    /** One version: what it is, its verification with its current content (if any), and why new runs may not use it (if so). */
    public record Entry(String id, String version, String name, String category, String model, String description, int files,
                        String contentHash, boolean usable, String refusal, TemplateVerification verification) {
    }

    private final TemplateCatalog catalog;
    private final TemplateVerifications verifications;

    public CatalogListing(TemplateCatalog catalog, TemplateVerifications verifications) {
        this.catalog = catalog;
        this.verifications = verifications;
    }

    /** Every version, or only those of {@code id}, in catalog order. */
    public List<Entry> entries(Optional<String> id) {
        return catalog.all().stream().filter(p -> id.isEmpty() || p.id().equals(id.get())).map(this::entry).toList();
    }

    public Entry entry(TemplatePackage p) {
        Optional<String> refusal = catalog.refusal(p);
        return new Entry(p.id(), p.version(), p.name(), p.category(), p.model(), p.description(), p.files().size(), p.contentHash(),
                refusal.isEmpty(), refusal.orElse(null), verifications.find(p.ref(), p.contentHash()).orElse(null));
    }

    /** One line about an entry's state for listings. */
    public static String state(Entry e) {
        if (!e.usable()) {
            return e.refusal();
        }
        return e.verification() != null ? e.verification().summary() : "not verified yet: ./factory templates verify " + e.id() + "@" + e.version();
    }
}
