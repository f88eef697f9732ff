package com.connectsoft.factory.generation.application;

import com.connectsoft.factory.blueprint.domain.Blueprint;
import com.connectsoft.factory.blueprint.domain.DomainEvent;
import com.connectsoft.factory.blueprint.domain.Entity;
import com.connectsoft.factory.blueprint.domain.Field;
import com.connectsoft.factory.blueprint.domain.FieldType;
import com.connectsoft.factory.blueprint.domain.Module;
import com.connectsoft.factory.blueprint.domain.Names;
import com.connectsoft.factory.blueprint.domain.Relationship;
import com.connectsoft.factory.platform.json.Json;
import com.connectsoft.factory.template.domain.Fragment;
import com.connectsoft.factory.template.domain.TemplatePackage;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The {@code java-module/1} render model: one blueprint module as plain data for a Java service template (names,
 * Java types, validation calls, OpenAPI schemas, valid and invalid test bodies). Text from the blueprint is plain
 * data, which the renderer escapes for each file; what this model writes as code (Java expressions, JSON schemas) is
 * a {@link Fragment} built from validated values. Deterministic: the same module always gives the same model.
 */
public final class JavaModuleModel {
    public static final String MODEL = "java-module/1";
    private static final Set<String> SHADOWED = Set.of("Instant", "UUID", "List", "BigDecimal", "LocalDate", "TenantEntity",
            "String", "Override", "Object", "Integer", "Long", "Boolean");

    /** The render parameters (checked against the template's schema) and the rest of the model. */
    public record Built(Map<String, Object> parameters, Map<String, Object> model) {
    }

    /** Something in the module the model cannot express, with a hint. */
    public record Problem(String message, String hint) {
    }

    public sealed interface Outcome {
        record Ok(Built built) implements Outcome {
        }

        record Failed(List<Problem> problems) implements Outcome {
        }
    }

    private JavaModuleModel() {
    }

    public static String serviceName(Blueprint bp, Module m) {
        String s = Names.kebab(bp.product().name()) + "-" + Names.kebab(m.name());
        if (!Character.isLetter(s.charAt(0))) {
            s = "app-" + s;
        }
        s = s.length() > 60 ? s.substring(0, 60) : s;
        return s.replaceAll("-+$", "");
    }

    public static String moduleId(Module m) {
        return m.moduleId();
    }

    public static Outcome build(Blueprint bp, Module m, Map<String, String> versions, TemplatePackage template) {
        String serviceName = serviceName(bp, m);
        String pkg = m.javaPackage().orElse(bp.product().javaPackage() + "." + Names.packageSegment(m.name()));
        Map<String, Object> params = new LinkedHashMap<>();
        params.put("serviceName", serviceName);
        params.put("javaPackage", pkg);
        params.put("groupId", bp.product().javaPackage());
        params.put("artifactId", serviceName);
        params.put("moduleVersion", "1.0.0");
        params.put("topic", serviceName + ".events");

        Map<String, Object> model = new LinkedHashMap<>();
        model.put("pkg", pkg);
        model.put("pkgPath", pkg.replace('.', '/'));
        model.put("moduleName", Names.kebab(m.name()));
        model.put("moduleId", moduleId(m));
        m.description().ifPresent(d -> model.put("moduleDescription", d.trim()));
        model.put("productName", bp.product().name());
        model.put("apiTitle", bp.product().name() + ": " + Names.kebab(m.name()));
        model.put("apiDescription", m.description().or(() -> bp.product().description()).orElse("").trim());
        model.put("templateId", template.id());
        model.put("templateVersion", template.version());
        Map<String, String> pinned = new LinkedHashMap<>(versions);
        template.libraries().forEach(lib -> pinned.put(lib.versionKey(), lib.version()));
        model.put("v", Map.copyOf(pinned));
        model.put("defaultPageSize", m.options().defaultPageSize());
        model.put("maxPageSize", m.options().maxPageSize());
        model.put("crudEvents", m.options().crudEvents());

        List<Problem> problems = new ArrayList<>();
        List<Map<String, Object>> entities = new ArrayList<>();
        for (Entity e : m.entities()) {
            entities.add(entity(m, e, problems));
        }
        model.put("entities", entities);
        if (!problems.isEmpty()) {
            return new Outcome.Failed(problems);
        }
        return new Outcome.Ok(new Built(params, model));
    }

