package com.connectsoft.factory.generation.application;

import com.connectsoft.factory.blueprint.domain.Blueprint;
import com.connectsoft.factory.blueprint.domain.Module;
import com.connectsoft.factory.template.domain.TemplatePackage;
import java.util.List;
import java.util.Map;

/**
 * A render model: how a blueprint module becomes the data of every template that names it in {@code model:}. A model
 * builder is deterministic and pure (same module, same data) and gives templates data only; what a language's code
 * looks like is the templates' business. Registered once in {@link RenderModels}; a new template of an existing model
 * needs no code.
 */
public interface RenderModel {
    /** The name templates give in {@code model:}, with its major version ({@code java-module/1}). */
    String id();

    /** The render parameters (checked against the template's schema) and the rest of the data, or what cannot be expressed. */
    Outcome build(Blueprint blueprint, Module module, TemplatePackage template);

    /** Parameters checked against the template's JSON Schema, and the rest of the template data. */
    record Built(Map<String, Object> parameters, Map<String, Object> model) {
    }

    /** Something in the module the model cannot express, with a hint. */
    record Problem(String message, String hint) {
    }

    sealed interface Outcome {
        record Ok(Built built) implements Outcome {
        }

        record Failed(List<Problem> problems) implements Outcome {
            public Failed {
                problems = List.copyOf(problems);
            }
        }
    }
}
