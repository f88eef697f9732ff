package com.connectsoft.factory.cli;

import com.connectsoft.factory.template.TemplateConfiguration;
import com.connectsoft.factory.template.domain.TemplatePackage;
import picocli.CommandLine.Command;

@Command(name = "templates", description = "List the governed templates in the catalog.")
final class TemplatesCommand extends FactoryCommand {
    @Override
    public Integer call() {
        for (TemplatePackage p : new TemplateConfiguration(settings().templatesDir()).catalog().all()) {
            out().printf("%s %s  %s (%d files, %s)%n", p.id(), p.version(), p.name(), p.files().size(), p.contentHash().substring(0, 19) + "…");
        }
        return FactoryCli.OK;
    }
}