    private static Map<String, Object> entity(Module m, Entity e, List<Problem> problems) {
        String type = Names.pascal(e.name());
        Map<String, Object> x = new LinkedHashMap<>();
        x.put("Entity", type);
        x.put("entity", Names.camel(e.name()));
        x.put("epkg", Names.packageSegment(e.name()));
        String plural = e.plural().orElse(Names.plural(e.name()));
        x.put("plural", plural);
        x.put("container", plural);
        String title = String.join(" ", Names.kebab(e.name()).split("-"));
        x.put("title", Character.toUpperCase(title.charAt(0)) + title.substring(1));
        e.description().ifPresent(d -> x.put("description", d.trim()));

        List<Map<String, Object>> members = new ArrayList<>();
        List<Map<String, Object>> enums = new ArrayList<>();
        List<Map<String, Object>> patterns = new ArrayList<>();
        List<Map<String, Object>> uniques = new ArrayList<>();
        List<Map<String, Object>> invalid = new ArrayList<>();
        List<Map<String, Object>> edges = new ArrayList<>();
        ObjectNode schema = Json.object();
        ObjectNode input = Json.object();
        schema.put("type", "object");
        input.put("type", "object");
        if (e.description().isPresent()) {
            schema.put("description", e.description().get().trim());
        }
        ObjectNode props = schema.putObject("properties");
        ObjectNode inputProps = input.putObject("properties");
        ArrayNode required = schema.putArray("required").add("id").add("tenantId");
        ArrayNode inputRequired = Json.mapper().createArrayNode();
        for (String meta : List.of("id", "tenantId", "etag")) {
            props.putObject(meta).put("type", "string").put("readOnly", true);
        }
        props.putObject("createdAt").put("type", "string").put("format", "date-time").put("readOnly", true);
        props.putObject("updatedAt").put("type", "string").put("format", "date-time").put("readOnly", true);
        int distinct = 3;
        boolean anyRequired = false;
        List<Map<String, Object>> queryFields = new ArrayList<>();
        List<Map<String, Object>> oneToOnes = new ArrayList<>();
        List<Map<String, Object>> references = new ArrayList<>();
        Set<String> moduleEntities = new java.util.HashSet<>();
        m.entities().forEach(other -> moduleEntities.add(other.name()));

        for (Field f : e.fields()) {
            String name = Names.camel(f.name());
            Map<String, Object> mm = new LinkedHashMap<>();
            mm.put("name", name);
            String javaType;
            String read;
            switch (f.type()) {
                case STRING, TEXT -> {
                    javaType = "String";
                    String patternRef = "null";
                    if (f.pattern().isPresent()) {
                        patternRef = Names.constant(f.name()) + "_PATTERN";
                        patterns.add(Map.of("constant", patternRef, "literal", Fragment.java(JavaLiterals.string(f.pattern().get()))));
                    }
                    read = "Fields.string(body, \"" + name + "\", " + f.required() + ", " + intOrNull(f.minLength()) + ", "
                            + intOrNull(f.maxLength()) + ", " + patternRef + ", errors)";
                }
                case INTEGER -> {
                    javaType = "Integer";
                    read = "Fields.integer(body, \"" + name + "\", " + f.required() + ", " + longOrNull(f.min()) + ", " + longOrNull(f.max()) + ", errors)";
                }
                case LONG -> {
                    javaType = "Long";
                    read = "Fields.longValue(body, \"" + name + "\", " + f.required() + ", " + longOrNull(f.min()) + ", " + longOrNull(f.max()) + ", errors)";
                }
                case DECIMAL -> {
                    javaType = "BigDecimal";
                    read = "Fields.decimal(body, \"" + name + "\", " + f.required() + ", " + decimalOrNull(f.min()) + ", "
                            + decimalOrNull(f.max()) + ", errors)";
                }
                case BOOLEAN -> {
                    javaType = "Boolean";
                    read = "Fields.bool(body, \"" + name + "\", " + f.required() + ", errors)";
                }
                case DATE -> {
                    javaType = "LocalDate";
                    read = "Fields.date(body, \"" + name + "\", " + f.required() + ", errors)";
                }
                case INSTANT -> {
                    javaType = "Instant";
                    read = "Fields.instant(body, \"" + name + "\", " + f.required() + ", errors)";
                }
                case UUID -> {
                    javaType = "UUID";
                    read = "Fields.uuid(body, \"" + name + "\", " + f.required() + ", errors)";
                }
                case ENUM -> {
                    String enumType = Names.pascal(f.name());
                    if (enumType.equals(type) || SHADOWED.contains(enumType)) {
                        enumType = enumType + "Kind";
                    }
                    enums.add(Map.of("field", name, "EnumType", enumType, "valuesJoined",
                            Fragment.java(String.join(", ", f.values().stream().map(Names::constant).toList()))));
                    javaType = type + "." + enumType;
                    read = "Fields.enumValue(body, \"" + name + "\", " + f.required() + ", " + javaType + ".class, errors)";
                }
                case BLOB -> {
                    javaType = "byte[]";
                    read = "Fields.blob(body, \"" + name + "\", " + f.required() + ", " + intOrNull(f.minLength()) + ", "
                            + intOrNull(f.maxLength()) + ", errors)";
                }
                default -> throw new IllegalStateException("unhandled type " + f.type());
            }
            mm.put("javaType", Fragment.java(javaType));
            mm.put("readCall", Fragment.java(read));
            mm.put("reference", false);
            try {
                SampleValues.Variants variants = SampleValues.of(f);
                mm.put("variants", Fragment.java("new Object[] {" + String.join(", ", variants.expressions()) + "}"));
                if (f.unique()) {
                    distinct = Math.min(distinct, variants.distinct());
                }
            } catch (SampleValues.NoSampleException ex) {
                problems.add(new Problem("module '" + m.name() + "', entity '" + e.name() + "': " + ex.getMessage(), ex.hint()));
                mm.put("variants", Fragment.java("new Object[] {null, null, null}"));
            }
            members.add(mm);
            if (f.unique()) {
                uniques.add(Map.of("name", name));
            }
            queryKind(f.type()).ifPresent(kind -> queryFields.add(queryField(name, kind, f.values())));
            anyRequired |= f.required();
            invalid.addAll(invalidCases(f, name));
            edges.addAll(edgeCases(f, name));
            ObjectNode p = openApi(f, type);
            props.set(name, p);
            inputProps.set(name, p);
            if (f.required()) {
                required.add(name);
                inputRequired.add(name);
            }
        }
        for (Relationship r : e.relationships()) {
            if (!r.kind().storesReference()) {
                continue;
            }
            boolean many = r.kind().storesMany();
            String name = Names.camel(r.name()) + (many ? "Ids" : "Id");
            Map<String, Object> mm = new LinkedHashMap<>();
            mm.put("name", name);
            mm.put("javaType", Fragment.java(many ? "List<String>" : "String"));
            mm.put("reference", true);
            mm.put("readCall", Fragment.java((many ? "Fields.references" : "Fields.reference") + "(body, \"" + name + "\", " + r.required()
                    + ", errors)"));
            String id = Names.kebab(r.target());
            mm.put("variants", Fragment.java(many
                    ? "new Object[] {List.of(\"" + id + "-1\", \"" + id + "-2\"), List.of(\"" + id + "-3\"), List.of(\"" + id + "-1\")}"
                    : "new Object[] {\"" + id + "-1\", \"" + id + "-2\", \"" + id + "-3\"}"));
            members.add(mm);
            if (!many) {
                queryFields.add(queryField(name, "ID", List.of()));
            }
            if (r.kind() == com.connectsoft.factory.blueprint.domain.RelationshipKind.ONE_TO_ONE) {
                oneToOnes.add(Map.of("name", name));
            }
            if (moduleEntities.contains(r.target())) {
                references.add(Map.of("name", name, "many", many, "Target", Names.pascal(r.target())));
            }
            anyRequired |= r.required();
            if (r.required()) {
                invalid.add(invalidCase(name + " is required", "body.remove(\"" + name + "\")", name, "required"));
                required.add(name);
                inputRequired.add(name);
            }
            invalid.add(invalidCase(name + " has the wrong type", "body.put(\"" + name + "\", 12345)", name, "type"));
            ObjectNode p = Json.object();
            if (many) {
                p.put("type", "array").putObject("items").put("type", "string");
            } else {
                p.put("type", "string");
            }
            p.put("description", "Id of the referenced " + r.target() + (many ? " items" : "")
                    + r.description().map(d -> ". " + d.trim()).orElse(""));
            props.set(name, p);
            inputProps.set(name, p);
        }
        if (!inputRequired.isEmpty()) {
            input.set("required", inputRequired);
        }
        x.put("members", members);
        x.put("enums", enums);
        x.put("patterns", patterns);
        x.put("uniques", uniques);
        x.put("hasUniques", !uniques.isEmpty());
        x.put("invalidCases", invalid);
        x.put("hasInvalidCases", !invalid.isEmpty());
        x.put("edgeCases", edges);
        x.put("hasEdgeCases", !edges.isEmpty());
        x.put("distinct", distinct);
        x.put("invalidBodyJson", anyRequired ? "{}" : "[]");
        x.put("schemaJson", Fragment.json(Json.write(schema)));
        criteria(x, queryFields, uniques, oneToOnes, references);
        x.put("inputSchemaJson", Fragment.json(Json.write(input)));

        List<Map<String, Object>> onCreated = new ArrayList<>();
        List<Map<String, Object>> onUpdated = new ArrayList<>();
        List<Map<String, Object>> onDeleted = new ArrayList<>();
        List<Map<String, Object>> domainEvents = new ArrayList<>();
        for (DomainEvent ev : m.events()) {
            if (!ev.entity().equals(e.name())) {
                continue;
            }
            Map<String, Object> em = Map.of("name", ev.name(), "trigger", ev.on().name().toLowerCase(Locale.ROOT),
                    "whenChanged", memberNames(e, ev.whenChanged()), "hasWhenChanged", !ev.whenChanged().isEmpty(),
                    "includesPersonalData", ev.includesPersonalData());
            domainEvents.add(em);
            switch (ev.on()) {
                case CREATED -> onCreated.add(em);
                case UPDATED -> onUpdated.add(em);
                case DELETED -> onDeleted.add(em);
                default -> throw new IllegalStateException();
            }
        }
        List<String> createdTypes = new ArrayList<>();
        if (m.options().crudEvents()) {
            createdTypes.add(type + "Created");
        }
        onCreated.forEach(ev -> createdTypes.add((String) ev.get("name")));
        x.put("onCreated", onCreated);
        x.put("onUpdated", onUpdated);
        x.put("onDeleted", onDeleted);
        x.put("domainEvents", domainEvents);
        x.put("createdEventTypes", createdTypes);
        return x;
    }

