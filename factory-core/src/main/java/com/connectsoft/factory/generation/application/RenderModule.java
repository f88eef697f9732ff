package com.connectsoft.factory.generation.application;

import com.connectsoft.factory.blueprint.domain.Blueprint;
import com.connectsoft.factory.blueprint.domain.Module;
import com.connectsoft.factory.template.domain.RenderOutcome;
import com.connectsoft.factory.template.domain.TemplatePackage;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/** Renders one blueprint module with a template, through the render model its {@code model:} names in {@link RenderModels}. */
public final class RenderModule {
    private final TemplateRenderer renderer;
    private final RenderModels models;

    /** With the factory's standard models; {@code versions} are the pinned versions Java templates build with. */
    public RenderModule(TemplateRenderer renderer, Map<String, String> versions) {
        this(renderer, RenderModels.standard(versions));
    }

    public RenderModule(TemplateRenderer renderer, RenderModels models) {
        this.renderer = Objects.requireNonNull(renderer, "renderer");
        this.models = Objects.requireNonNull(models, "models");
    }

    /** Checks that the module can be expressed by the template's model, without rendering. */
    public RenderModel.Outcome outcome(Blueprint blueprint, Module module, TemplatePackage template) {
        var model = models.find(template.model());
        if (model.isEmpty()) {
            return new RenderModel.Outcome.Failed(List.of(new RenderModel.Problem(
                    template.ref() + " takes the model '" + template.model() + "', which this factory does not provide",
                    "use a template whose template.yaml says model: one of " + String.join(", ", models.ids()))));
        }
        RenderModel.Outcome outcome = model.get().build(blueprint, module, template);
        if (outcome instanceof RenderModel.Outcome.Ok ok) {
            List<String> bad = TemplateRenderer.checkParameters(template, ok.built().parameters());
            if (!bad.isEmpty()) {
                return new RenderModel.Outcome.Failed(bad.stream().map(b -> new RenderModel.Problem("module '" + module.name()
                        + "': " + b, "rename the product, module or package so it gives valid names for " + template.ref())).toList());
            }
        }
        return outcome;
    }

    /** {@link #outcome} in {@link JavaModuleModel}'s types (for callers written against it). */
    public JavaModuleModel.Outcome model(Blueprint blueprint, Module module, TemplatePackage template) {
        RenderModel.Outcome outcome = outcome(blueprint, module, template);
        if (outcome instanceof RenderModel.Outcome.Ok ok) {
            return new JavaModuleModel.Outcome.Ok(new JavaModuleModel.Built(ok.built().parameters(), ok.built().model()));
        }
        return new JavaModuleModel.Outcome.Failed(((RenderModel.Outcome.Failed) outcome).problems().stream()
                .map(p -> new JavaModuleModel.Problem(p.message(), p.hint())).toList());
    }

    /** {@link #outcome}'s problems, located in {@code file} (what a run checks before it opens). */
    public List<com.connectsoft.factory.blueprint.domain.Problem> problems(String file, Blueprint blueprint, Module module,
                                                                           TemplatePackage template) {
        return outcome(blueprint, module, template) instanceof RenderModel.Outcome.Failed f
                ? f.problems().stream().map(p -> com.connectsoft.factory.blueprint.domain.Problem.of(file, 1, 1, p.message(), p.hint())).toList()
                : List.of();
    }

    public RenderOutcome render(Blueprint blueprint, Module module, TemplatePackage template) {
        RenderModel.Outcome model = outcome(blueprint, module, template);
        if (model instanceof RenderModel.Outcome.Failed failed) {
            return new RenderOutcome.Refused(failed.problems().stream().map(p -> p.message() + " (" + p.hint() + ")").toList());
        }
        RenderModel.Built built = ((RenderModel.Outcome.Ok) model).built();
        return renderer.render(template, built.parameters(), built.model());
    }
}
