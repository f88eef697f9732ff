package com.connectsoft.factory.generation.application;

import com.connectsoft.factory.blueprint.domain.Blueprint;
import com.connectsoft.factory.blueprint.domain.Module;
import com.connectsoft.factory.generation.application.TemplateRenderer;
import com.connectsoft.factory.template.domain.RenderOutcome;
import com.connectsoft.factory.template.domain.TemplatePackage;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/** Renders one blueprint module with a template that takes the {@code java-module/1} model. */
public final class RenderModule {
    private final TemplateRenderer renderer;
    private final Map<String, String> versions;

    public RenderModule(TemplateRenderer renderer, Map<String, String> versions) {
        this.renderer = Objects.requireNonNull(renderer, "renderer");
        this.versions = Map.copyOf(versions);
    }

    /** Checks that the module can be expressed by the template's model, without rendering. */
    public JavaModuleModel.Outcome model(Blueprint blueprint, Module module, TemplatePackage template) {
        if (!template.model().equals(JavaModuleModel.MODEL)) {
            return new JavaModuleModel.Outcome.Failed(java.util.List.of(new JavaModuleModel.Problem(
                    template.ref() + " takes the model '" + template.model() + "', which this factory does not provide",
                    "use a template whose template.yaml says model: " + JavaModuleModel.MODEL)));
        }
        JavaModuleModel.Outcome outcome = JavaModuleModel.build(blueprint, module, versions, template);
        if (outcome instanceof JavaModuleModel.Outcome.Ok ok) {
            List<String> bad = TemplateRenderer.checkParameters(template, ok.built().parameters());
            if (!bad.isEmpty()) {
                return new JavaModuleModel.Outcome.Failed(bad.stream().map(b -> new JavaModuleModel.Problem("module '" + module.name()
                        + "': " + b, "rename the product, module or package so it gives valid Java and Maven names")).toList());
            }
        }
        return outcome;
    }

    /** {@link #model}'s problems, located in {@code file} (what a run checks before it opens). */
    public List<com.connectsoft.factory.blueprint.domain.Problem> problems(String file, Blueprint blueprint, Module module,
                                                                           TemplatePackage template) {
        return model(blueprint, module, template) instanceof JavaModuleModel.Outcome.Failed f
                ? f.problems().stream().map(p -> com.connectsoft.factory.blueprint.domain.Problem.of(file, 1, 1, p.message(), p.hint())).toList()
                : List.of();
    }

    public RenderOutcome render(Blueprint blueprint, Module module, TemplatePackage template) {
        JavaModuleModel.Outcome model = model(blueprint, module, template);
        if (model instanceof JavaModuleModel.Outcome.Failed failed) {
            return new RenderOutcome.Refused(failed.problems().stream().map(p -> p.message() + " (" + p.hint() + ")").toList());
        }
        JavaModuleModel.Built built = ((JavaModuleModel.Outcome.Ok) model).built();
        return renderer.render(template, built.parameters(), built.model());
    }
}