    /** The generated member names (fields camelCase, references {@code xId}/{@code xIds}) of blueprint field/relationship names. */
    private static List<String> memberNames(Entity e, List<String> names) {
        List<String> out = new ArrayList<>();
        for (String n : names) {
            e.fields().stream().filter(f -> f.name().equals(n)).findFirst().ifPresent(f -> out.add(Names.camel(f.name())));
            e.relationships().stream().filter(r -> r.name().equals(n) && r.kind().storesReference()).findFirst()
                    .ifPresent(r -> out.add(Names.camel(r.name()) + (r.kind().storesMany() ? "Ids" : "Id")));
        }
        return out;
    }

    /**
     * The criteria keys (template 1.4.0): {@code queryFields} (the indexed fields: filterable with JHipster-style
     * criteria and sortable), {@code sortFields}, {@code uniqueKeys} (unique fields and one-to-one references, each
     * a Cosmos unique key), {@code oneToOnes}, {@code references} (references to entities of the same module, checked
     * to exist) and {@code criteriaParameters} (their OpenAPI query parameters).
     */
    private static void criteria(Map<String, Object> x, List<Map<String, Object>> queryFields, List<Map<String, Object>> uniques,
                                 List<Map<String, Object>> oneToOnes, List<Map<String, Object>> references) {
        x.put("queryFields", queryFields);
        x.put("hasQueryFields", !queryFields.isEmpty());
        List<Map<String, Object>> sortFields = new ArrayList<>();
        for (String meta : List.of("id", "createdAt", "updatedAt")) {
            sortFields.add(Map.of("name", meta));
        }
        queryFields.forEach(q -> sortFields.add(Map.of("name", q.get("name"))));
        x.put("sortFields", sortFields);
        List<Map<String, Object>> uniqueKeys = new ArrayList<>(uniques);
        uniqueKeys.addAll(oneToOnes);
        x.put("uniqueKeys", uniqueKeys);
        x.put("hasUniqueKeys", !uniqueKeys.isEmpty());
        x.put("oneToOnes", oneToOnes);
        x.put("hasOneToOnes", !oneToOnes.isEmpty());
        x.put("references", references);
        x.put("hasReferences", !references.isEmpty());
        List<Map<String, Object>> parameters = new ArrayList<>();
        ObjectNode sort = Json.object().put("name", "sort").put("in", "query").put("explode", true)
                .put("description", "field,asc or field,desc; a second sort key (id, createdAt or updatedAt) breaks ties. Fields: "
                        + String.join(", ", sortFields.stream().map(s -> (String) s.get("name")).toList()));
        sort.putObject("schema").put("type", "array").put("maxItems", 2).putObject("items").put("type", "string");
        parameters.add(Map.of("json", Fragment.json(Json.write(sort))));
        for (Map<String, Object> q : queryFields) {
            @SuppressWarnings("unchecked")
            List<String> ops = (List<String>) q.get("ops");
            for (String op : ops) {
                ObjectNode p = Json.object().put("name", q.get("name") + "." + op).put("in", "query");
                ObjectNode schema = p.putObject("schema");
                switch (op) {
                    case "specified" -> schema.put("type", "boolean");
                    case "in" -> {
                        schema.put("type", "string");
                        p.put("description", "comma-separated values, at most 20");
                    }
                    default -> schema.put("type", "string");
                }
                parameters.add(Map.of("json", Fragment.json(Json.write(p))));
            }
        }
        x.put("criteriaParameters", parameters);
    }

