package com.connectsoft.factory.generation;

import com.connectsoft.factory.artifact.domain.Artifacts;
import com.connectsoft.factory.blueprint.domain.BlueprintReaders;
import com.connectsoft.factory.build.domain.BuildPreparation;
import com.connectsoft.factory.build.domain.BuildRunner;
import com.connectsoft.factory.generation.application.FactoryVersions;
import com.connectsoft.factory.generation.application.RenderModule;
import com.connectsoft.factory.generation.application.RenderModuleStep;
import com.connectsoft.factory.generation.application.TemplateRenderer;
import com.connectsoft.factory.generation.application.TemplateSamplePreparation;
import com.connectsoft.factory.platform.content.ContentStore;
import com.connectsoft.factory.run.domain.ModuleCheck;
import com.connectsoft.factory.shared.domain.Envelope;
import com.connectsoft.factory.template.TemplateConfiguration;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * Generation: a blueprint module rendered with a governed template into the {@code java-module/1} model's files. The
 * template-render capability stores them as the module's sources; a run asks it first whether a module can be made.
 */
public final class GenerationConfiguration {
    private final TemplateConfiguration templates;
    private final BlueprintReaders readers;
    private final RenderModule render;

    public GenerationConfiguration(TemplateConfiguration templates, BlueprintReaders readers) {
        this.templates = templates;
        this.readers = readers;
        this.render = new RenderModule(new TemplateRenderer(templates.engine(), templates.catalog()), FactoryVersions.load());
        // each template's parameter schema is compiled once, here, rather than when the first run checks its modules
        templates.catalog().all().forEach(pkg -> TemplateRenderer.checkParameters(pkg, java.util.Map.of()));
    }

    public RenderModule renderModule() {
        return render;
    }

    /** What a run asks before it opens: can each module be generated with the template. */
    public ModuleCheck moduleCheck() {
        return (file, blueprint, module, template) -> {
            java.util.Optional<String> missing = TemplateSamplePreparation.missingLibrary(template, templates.libraries());
            if (missing.isPresent()) {
                return List.of(com.connectsoft.factory.blueprint.domain.Problem.of(file, 1, 1, missing.get(),
                        "add the library version under libraries/, or use another template version"));
            }
            return render.problems(file, blueprint, module, template);
        };
    }

    /** The template-render capability. */
    public Function<Envelope, List<Envelope>> renderStep(ContentStore content, Artifacts artifacts, Clock clock) {
        return new RenderModuleStep(readers, templates.catalog(), render, content, artifacts, clock);
    }

    /**
     * Prepares the offline builds of a template version's modules by building its sample once, online, with
     * {@code runner} (on first use of each template version); progress lines go to {@code notices}.
     */
    public BuildPreparation samplePreparation(BuildRunner runner, Path workRoot, Duration timeout, Consumer<String> notices) {
        return new TemplateSamplePreparation(templates.catalog(), templates.libraries(), readers, render, runner, workRoot, timeout, notices);
    }

    /** Verifies template versions with their samples (render, governance, offline build and tests) and records the figures. */
    public com.connectsoft.factory.generation.application.VerifyTemplate verification(
            com.connectsoft.factory.generation.application.VerifyTemplate.Policies policies, BuildPreparation preparation, BuildRunner runner,
            Path workRoot, Duration timeout, com.connectsoft.factory.template.domain.TemplateVerifications verifications, Clock clock,
            java.util.Optional<com.connectsoft.factory.build.domain.MutationTesting> mutations) {
        return new com.connectsoft.factory.generation.application.VerifyTemplate(readers, render, policies, preparation, runner, workRoot,
                timeout, verifications, FactoryVersions.load().getOrDefault("factory.version", "unknown"), clock, mutations);
    }
}
