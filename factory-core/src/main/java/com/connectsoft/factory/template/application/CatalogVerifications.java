package com.connectsoft.factory.template.application;

import com.connectsoft.factory.template.domain.ShippedVerifications;
import com.connectsoft.factory.template.domain.TemplateVerification;
import com.connectsoft.factory.template.domain.TemplateVerifications;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Stream;

/**
 * The verifications a factory knows: those recorded here (its data directory) and those shipped with the catalog. A
 * shipped record counts only while it verified the version's current content; otherwise it is stale, ignored (the
 * version is as if never verified) and only reported. Of a local and a shipped record of the same content, the newer
 * wins. New verifications are recorded here; shipping them is the publisher's separate step.
 */
public final class CatalogVerifications implements TemplateVerifications {
    private final TemplateVerifications local;
    private final ShippedVerifications shipped;
    private final Function<String, Optional<String>> currentHash;

    /** @param currentHash the current content hash of a template or library version ({@code id@version}), empty if there is no such version */
    public CatalogVerifications(TemplateVerifications local, ShippedVerifications shipped, Function<String, Optional<String>> currentHash) {
        this.local = local;
        this.shipped = shipped;
        this.currentHash = currentHash;
    }

    @Override
    public void record(TemplateVerification verification) {
        local.record(verification);
    }

    @Override
    public Optional<TemplateVerification> find(String templateRef, String contentHash) {
        return Stream.concat(local.find(templateRef, contentHash).stream(),
                        shipped.find(templateRef).filter(s -> s.contentHash().equals(contentHash)).stream())
                .max(Comparator.comparing(TemplateVerification::verifiedAt));
    }

    @Override
    public List<TemplateVerification> of(String templateRef) {
        List<TemplateVerification> all = new ArrayList<>(local.of(templateRef));
        shipped.find(templateRef).filter(s -> currentHash.apply(templateRef).filter(s.contentHash()::equals).isPresent()).ifPresent(all::add);
        all.sort(Comparator.comparing(TemplateVerification::verifiedAt).reversed());
        return List.copyOf(all);
    }

    @Override
    public Optional<TemplateVerification> stale(String templateRef, String currentContentHash) {
        return shipped.find(templateRef).filter(s -> !s.contentHash().equals(currentContentHash));
    }
}