    private static Optional<String> queryKind(FieldType t) {
        return switch (t) {
            case STRING -> Optional.of("STRING");
            case INTEGER, LONG -> Optional.of("INTEGER");
            case DECIMAL -> Optional.of("DECIMAL");
            case BOOLEAN -> Optional.of("BOOLEAN");
            case DATE -> Optional.of("DATE");
            case INSTANT -> Optional.of("INSTANT");
            case UUID -> Optional.of("UUID");
            case ENUM -> Optional.of("ENUM");
            case TEXT, BLOB -> Optional.empty();
        };
    }

    private static Map<String, Object> queryField(String name, String kind, List<String> values) {
        List<String> ops = new ArrayList<>(List.of("equals", "in", "specified"));
        if (kind.equals("STRING")) {
            ops.add("contains");
        }
        if (List.of("INTEGER", "DECIMAL", "DATE", "INSTANT").contains(kind)) {
            ops.addAll(List.of("greaterThan", "lessThan", "greaterThanOrEqual", "lessThanOrEqual"));
        }
        Map<String, Object> q = new LinkedHashMap<>();
        q.put("name", name);
        q.put("kind", kind);
        q.put("ops", List.copyOf(ops));
        q.put("opsJoined", String.join(", ", ops));
        q.put("valuesJoined", Fragment.java(String.join(", ", values.stream().map(v -> "\"" + Names.constant(v) + "\"").toList())));
        q.put("ordered", ops.contains("greaterThan"));
        q.put("isString", kind.equals("STRING"));
        return q;
    }

