package com.connectsoft.factory.blueprint.domain;

/** Per-module generation options; {@code frontend}: also generate a web front end for the module's API. */
public record ModuleOptions(int defaultPageSize, int maxPageSize, boolean crudEvents, boolean frontend) {
    public static final ModuleOptions DEFAULTS = new ModuleOptions(20, 100, true, false);

    /** Options without a front end. */
    public ModuleOptions(int defaultPageSize, int maxPageSize, boolean crudEvents) {
        this(defaultPageSize, maxPageSize, crudEvents, false);
    }
}
