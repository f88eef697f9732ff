package com.connectsoft.factory.generation.domain;

import com.connectsoft.factory.blueprint.domain.Blueprint;
import com.connectsoft.factory.blueprint.domain.Module;
import com.connectsoft.factory.blueprint.domain.Names;
import java.util.Optional;

/**
 * The web front ends a blueprint asks for ({@code options: { frontend: true }} on a module): each is a unit of its
 * own in a run, beside its module ({@code <module>-web}), rendered with the latest {@link #TEMPLATE_ID} and built,
 * governed and committed like a module.
 */
public final class FrontEnds {
    public static final String TEMPLATE_ID = "ConnectSoft.Template.WebFrontend";
    private static final String SUFFIX = "-web";

    private FrontEnds() {
    }

    public static String moduleId(Module m) {
        return m.moduleId() + SUFFIX;
    }

    /** The front end's folder and name in the run: the module's kebab-case name and {@code -web}. */
    public static String name(Module m) {
        return Names.kebab(m.name()) + SUFFIX;
    }

    /** The module whose front end {@code moduleId} is, if it is one the blueprint asks for. */
    public static Optional<Module> owner(Blueprint bp, String moduleId) {
        return bp.modules().stream().filter(m -> m.options().frontend() && moduleId(m).equals(moduleId)).findFirst();
    }
}