    private static List<Map<String, Object>> invalidCases(Field f, String name) {
        List<Map<String, Object>> out = new ArrayList<>();
        if (f.required()) {
            out.add(invalidCase(name + " is required", "body.remove(\"" + name + "\")", name, "required"));
        }
        String wrong = switch (f.type()) {
            case INTEGER, LONG, DECIMAL -> "\"abc\"";
            case BOOLEAN -> "\"maybe\"";
            default -> "12345";
        };
        out.add(invalidCase(name + " has the wrong type", "body.put(\"" + name + "\", " + wrong + ")", name, "type"));
        if (f.type().isTextual()) {
            f.minLength().filter(n -> n > 0).ifPresent(n -> out.add(invalidCase(name + " is shorter than " + n,
                    "body.put(\"" + name + "\", \"x\".repeat(" + (n - 1) + "))", name, "minLength")));
            f.maxLength().ifPresent(n -> out.add(invalidCase(name + " is longer than " + n,
                    "body.put(\"" + name + "\", \"x\".repeat(" + (n + 1) + "))", name, "maxLength")));
            if (f.pattern().isPresent()) {
                SampleValues.notMatching(f).ifPresent(bad -> out.add(invalidCase(name + " does not match its pattern",
                        "body.put(\"" + name + "\", " + JavaLiterals.string(bad) + ")", name, "pattern")));
            }
        }
        if (f.type() == FieldType.BLOB) {
            f.minLength().filter(n -> n > 0).ifPresent(n -> out.add(invalidCase(name + " has fewer than " + n + " bytes",
                    "body.put(\"" + name + "\", Base64.getEncoder().encodeToString(new byte[" + (n - 1) + "]))", name, "minLength")));
            f.maxLength().ifPresent(n -> out.add(invalidCase(name + " has more than " + n + " bytes",
                    "body.put(\"" + name + "\", Base64.getEncoder().encodeToString(new byte[" + (n + 1) + "]))", name, "maxLength")));
        }
        if (f.type().isNumeric()) {
            f.min().flatMap(min -> outside(f.type(), min.subtract(step(f.type())))).ifPresent(v -> out.add(invalidCase(
                    name + " is below its minimum", "body.put(\"" + name + "\", " + v + ")", name, "min")));
            f.max().flatMap(max -> outside(f.type(), max.add(step(f.type())))).ifPresent(v -> out.add(invalidCase(
                    name + " is above its maximum", "body.put(\"" + name + "\", " + v + ")", name, "max")));
        }
        switch (f.type()) {
            case ENUM -> out.add(invalidCase(name + " is not one of its values", "body.put(\"" + name + "\", \"NOT_A_VALUE_X\")", name, "enum"));
            case DATE, INSTANT, UUID -> out.add(invalidCase(name + " is malformed", "body.put(\"" + name + "\", \"not-a-" + f.type().keyword() + "\")",
                    name, "format"));
            default -> {
            }
        }
        return out;
    }

