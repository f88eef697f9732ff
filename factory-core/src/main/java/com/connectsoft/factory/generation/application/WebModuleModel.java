package com.connectsoft.factory.generation.application;

import com.connectsoft.factory.blueprint.domain.Blueprint;
import com.connectsoft.factory.blueprint.domain.Module;
import com.connectsoft.factory.template.domain.TemplatePackage;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The {@code ts-web/1} render model: a module's {@link com.connectsoft.factory.generation.domain.ModuleView} as plain
 * data for a web front end of the module's API, plus its package name and API base path. Types, inputs and checks are
 * the templates' own (TypeScript lives with its templates).
 */
public final class WebModuleModel implements RenderModel {
    public static final String MODEL = "ts-web/1";

    @Override
    public String id() {
        return MODEL;
    }

    @Override
    public Outcome build(Blueprint blueprint, Module module, TemplatePackage template) {
        return ModuleViews.view(blueprint, module, view -> {
            Map<String, Object> params = new LinkedHashMap<>();
            String service = JavaModuleModel.serviceName(blueprint, module);
            String app = (service.length() > 56 ? service.substring(0, 56).replaceAll("-+$", "") : service) + "-web";
            params.put("appName", app);
            params.put("apiBase", "/api/v1");
            params.put("serviceName", service);
            Map<String, Object> model = new LinkedHashMap<>(ModuleViews.data(view));
            model.put("apiTitle", blueprint.product().name() + ": " + view.name());
            model.put("templateId", template.id());
            model.put("templateVersion", template.version());
            return new Outcome.Ok(new RenderModel.Built(params, model));
        });
    }
}
