package com.connectsoft.factory.blueprint.domain;

import java.util.Optional;

/**
 * Per-module generation options; {@code frontend}: also generate a web front end for the module's API; {@code template}:
 * the service template this module is generated with (a {@code ConnectSoft.Template.*} id, its latest version), instead
 * of the run's.
 */
public record ModuleOptions(int defaultPageSize, int maxPageSize, boolean crudEvents, boolean frontend, Optional<String> template) {
    public static final ModuleOptions DEFAULTS = new ModuleOptions(20, 100, true, false, Optional.empty());

    public ModuleOptions {
        template = template == null ? Optional.empty() : template;
    }

    /** Options with the run's template. */
    public ModuleOptions(int defaultPageSize, int maxPageSize, boolean crudEvents, boolean frontend) {
        this(defaultPageSize, maxPageSize, crudEvents, frontend, Optional.empty());
    }

    /** Options without a front end, with the run's template. */
    public ModuleOptions(int defaultPageSize, int maxPageSize, boolean crudEvents) {
        this(defaultPageSize, maxPageSize, crudEvents, false, Optional.empty());
    }
}
