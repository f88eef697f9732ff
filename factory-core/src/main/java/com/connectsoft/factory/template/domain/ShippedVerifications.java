package com.connectsoft.factory.template.domain;

import java.util.List;
import java.util.Optional;

/**
 * The verification records that ship with the catalog (port): the publisher's record of each verified template and
 * library version, kept beside the versions themselves so that a fresh copy of the factory knows their figures. One
 * record per version; platform data, the same for every tenant. A record counts only for the content it verified
 * (its {@code contentHash}); that is for the reader to check.
 */
public interface ShippedVerifications {
    /** The shipped record of {@code templateRef} ({@code id@version}), whatever content it verified. */
    Optional<TemplateVerification> find(String templateRef);

    /** Every shipped record, in version order. */
    List<TemplateVerification> all();

    /** Ships {@code verification} as its version's record, replacing the one there was (publishing the same record twice changes nothing). */
    void publish(TemplateVerification verification);
}
