package com.connectsoft.factory.build.domain;

import java.util.Optional;

/** Makes sure builds of modules rendered from a template find everything they need offline. */
public interface BuildPreparation {
    /**
     * Prepares builds for the template {@code templateRef} ({@code id@version}) if that was not done before.
     *
     * @return why builds of that template cannot be prepared, when they cannot
     */
    Optional<String> prepare(String templateRef);

    BuildPreparation NONE = templateRef -> Optional.empty();
}
