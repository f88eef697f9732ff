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
}
