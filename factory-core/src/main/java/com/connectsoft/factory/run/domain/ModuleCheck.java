package com.connectsoft.factory.run.domain;

import com.connectsoft.factory.blueprint.domain.Blueprint;
import com.connectsoft.factory.blueprint.domain.Module;
import com.connectsoft.factory.blueprint.domain.Problem;
import com.connectsoft.factory.template.domain.TemplatePackage;
import java.util.List;

/**
 * Whether a blueprint's module can be generated with a template, asked before a run opens so that a module the
 * template cannot express refuses the run instead of failing it later. The generation capability answers it.
 */
@FunctionalInterface
public interface ModuleCheck {
    /** What stops the module, each located in {@code file} with a hint; empty when it can be generated. */
    List<Problem> problems(String file, Blueprint blueprint, Module module, TemplatePackage template);
}
