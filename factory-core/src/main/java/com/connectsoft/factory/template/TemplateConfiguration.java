package com.connectsoft.factory.template;

import com.connectsoft.factory.template.adapter.filesystem.FileSystemTemplateCatalog;
import com.connectsoft.factory.template.adapter.mustache.MustacheEngine;
import com.connectsoft.factory.template.domain.TemplateCatalog;
import com.connectsoft.factory.template.domain.TemplateEngine;
import java.nio.file.Path;

/** The governed template packages of a directory (each checked when loaded) and the Mustache engine that renders them. */
public final class TemplateConfiguration {
    private final TemplateCatalog catalog;
    private final TemplateEngine engine = new MustacheEngine();

    public TemplateConfiguration(Path templatesDir) {
        this.catalog = new FileSystemTemplateCatalog(templatesDir);
    }

    public TemplateCatalog catalog() {
        return catalog;
    }

    public TemplateEngine engine() {
        return engine;
    }
}
