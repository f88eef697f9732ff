package com.connectsoft.factory.generation.application;

import com.connectsoft.factory.template.domain.TemplateEngine;
import com.connectsoft.factory.template.domain.TemplateCatalog;
import com.connectsoft.factory.platform.json.Json;
import com.connectsoft.factory.template.domain.OutputLanguage;
import com.connectsoft.factory.template.domain.OutputPath;
import com.connectsoft.factory.template.domain.RenderOutcome;
import com.connectsoft.factory.template.domain.RenderedFile;
import com.connectsoft.factory.template.domain.TemplateFile;
import com.connectsoft.factory.template.domain.TemplatePackage;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Renders a template package in memory: parameters are checked against the package's JSON Schema, every value is
 * escaped for the language of the file it lands in, every target path is checked against {@link OutputPath}, and
 * output is normalised (LF line ends) so the same inputs give the same bytes.
 * Nothing is written here; see the output sandbox.
 */
public final class TemplateRenderer {
    private final TemplateEngine engine;
    private final TemplateCatalog catalog;

    public TemplateRenderer(TemplateEngine engine, TemplateCatalog catalog) {
        this.engine = Objects.requireNonNull(engine, "engine");
        this.catalog = Objects.requireNonNull(catalog, "catalog");
    }

    public RenderOutcome render(TemplatePackage pkg, Map<String, Object> parameters, Map<String, Object> model) {
        if (catalog.find(pkg.id(), pkg.version()).isEmpty()) {
            return new RenderOutcome.Refused(List.of(pkg.ref() + " is not in the template catalog"));
        }
        List<String> problems = new ArrayList<>(checkParameters(pkg, parameters));
        if (!problems.isEmpty()) {
            return new RenderOutcome.Refused(problems);
        }
        Map<String, Object> context = new HashMap<>(model);
        context.putAll(parameters);
        List<RenderedFile> files = new ArrayList<>();
        Set<String> targets = new HashSet<>();
        for (TemplateFile file : pkg.files()) {
            List<Map<String, Object>> scopes = scopes(file, context, problems);
            String source = catalog.read(pkg, file);
            for (Map<String, Object> scope : scopes) {
                try {
                    String target = engine.render(file.source() + " (target)", file.target(), scope, OutputLanguage.TEXT);
                    var refusal = OutputPath.refusal(target);
                    if (refusal.isPresent()) {
                        problems.add(file.source() + ": refused to write " + refusal.get());
                        continue;
                    }
                    if (!targets.add(target)) {
                        problems.add(file.source() + ": two files render to " + target);
                        continue;
                    }
                    String text = engine.render(file.source(), source, scope, file.language()).replace("\r\n", "\n");
                    files.add(new RenderedFile(target, text.getBytes(StandardCharsets.UTF_8)));
                } catch (TemplateEngine.TemplateError e) {
                    problems.add(e.getMessage());
                }
            }
        }
        if (!problems.isEmpty()) {
            return new RenderOutcome.Refused(problems);
        }
        files.sort(Comparator.comparing(RenderedFile::path));
        return new RenderOutcome.Rendered(files);
    }

    /** What is wrong with the parameters for this package's JSON Schema; empty when they fit. */
    /** Each package's parameter schema, compiled once (a package's content hash names its content). */
    private static final java.util.concurrent.ConcurrentMap<String, com.networknt.schema.JsonSchema> SCHEMAS =
            new java.util.concurrent.ConcurrentHashMap<>();

    public static List<String> checkParameters(TemplatePackage pkg, Map<String, Object> parameters) {
        Set<ValidationMessage> invalid = SCHEMAS.computeIfAbsent(pkg.contentHash(), h -> JsonSchemaFactory.getInstance(
                SpecVersion.VersionFlag.V202012).getSchema(Json.read(pkg.parametersSchema()))).validate(Json.toTree(parameters));
        return invalid.stream().map(m -> "template parameter " + m.getMessage()).sorted().toList();
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> scopes(TemplateFile file, Map<String, Object> context, List<String> problems) {
        if (file.foreach().isEmpty()) {
            return List.of(context);
        }
        Object items = context.get(file.foreach().get());
        if (!(items instanceof List<?> list)) {
            problems.add(file.source() + ": foreach '" + file.foreach().get() + "' is not a list in the model");
            return List.of();
        }
        List<Map<String, Object>> out = new ArrayList<>();
        for (Object item : list) {
            Map<String, Object> scope = new HashMap<>(context);
            scope.putAll((Map<String, Object>) item);
            out.add(scope);
        }
        return out;
    }
}
