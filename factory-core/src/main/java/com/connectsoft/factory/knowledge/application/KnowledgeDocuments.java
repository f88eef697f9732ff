package com.connectsoft.factory.knowledge.application;

import com.connectsoft.factory.blueprint.domain.Blueprint;
import com.connectsoft.factory.blueprint.domain.DomainEvent;
import com.connectsoft.factory.blueprint.domain.Entity;
import com.connectsoft.factory.blueprint.domain.Field;
import com.connectsoft.factory.blueprint.domain.Module;
import com.connectsoft.factory.blueprint.domain.Relationship;
import com.connectsoft.factory.knowledge.domain.DocumentKind;
import com.connectsoft.factory.knowledge.domain.KnowledgeDocument;
import com.connectsoft.factory.platform.json.Json;
import com.connectsoft.factory.run.domain.FactoryRun;
import com.connectsoft.factory.run.domain.ModuleResult;
import com.connectsoft.factory.template.domain.TemplatePackage;
import com.connectsoft.factory.template.domain.TemplateFile;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** What is searchable of each kind of record: one document per blueprint, generated module, run, template and JDL sample. */
public final class KnowledgeDocuments {
    private static final Pattern CAMEL = Pattern.compile("(?<=[a-z0-9])(?=[A-Z])");

    private KnowledgeDocuments() {
    }

    public static String blueprintId(String blueprintId) {
        return "blueprint:" + blueprintId;
    }

    public static String moduleId(String projectId, String moduleId) {
        return "module:" + projectId + "/" + moduleId;
    }

    public static String runId(String runId) {
        return "run:" + runId;
    }

    public static String templateId(TemplatePackage p) {
        return "template:" + p.ref();
    }

    public static String sampleId(String fileName) {
        return "jdl-sample:" + fileName;
    }

    /** A blueprint: the product, and each module with its entities, fields, relationships and events. */
    public static KnowledgeDocument blueprint(String blueprintId, int version, String fileName, Blueprint bp) {
        return new KnowledgeDocument(blueprintId(blueprintId), DocumentKind.BLUEPRINT, bp.product().name() + " blueprint",
                describe(bp), fileName + " v" + version);
    }

    /** A JDL sample of the platform: what it reads as (when it reads) and its own text. */
    public static KnowledgeDocument jdlSample(String fileName, String text, java.util.Optional<Blueprint> read) {
        String title = read.map(b -> b.product().name() + " (JDL sample " + fileName + ")").orElse("JDL sample " + fileName);
        String body = read.map(KnowledgeDocuments::describe).map(d -> d + "\n\n").orElse("") + text;
        return new KnowledgeDocument(sampleId(fileName), DocumentKind.JDL_SAMPLE, title, body, fileName);
    }

    static String describe(Blueprint bp) {
        StringBuilder b = new StringBuilder();
        b.append(bp.product().name()).append(". ");
        bp.product().description().ifPresent(d -> b.append(d).append(' '));
        for (Module m : bp.modules()) {
            b.append("\nModule ").append(m.name()).append(": ");
            m.description().ifPresent(d -> b.append(d).append(' '));
            for (Entity e : m.entities()) {
                b.append("\nEntity ").append(e.name());
                if (!words(e.name()).equals(e.name())) {
                    b.append(" (").append(words(e.name())).append(')');
                }
                e.plural().ifPresent(p -> b.append(", plural ").append(p));
                b.append(": ");
                e.description().ifPresent(d -> b.append(d).append(' '));
                List<String> fields = new ArrayList<>();
                for (Field f : e.fields()) {
                    fields.add(words(f.name()) + " (" + f.type().name().toLowerCase(java.util.Locale.ROOT)
                            + (f.values().isEmpty() ? "" : ": " + String.join(", ", f.values())) + ")"
                            + f.description().map(d -> " " + d).orElse(""));
                }
                if (!fields.isEmpty()) {
                    b.append("fields ").append(String.join("; ", fields)).append(". ");
                }
                for (Relationship r : e.relationships()) {
                    b.append(words(r.name())).append(' ').append(r.kind().name().toLowerCase(java.util.Locale.ROOT).replace('_', '-'))
                            .append(' ').append(r.target()).append(". ");
                }
            }
            for (DomainEvent ev : m.events()) {
                b.append("\nEvent ").append(ev.name()).append(" (").append(words(ev.name())).append(").");
            }
        }
        return b.toString();
    }

    /**
     * A generated module, from its OpenAPI document: the service, its operations' summaries and its schemas with their
     * properties (the entities and fields as generated).
     */
    public static KnowledgeDocument module(FactoryRun run, String moduleId, String moduleName, String openApiJson) {
        return module(run.projectId(), run.productName(), moduleId, moduleName, run.runId() + " " + run.templateRef(), openApiJson);
    }