    /**
     * Values exactly at a field's bounds, which the service must accept (an off-by-one check refuses them): lengths of
     * text without a pattern (a pattern may refuse the filler) and of blobs, and numeric minimums and maximums.
     */
    private static List<Map<String, Object>> edgeCases(Field f, String name) {
        List<Map<String, Object>> out = new ArrayList<>();
        if (f.type().isTextual() && f.pattern().isEmpty()) {
            f.minLength().filter(n -> n > 0).ifPresent(n -> out.add(edgeCase(name + " has exactly " + n + " characters (its minimum)",
                    "body.put(\"" + name + "\", \"x\".repeat(" + n + "))")));
            f.maxLength().ifPresent(n -> out.add(edgeCase(name + " has exactly " + n + " characters (its maximum)",
                    "body.put(\"" + name + "\", \"x\".repeat(" + n + "))")));
        }
        if (f.type() == FieldType.BLOB) {
            f.minLength().filter(n -> n > 0).ifPresent(n -> out.add(edgeCase(name + " has exactly " + n + " bytes (its minimum)",
                    "body.put(\"" + name + "\", Base64.getEncoder().encodeToString(new byte[" + n + "]))")));
            f.maxLength().ifPresent(n -> out.add(edgeCase(name + " has exactly " + n + " bytes (its maximum)",
                    "body.put(\"" + name + "\", Base64.getEncoder().encodeToString(new byte[" + n + "]))")));
        }
        if (f.type().isNumeric()) {
            f.min().flatMap(min -> outside(f.type(), min)).ifPresent(v -> out.add(edgeCase(name + " is exactly its minimum",
                    "body.put(\"" + name + "\", " + v + ")")));
            f.max().flatMap(max -> outside(f.type(), max)).ifPresent(v -> out.add(edgeCase(name + " is exactly its maximum",
                    "body.put(\"" + name + "\", " + v + ")")));
        }
        return out;
    }

