package com.connectsoft.factory.template.domain;

import java.util.regex.Pattern;

/**
 * A runtime library a template's generated modules depend on, as its {@code template.yaml} names it
 * ({@code libraries: [{ id: ConnectSoft.Extensions.Runtime, version: 1.0.0 }]}): installed into the build repository
 * when the template is prepared, so the modules resolve it offline.
 */
public record LibraryRef(String id, String version) {
    public static final Pattern ID = Pattern.compile("ConnectSoft\\.Extensions\\.[A-Z][A-Za-z0-9]*(\\.[A-Z][A-Za-z0-9]*)*");

    public LibraryRef {
        if (id == null || !ID.matcher(id).matches()) {
            throw new IllegalArgumentException("library id '" + id + "' must look like ConnectSoft.Extensions.<Name>");
        }
        if (version == null || !TemplatePackage.SEMVER.matcher(version).matches()) {
            throw new IllegalArgumentException("library " + id + ": version '" + version + "' is not a semantic version (1.2.3)");
        }
    }

    public String ref() {
        return id + "@" + version;
    }

    /**
     * The name under which a render model gives templates this library's pinned version ({@code {{v.<key>}}}): the id
     * without {@code ConnectSoft.}, its parts joined in lower camel case ({@code ConnectSoft.Extensions.Runtime} →
     * {@code extensionsRuntime}). A template's generated build files so pin the version its {@code libraries:} names.
     */
    public String versionKey() {
        String[] parts = id.substring("ConnectSoft.".length()).split("\\.");
        StringBuilder key = new StringBuilder(Character.toLowerCase(parts[0].charAt(0)) + parts[0].substring(1));
        for (int i = 1; i < parts.length; i++) {
            key.append(parts[i]);
        }
        return key.toString();
    }
}
