package com.connectsoft.factory.template;

import com.connectsoft.factory.library.adapter.filesystem.FileSystemRuntimeLibraries;
import com.connectsoft.factory.library.domain.RuntimeLibraries;
import com.connectsoft.factory.template.adapter.filesystem.FileSystemTemplateCatalog;
import com.connectsoft.factory.template.adapter.mustache.MustacheEngine;
import com.connectsoft.factory.template.domain.TemplateCatalog;
import com.connectsoft.factory.template.domain.TemplateEngine;
import java.nio.file.Path;

/** The governed template packages of a directory (each checked when loaded) and the Mustache engine that renders them. */
public final class TemplateConfiguration {
    private final TemplateCatalog catalog;
    private final TemplateEngine engine = new MustacheEngine();
    private final RuntimeLibraries libraries;

    /** The templates of {@code templatesDir} and the runtime libraries of the {@code libraries} folder beside it. */
    public TemplateConfiguration(Path templatesDir) {
        this.catalog = new FileSystemTemplateCatalog(templatesDir);
        this.libraries = new FileSystemRuntimeLibraries(templatesDir.toAbsolutePath().normalize().resolveSibling("libraries"));
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
