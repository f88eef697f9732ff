package com.connectsoft.factory.template.application;

import com.connectsoft.factory.template.domain.TemplateCatalog;
import com.connectsoft.factory.template.domain.TemplateFile;
import com.connectsoft.factory.template.domain.TemplatePackage;
import com.connectsoft.factory.template.domain.TemplateVerification;
import com.connectsoft.factory.template.domain.TemplateVerifications;
import java.util.List;
import java.util.Optional;

/**
 * The catalog as new runs see it: every version is listed, but one whose verification failed, or whose files changed
 * since it was verified (versions are immutable), is refused with the reason. A version never verified is usable: it
 * is verified by {@code ./factory templates verify} (and its builds are prepared on first use).
 */
public final class VerifiedCatalog implements TemplateCatalog {
    private final TemplateCatalog catalog;
    private final TemplateVerifications verifications;

    public VerifiedCatalog(TemplateCatalog catalog, TemplateVerifications verifications) {
        this.catalog = catalog;
        this.verifications = verifications;
    }

    @Override
    public List<TemplatePackage> all() {
        return catalog.all();
    }

    @Override
    public Optional<TemplatePackage> find(String id, String version) {
        return catalog.find(id, version);
    }

    @Override
    public Optional<TemplatePackage> latest(String id) {
        return catalog.latest(id);
    }

    @Override
    public String read(TemplatePackage pkg, TemplateFile file) {
        return catalog.read(pkg, file);
    }

    @Override
    public Optional<String> refusal(TemplatePackage pkg) {
        Optional<String> own = catalog.refusal(pkg);
        if (own.isPresent()) {
            return own;
        }
        List<TemplateVerification> recorded = verifications.of(pkg.ref());
        Optional<TemplateVerification> same = recorded.stream().filter(v -> v.contentHash().equals(pkg.contentHash())).findFirst();
        if (same.isPresent()) {
            TemplateVerification v = same.get();
            return v.passed() ? Optional.empty() : Optional.of("template " + pkg.ref() + " failed its verification on "
                    + v.verifiedAt().toString().substring(0, 10) + " (" + (v.problems().isEmpty() ? "see ./factory templates" : v.problems().get(0))
                    + "), so new runs cannot use it: publish the fix as a new version");
        }
        if (!recorded.isEmpty()) {
            TemplateVerification last = recorded.get(0);
            return Optional.of("template " + pkg.ref() + " changed since it was verified on " + last.verifiedAt().toString().substring(0, 10)
                    + " (content " + shortHash(last.contentHash()) + ", now " + shortHash(pkg.contentHash()) + "): versions are immutable, so "
                    + "restore its folder and put the change in a new version");
        }
        return Optional.empty();
    }

    private static String shortHash(String hash) {
        return hash.length() > 19 ? hash.substring(0, 19) + "…" : hash;
    }
}
