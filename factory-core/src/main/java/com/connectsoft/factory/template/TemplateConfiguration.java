package com.connectsoft.factory.template;

import com.connectsoft.factory.library.adapter.filesystem.FileSystemRuntimeLibraries;
import com.connectsoft.factory.library.domain.RuntimeLibraries;
import com.connectsoft.factory.platform.store.DocumentStore;
import com.connectsoft.factory.template.adapter.DocumentTemplateVerifications;
import com.connectsoft.factory.template.adapter.filesystem.FileShippedVerifications;
import com.connectsoft.factory.template.adapter.filesystem.FileSystemTemplateCatalog;
import com.connectsoft.factory.template.adapter.mustache.MustacheEngine;
import com.connectsoft.factory.template.application.CatalogVerifications;
import com.connectsoft.factory.template.application.VerifiedCatalog;
import com.connectsoft.factory.template.domain.TemplateCatalog;
import com.connectsoft.factory.template.domain.ShippedVerifications;
import com.connectsoft.factory.template.domain.TemplateEngine;
import com.connectsoft.factory.template.domain.TemplatePackage;
import com.connectsoft.factory.template.domain.TemplateVerifications;
import java.nio.file.Path;

/**
 * The governed template packages of a directory (each checked when loaded, published ones against the lock), the runtime
 * libraries beside it (published ones checked against the same lock), their verifications, and the Mustache engine.
 */
public final class TemplateConfiguration {
    private final TemplateCatalog catalog;
    private final TemplateVerifications verifications;
    private final TemplateEngine engine = new MustacheEngine();
    private final RuntimeLibraries libraries;
    private final ShippedVerifications shipped;

    /** The templates of {@code templatesDir} and the runtime libraries of the {@code libraries} folder beside it. */
    public TemplateConfiguration(Path templatesDir) {
        this.catalog = new FileSystemTemplateCatalog(templatesDir);
        this.verifications = null;
        this.shipped = null;
        this.libraries = libraries(templatesDir);
    }

    /**
     * The catalog as new runs see it: versions that failed their verification or changed since are refused. Verifications
     * are those recorded in {@code store} and those shipped with the catalog ({@code <templatesDir>/verified/}).
     */
    public TemplateConfiguration(Path templatesDir, DocumentStore store) {
        FileSystemTemplateCatalog files = new FileSystemTemplateCatalog(templatesDir);
        this.libraries = libraries(templatesDir);
        this.shipped = new FileShippedVerifications(files.root().resolve(FileShippedVerifications.FOLDER));
        this.verifications = new CatalogVerifications(new DocumentTemplateVerifications(store), shipped, ref -> currentHash(files, ref));
        this.catalog = new VerifiedCatalog(files, verifications);
    }

    private java.util.Optional<String> currentHash(TemplateCatalog files, String ref) {
        int at = ref.lastIndexOf('@');
        if (at < 1) {
            return java.util.Optional.empty();
        }
        String id = ref.substring(0, at);
        String version = ref.substring(at + 1);
        return files.find(id, version).map(TemplatePackage::contentHash)
                .or(() -> libraries.find(id, version).map(libraries::contentHash));
    }

    private static RuntimeLibraries libraries(Path templatesDir) {
        RuntimeLibraries libraries = new FileSystemRuntimeLibraries(templatesDir.toAbsolutePath().normalize().resolveSibling("libraries"));
        FileSystemTemplateCatalog.checkLibraries(templatesDir, libraries);
        return libraries;
    }

    /** Where template verifications are recorded; empty for a catalog opened without a store. */
    public java.util.Optional<TemplateVerifications> verifications() {
        return java.util.Optional.ofNullable(verifications);
    }

    /** The verification records shipped with the catalog (published by {@code ./factory templates verify --publish}); empty without a store. */
    public java.util.Optional<ShippedVerifications> shipped() {
        return java.util.Optional.ofNullable(shipped);
    }

    /** The runtime libraries templates may name: {@code libraries/} beside the templates folder. */
    public RuntimeLibraries libraries() {
        return libraries;
    }

    public TemplateCatalog catalog() {
        return catalog;
    }

    public TemplateEngine engine() {
        return engine;
    }
}
