package com.connectsoft.factory.template.domain;

import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;

/**
 * A governed, versioned template: {@code ConnectSoft.Template.<Name>} at an immutable semantic version, its
 * parameters as a JSON Schema (its JSON text), its files, and a sample blueprint ({@code sample}, a file in the package) that exercises
 * them. {@code contentHash} covers the manifest, every source file and the sample, so a changed file under an
 * unchanged version is detectable. {@code libraries} are the runtime libraries its generated modules depend on.
 */
public record TemplatePackage(String id, String version, String name, String description, String category,
                              String engine, String model, String parametersSchema, List<TemplateFile> files,
                              Path root, String contentHash, java.util.Optional<Path> sample, List<LibraryRef> libraries) {
    public static final Pattern ID = Pattern.compile("ConnectSoft\\.Template\\.[A-Z][A-Za-z0-9]*(\\.[A-Z][A-Za-z0-9]*)*");
    public static final Pattern SEMVER = Pattern.compile("(0|[1-9][0-9]*)\\.(0|[1-9][0-9]*)\\.(0|[1-9][0-9]*)(-[0-9A-Za-z.-]+)?");

    public TemplatePackage {
        files = List.copyOf(files);
        libraries = libraries == null ? List.of() : List.copyOf(libraries);
    }

    /** A package whose modules need no runtime library. */
    public TemplatePackage(String id, String version, String name, String description, String category, String engine, String model,
                           String parametersSchema, List<TemplateFile> files, Path root, String contentHash, java.util.Optional<Path> sample) {
        this(id, version, name, description, category, engine, model, parametersSchema, files, root, contentHash, sample, List.of());
    }

    public String ref() {
        return id + "@" + version;
    }
}
