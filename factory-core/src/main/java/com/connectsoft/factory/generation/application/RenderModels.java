package com.connectsoft.factory.generation.application;

import com.connectsoft.factory.blueprint.domain.Blueprint;
import com.connectsoft.factory.blueprint.domain.Module;
import com.connectsoft.factory.template.domain.TemplatePackage;
import com.google.re2j.Pattern;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The render models this factory provides, by the id templates name in {@code model:}. One registration per model;
 * every template of a registered model renders with no further code.
 */
public final class RenderModels {
    private static final Pattern ID = Pattern.compile("[a-z][a-z0-9-]*/[1-9][0-9]*");
    private final Map<String, RenderModel> models;

    private RenderModels(Map<String, RenderModel> models) {
        this.models = Map.copyOf(models);
    }

    /** The factory's models: {@code java-module/1} (Java services) and {@code ts-web/1} (TypeScript web front ends). */
    public static RenderModels standard(Map<String, String> versions) {
        return builder().register(new JavaModule(Map.copyOf(versions))).register(new WebModuleModel()).build();
    }

    public static Builder builder() {
        return new Builder();
    }

    public Optional<RenderModel> find(String id) {
        return Optional.ofNullable(models.get(id));
    }

    /** The registered ids, sorted (for messages). */
    public List<String> ids() {
        return models.keySet().stream().sorted().toList();
    }

    public static final class Builder {
        private final Map<String, RenderModel> models = new LinkedHashMap<>();

        /** @throws IllegalArgumentException when the id is malformed or already registered */
        public Builder register(RenderModel model) {
            if (!ID.matcher(model.id()).matches()) {
                throw new IllegalArgumentException("render model id '" + model.id() + "' must look like name/1");
            }
            if (models.putIfAbsent(model.id(), model) != null) {
                throw new IllegalArgumentException("render model " + model.id() + " is registered twice");
            }
            return this;
        }

        public RenderModels build() {
            return new RenderModels(models);
        }
    }

    /** {@code java-module/1}: {@link JavaModuleModel} as it is. */
    private record JavaModule(Map<String, String> versions) implements RenderModel {
        @Override
        public String id() {
            return JavaModuleModel.MODEL;
        }

        @Override
        public Outcome build(Blueprint blueprint, Module module, TemplatePackage template) {
            JavaModuleModel.Outcome outcome = JavaModuleModel.build(blueprint, module, versions, template);
            if (outcome instanceof JavaModuleModel.Outcome.Ok ok) {
                return new Outcome.Ok(new Built(ok.built().parameters(), ok.built().model()));
            }
            return new Outcome.Failed(((JavaModuleModel.Outcome.Failed) outcome).problems().stream()
                    .map(p -> new Problem(p.message(), p.hint())).toList());
        }
    }
}
