package com.connectsoft.factory.template.application;

import com.connectsoft.factory.library.domain.RuntimeLibraries;
import com.connectsoft.factory.library.domain.RuntimeLibrary;
import com.connectsoft.factory.template.domain.TemplateCatalog;
import com.connectsoft.factory.template.domain.TemplateFeedback;
import com.connectsoft.factory.template.domain.TemplatePackage;
import com.connectsoft.factory.template.domain.TemplateVerification;
import com.connectsoft.factory.template.domain.TemplateVerifications;
import java.util.List;
import java.util.Optional;

/** The catalog as users see it (CLI and API): every version with its verification and whether new runs may use it. */
public final class CatalogListing {
    /**
     * One version: what it is ({@code kind} template or library; a library's {@code model} is its Maven coordinates), its
     * verification with its current content (if any), why new runs may not use it (if so), and what its generated
     * modules reported once they ran ({@code feedback}: build failures, alerts; null when nothing came back), and why the
     * verification shipped with the catalog for it does not count ({@code staleVerification}: it verified other content;
     * null when there is none or it counts).
     */
    public record Entry(String kind, String id, String version, String name, String category, String model, String description, int files,
                        String contentHash, boolean usable, String refusal, TemplateVerification verification,
                        TemplateFeedback.Figures feedback, String staleVerification) {
    }

    private final TemplateCatalog catalog;
    private final TemplateVerifications verifications;
    private final RuntimeLibraries libraries;
    private final TemplateFeedback feedback;

    public CatalogListing(TemplateCatalog catalog, TemplateVerifications verifications, RuntimeLibraries libraries) {
        this(catalog, verifications, libraries, TemplateFeedback.none());
    }

    /** @param feedback each template version's feedback figures */
    public CatalogListing(TemplateCatalog catalog, TemplateVerifications verifications, RuntimeLibraries libraries, TemplateFeedback feedback) {
        this.catalog = catalog;
        this.verifications = verifications;
        this.libraries = libraries;
        this.feedback = feedback;
    }

    /** Every template version and then every library version, or only those of {@code id}, in catalog order. */
    public List<Entry> entries(Optional<String> id) {
        List<Entry> out = new java.util.ArrayList<>(catalog.all().stream().filter(p -> id.isEmpty() || p.id().equals(id.get())).map(this::entry).toList());
        libraries.all().stream().filter(l -> id.isEmpty() || l.id().equals(id.get())).map(this::entry).forEach(out::add);
        return out;
    }

    /** A library version with its verification with its current content, if any ({@code files} is 0: a library is not rendered). */
    public Entry entry(RuntimeLibrary l) {
        String hash = libraries.contentHash(l);
        return new Entry("library", l.id(), l.version(), l.name(), "library", l.coordinates(), l.description(), 0, hash, true, null,
                verifications.find(l.ref(), hash).orElse(null), null, stale(l.ref(), hash));
    }

    public Entry entry(TemplatePackage p) {
        Optional<String> refusal = catalog.refusal(p);
        return new Entry("template", p.id(), p.version(), p.name(), p.category(), p.model(), p.description(), p.files().size(), p.contentHash(),
                refusal.isEmpty(), refusal.orElse(null), verifications.find(p.ref(), p.contentHash()).orElse(null),
                feedback.figures(p.ref()).orElse(null), stale(p.ref(), p.contentHash()));
    }

    private String stale(String ref, String currentHash) {
        return verifications.stale(ref, currentHash).map(v -> "the verification shipped with the catalog (" + v.verifiedAt().toString().substring(0, 10)
                + ") is stale: it verified content " + shortHash(v.contentHash()) + ", the version's content is now " + shortHash(currentHash)
                + ", so it counts for nothing").orElse(null);
    }

    private static String shortHash(String hash) {
        return hash.length() > 19 ? hash.substring(0, 19) + "…" : hash;
    }

    /** One line about an entry's state for listings. */
    public static String state(Entry e) {
        if (!e.usable()) {
            return e.refusal();
        }
        String state = e.verification() != null ? e.verification().summary()
                : "not verified yet: ./factory templates verify " + e.id() + "@" + e.version()
                + (e.staleVerification() == null ? "" : " (" + e.staleVerification() + ")");
        state = e.feedback() == null ? state : state + "; " + e.feedback().summary();
        return "library".equals(e.kind()) ? "Maven " + e.model() + "; " + state : state;
    }
}