    private static Map<String, Object> edgeCase(String label, String mutation) {
        return Map.of("label", label, "mutation", Fragment.java(mutation));
    }

    private static BigDecimal step(FieldType t) {
        return t == FieldType.DECIMAL ? new BigDecimal("0.01") : BigDecimal.ONE;
    }

    /** A Java literal for a number just outside a bound, if it still fits the field's Java type. */
    private static Optional<String> outside(FieldType t, BigDecimal v) {
        return switch (t) {
            case INTEGER -> v.compareTo(BigDecimal.valueOf(Integer.MIN_VALUE)) >= 0 && v.compareTo(BigDecimal.valueOf(Integer.MAX_VALUE)) <= 0
                    ? Optional.of(v.toBigInteger().toString()) : Optional.empty();
            case LONG -> v.compareTo(BigDecimal.valueOf(Long.MIN_VALUE)) >= 0 && v.compareTo(BigDecimal.valueOf(Long.MAX_VALUE)) <= 0
                    ? Optional.of(v.toBigInteger() + "L") : Optional.empty();
            default -> Optional.of("new BigDecimal(\"" + v.toPlainString() + "\")");
        };
    }

    private static Map<String, Object> invalidCase(String label, String mutation, String field, String code) {
        return Map.of("label", label, "mutation", Fragment.java(mutation), "field", field, "code", code);
    }

    private static ObjectNode openApi(Field f, String entityType) {
        ObjectNode p = Json.object();
        switch (f.type()) {
            case STRING, TEXT -> p.put("type", "string");
            case INTEGER -> p.put("type", "integer").put("format", "int32");
            case LONG -> p.put("type", "integer").put("format", "int64");
            case DECIMAL -> p.put("type", "number");
            case BOOLEAN -> p.put("type", "boolean");
            case DATE -> p.put("type", "string").put("format", "date");
            case INSTANT -> p.put("type", "string").put("format", "date-time");
            case UUID -> p.put("type", "string").put("format", "uuid");
            case ENUM -> {
                p.put("type", "string");
                ArrayNode values = p.putArray("enum");
                f.values().forEach(v -> values.add(Names.constant(v)));
            }
            case BLOB -> p.put("type", "string").put("format", "byte");
            default -> throw new IllegalStateException();
        }
        f.description().ifPresent(d -> p.put("description", d.trim()));
        f.minLength().ifPresent(n -> p.put("minLength", n));
        f.maxLength().ifPresent(n -> p.put("maxLength", n));
        f.pattern().ifPresent(s -> p.put("pattern", s));
        f.min().ifPresent(n -> p.put("minimum", n));
        f.max().ifPresent(n -> p.put("maximum", n));
        return p;
    }

    private static String intOrNull(Optional<Integer> v) {
        return v.map(String::valueOf).orElse("null");
    }

    private static String longOrNull(Optional<BigDecimal> v) {
        return v.map(n -> n.toBigInteger() + "L").orElse("null");
    }

    private static String decimalOrNull(Optional<BigDecimal> v) {
        return v.map(n -> "new BigDecimal(\"" + n.toPlainString() + "\")").orElse("null");
    }
}
