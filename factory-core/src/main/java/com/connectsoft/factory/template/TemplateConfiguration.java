package com.connectsoft.factory.template;

import com.connectsoft.factory.library.adapter.filesystem.FileSystemRuntimeLibraries;
import com.connectsoft.factory.library.domain.RuntimeLibraries;
import com.connectsoft.factory.platform.store.DocumentStore;
import com.connectsoft.factory.template.adapter.DocumentTemplateVerifications;
import com.connectsoft.factory.template.adapter.filesystem.FileSystemTemplateCatalog;
import com.connectsoft.factory.template.adapter.mustache.MustacheEngine;
import com.connectsoft.factory.template.application.VerifiedCatalog;
import com.connectsoft.factory.template.domain.TemplateCatalog;
import com.connectsoft.factory.template.domain.TemplateEngine;
import com.connectsoft.factory.template.domain.TemplateVerifications;
import java.nio.file.Path;

/** The governed template packages of a directory (each checked when loaded) and the Mustache engine that renders them. */
public final class TemplateConfiguration {
    private final TemplateCatalog catalog;
    private final TemplateVerifications verifications;
    private final TemplateEngine engine = new MustacheEngine();
    private final RuntimeLibraries libraries;

    /** The templates of {@code templatesDir} and the runtime libraries of the {@code libraries} folder beside it. */
    public TemplateConfiguration(Path templatesDir) {
        this.catalog = new FileSystemTemplateCatalog(templatesDir);
        this.verifications = null;
        this.libraries = libraries(templatesDir);
    }

    /** The catalog as new runs see it: versions that failed their verification or changed since are refused. */
    public TemplateConfiguration(Path templatesDir, DocumentStore store) {
        this.verifications = new DocumentTemplateVerifications(store);
        this.catalog = new VerifiedCatalog(new FileSystemTemplateCatalog(templatesDir), verifications);
        this.libraries = libraries(templatesDir);
    }

    private static RuntimeLibraries libraries(Path templatesDir) {
        return new FileSystemRuntimeLibraries(templatesDir.toAbsolutePath().normalize().resolveSibling("libraries"));
    }

    /** Where template verifications are recorded; empty for a catalog opened without a store. */
    public java.util.Optional<TemplateVerifications> verifications() {
        return java.util.Optional.ofNullable(verifications);
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
