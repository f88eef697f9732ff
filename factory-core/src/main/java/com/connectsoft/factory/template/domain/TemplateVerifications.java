package com.connectsoft.factory.template.domain;

import java.util.List;
import java.util.Optional;

/**
 * The verifications of template and library versions (port). Platform records, not a tenant's: the catalog is the same
 * for every tenant. Recording a version again with the same content replaces its record (idempotent).
 */
public interface TemplateVerifications {
    void record(TemplateVerification verification);

    /** The verification of this version with exactly this content, if it was verified. */
    Optional<TemplateVerification> find(String templateRef, String contentHash);

    /** Every recorded verification of a version, whatever its content was then, newest first. */
    List<TemplateVerification> of(String templateRef);

    /**
     * The record shipped with the catalog for this version when it verified other content than {@code currentContentHash}:
     * stale, so it counts for nothing (the version is as if never verified) and is only reported.
     */
    default Optional<TemplateVerification> stale(String templateRef, String currentContentHash) {
        return Optional.empty();
    }
}