    /** The same for a module rendered outside a run ({@code source} says from what). */
    public static KnowledgeDocument module(String projectId, String productName, String moduleId, String moduleName, String source,
                                           String openApiJson) {
        JsonNode api = Json.read(openApiJson);
        StringBuilder b = new StringBuilder();
        b.append(productName).append(", module ").append(moduleName).append(". ");
        b.append(api.path("info").path("title").asText("")).append(". ").append(api.path("info").path("description").asText("")).append('\n');
        for (Iterator<Map.Entry<String, JsonNode>> paths = api.path("paths").fields(); paths.hasNext(); ) {
            Map.Entry<String, JsonNode> p = paths.next();
            for (Iterator<Map.Entry<String, JsonNode>> ops = p.getValue().fields(); ops.hasNext(); ) {
                Map.Entry<String, JsonNode> op = ops.next();
                String summary = op.getValue().path("summary").asText("");
                if (!summary.isEmpty()) {
                    b.append(summary).append(" (").append(op.getKey().toUpperCase(java.util.Locale.ROOT)).append(' ').append(p.getKey())
                            .append("). ");
                }
            }
        }
        for (Iterator<Map.Entry<String, JsonNode>> schemas = api.path("components").path("schemas").fields(); schemas.hasNext(); ) {
            Map.Entry<String, JsonNode> s = schemas.next();
            b.append("\nSchema ").append(s.getKey()).append(" (").append(words(s.getKey())).append(")");
            String description = s.getValue().path("description").asText("");
            if (!description.isEmpty()) {
                b.append(": ").append(description);
            }
            List<String> props = new ArrayList<>();
            s.getValue().path("properties").fieldNames().forEachRemaining(n -> props.add(words(n)));
            if (!props.isEmpty()) {
                b.append(" with ").append(String.join(", ", props));
            }
            b.append('.');
        }
        return new KnowledgeDocument(moduleId(projectId, moduleId), DocumentKind.MODULE,
                productName + " " + moduleName + " service (generated)", b.toString(), source);
    }

    /** How a run ended: product, blueprint, template, and each module's render, governance and build outcome. */
    public static KnowledgeDocument run(FactoryRun run) {
        StringBuilder b = new StringBuilder();
        b.append("Run ").append(run.runId()).append(" of ").append(run.productName()).append(' ').append(run.status().key())
                .append(". Blueprint ").append(run.blueprintId()).append(" v").append(run.blueprintVersion())
                .append(", template ").append(run.templateRef()).append(". ");
        if (run.failure() != null && !run.failure().isBlank()) {
            b.append("Failure: ").append(run.failure()).append(". ");
        }
        for (ModuleResult m : run.modules()) {
            b.append("\nModule ").append(m.name()).append(": render ").append(m.render().key());
            if (m.governance() != null) {
                b.append(", governance ").append(m.governance().key());
            }
            if (m.build() != null) {
                b.append(", build ").append(m.build().key()).append(' ').append(m.testsPassed()).append('/').append(m.testsRun())
                        .append(" tests passed");
            }
            if (m.buildReason() != null && !m.buildReason().isBlank()) {
                b.append(" (").append(m.buildReason()).append(')');
            }
            m.governanceReasons().forEach(r -> b.append("; ").append(r));
            b.append('.');
        }
        return new KnowledgeDocument(runId(run.runId()), DocumentKind.RUN, "Run of " + run.productName() + ": " + run.status().key(),
                b.toString(), run.runId());
    }

    /** A template version of the catalog: what it generates, its parameters and its files. */
    public static KnowledgeDocument template(TemplatePackage p) {
        StringBuilder b = new StringBuilder();
        b.append(p.name()).append(" (").append(p.ref()).append("), category ").append(p.category()).append(", model ").append(p.model())
                .append(". ").append(p.description()).append('\n');
        JsonNode params = Json.read(p.parametersSchema() == null || p.parametersSchema().isBlank() ? "{}" : p.parametersSchema());
        for (Iterator<Map.Entry<String, JsonNode>> it = params.path("properties").fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> prop = it.next();
            b.append("Parameter ").append(prop.getKey()).append(" (").append(words(prop.getKey())).append(')');
            String d = prop.getValue().path("description").asText("");
            b.append(d.isEmpty() ? ". " : ": " + d + " ");
        }
        b.append("\nFiles: ");
        for (TemplateFile f : p.files()) {
            b.append(f.target()).append(' ');
        }
        return new KnowledgeDocument(templateId(p), DocumentKind.TEMPLATE, p.name() + " " + p.version(), b.toString(), p.ref());
    }

    /** {@code InsurancePolicy} → {@code Insurance Policy}, {@code unitPrice} → {@code unit Price}: words BM25 can match. */
    static String words(String identifier) {
        Matcher m = CAMEL.matcher(identifier);
        return m.replaceAll(" ");
    }
}
