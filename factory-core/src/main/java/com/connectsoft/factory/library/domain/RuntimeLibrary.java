package com.connectsoft.factory.library.domain;

import java.nio.file.Path;

/**
 * One version of a runtime library of generated services (a {@code libraries/<name>-<version>/} folder with its
 * {@code library.yaml} and a standalone Maven project): what the catalog lists, and what preparing a template installs
 * into the build repository. Versions are immutable: a change is a new folder.
 */
public record RuntimeLibrary(String id, String version, String name, String description, String groupId, String artifactId, Path folder) {
    public String ref() {
        return id + "@" + version;
    }

    public String coordinates() {
        return groupId + ":" + artifactId + ":" + version;
    }
}
