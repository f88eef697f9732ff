package com.connectsoft.factory.blueprint.domain;

/** Per-module generation options. */
public record ModuleOptions(int defaultPageSize, int maxPageSize, boolean crudEvents) {
    public static final ModuleOptions DEFAULTS = new ModuleOptions(20, 100, true);
}
