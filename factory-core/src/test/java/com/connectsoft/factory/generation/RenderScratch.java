package com.connectsoft.factory.generation;

import com.connectsoft.factory.blueprint.adapter.yaml.YamlBlueprintReader;
import com.connectsoft.factory.blueprint.domain.Blueprint;
import com.connectsoft.factory.blueprint.domain.Module;
import com.connectsoft.factory.blueprint.domain.ParseOutcome;
import com.connectsoft.factory.generation.application.FactoryVersions;
import com.connectsoft.factory.generation.application.RenderModule;
import com.connectsoft.factory.template.adapter.filesystem.FileSystemTemplateCatalog;
import com.connectsoft.factory.template.adapter.filesystem.OutputSandbox;
import com.connectsoft.factory.template.adapter.mustache.MustacheEngine;
import com.connectsoft.factory.template.application.TemplateRenderer;
import com.connectsoft.factory.template.domain.RenderOutcome;
import java.nio.file.Files;
import java.nio.file.Path;

public class RenderScratch {
    public static void main(String[] args) throws Exception {
        Path bpFile = Path.of(args[0]);
        Path out = Path.of(args[1]);
        Blueprint bp = ((ParseOutcome.Accepted) new YamlBlueprintReader().read(bpFile.toString(), Files.readAllBytes(bpFile))).blueprint();
        FileSystemTemplateCatalog catalog = new FileSystemTemplateCatalog(Path.of("../templates"));
        RenderModule rm = new RenderModule(new TemplateRenderer(new MustacheEngine(), catalog, catalog), FactoryVersions.load());
        for (Module m : bp.modules()) {
            RenderOutcome o = rm.render(bp, m, catalog.latest("ConnectSoft.Template.FunctionsMicroservice").orElseThrow());
            if (o instanceof RenderOutcome.Refused r) {
                System.out.println("REFUSED " + r.reasons());
                continue;
            }
            Path dir = out.resolve(m.name());
            OutputSandbox.prepare(dir);
            OutputSandbox.write(dir, ((RenderOutcome.Rendered) o).files());
            System.out.println("rendered " + dir + " " + ((RenderOutcome.Rendered) o).files().size());
        }
    }
}
