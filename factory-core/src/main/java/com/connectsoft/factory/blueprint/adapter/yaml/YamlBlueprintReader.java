package com.connectsoft.factory.blueprint.adapter.yaml;

import com.connectsoft.factory.blueprint.domain.BlueprintReader;
import com.connectsoft.factory.blueprint.domain.Inputs;
import com.connectsoft.factory.blueprint.domain.Blueprint;
import com.connectsoft.factory.blueprint.domain.BlueprintLimits;
import com.connectsoft.factory.blueprint.domain.BlueprintRules;
import com.connectsoft.factory.blueprint.domain.DomainEvent;
import com.connectsoft.factory.blueprint.domain.Entity;
import com.connectsoft.factory.blueprint.domain.Field;
import com.connectsoft.factory.blueprint.domain.FieldType;
import com.connectsoft.factory.blueprint.domain.Module;
import com.connectsoft.factory.blueprint.domain.ModuleOptions;
import com.connectsoft.factory.blueprint.domain.Names;
import com.connectsoft.factory.blueprint.domain.ParseOutcome;
import com.connectsoft.factory.blueprint.domain.Problem;
import com.connectsoft.factory.blueprint.domain.Product;
import com.connectsoft.factory.blueprint.domain.Relationship;
import com.connectsoft.factory.blueprint.domain.RelationshipKind;
import com.connectsoft.factory.blueprint.domain.SourceMap;
import com.connectsoft.factory.blueprint.domain.Suggest;
import com.connectsoft.factory.platform.json.Json;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.JsonNodePath;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SchemaValidatorsConfig;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.stream.StreamSupport;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.reader.ReaderException;

/**
 * Reads {@code *.blueprint.yaml}: {@link YamlTree} builds the JSON tree from the YAML event stream (no anchors,
 * aliases or merge keys; bounded lines, depth, node count and value sizes), then the published JSON Schema (its
 * patterns evaluated by RE2), then {@link BlueprintRules}.
 */
public final class YamlBlueprintReader implements BlueprintReader {
    private static final JsonSchema SCHEMA = loadSchema();

    private static JsonSchema loadSchema() {
        try (InputStream in = YamlBlueprintReader.class.getResourceAsStream("/schemas/blueprint.schema.json")) {
            if (in == null) {
                throw new IllegalStateException("schemas/blueprint.schema.json is missing from the classpath");
            }
            return JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012).getSchema(Json.mapper().readTree(in),
                    SchemaValidatorsConfig.builder().regularExpressionFactory(new Re2SchemaRegex()).build());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public boolean accepts(String fileName) {
        String n = fileName.toLowerCase(Locale.ROOT);
        return n.endsWith(".yaml") || n.endsWith(".yml");
    }

    @Override
    public String format() {
        return "yaml";
    }

    @Override
    public ParseOutcome read(String fileName, byte[] content) {
        Inputs.Text decoded = Inputs.decode(fileName, content);
        if (decoded instanceof Inputs.Text.Bad bad) {
            return reject(bad.problem());
        }
        String text = ((Inputs.Text.Ok) decoded).text();
        SourceMap source = new SourceMap(fileName);
        YamlTree.Result read;
        try {
            LoaderOptions options = new LoaderOptions();
            options.setMaxAliasesForCollections(0);
            options.setNestingDepthLimit(YamlTree.MAX_DEPTH + 1);
            options.setAllowDuplicateKeys(true); // reported with both positions
            options.setCodePointLimit(MAX_BYTES);
            read = YamlTree.read(fileName, text, options, source);
        } catch (MarkedYAMLException e) {
            Mark m = e.getProblemMark() != null ? e.getProblemMark() : e.getContextMark();
            String what = Optional.ofNullable(e.getProblem()).orElse("invalid YAML");
            String ctx = Optional.ofNullable(e.getContext()).map(c -> " (" + c + ")").orElse("");
            return reject(Problem.of(fileName, m == null ? 1 : m.getLine() + 1, m == null ? 1 : m.getColumn() + 1,
                    "YAML syntax error: " + what + ctx, "check indentation and quoting at this point"));
        } catch (ReaderException e) {
            int[] at = lineAndColumn(text, e.getPosition());
            return reject(Problem.of(fileName, at[0], at[1], String.format(Locale.ROOT, "character U+%04X is not allowed in YAML", e.getCodePoint()),
                    "remove it; write control characters in a double-quoted string as escapes (\\t, \\n), if the value may hold them at all"));
        } catch (YAMLException e) {
            return reject(Problem.of(fileName, 1, 1, "YAML error: " + e.getMessage(), "check the file is a YAML blueprint"));
        }
        if (read instanceof YamlTree.Result.Refused refused) {
            return reject(refused.problem());
        }
        YamlTree.Result.Tree tree = (YamlTree.Result.Tree) read;
        if (!tree.problems().isEmpty()) {
            return new ParseOutcome.Rejected(tree.problems());
        }
        JsonNode json = tree.root();
        if (json == null) {
            return reject(Problem.of(fileName, 1, 1, "the blueprint is empty",
                    "start from examples/clinic-booking.blueprint.yaml: a product and at least one module with one entity"));
        }
        List<Problem> problems = new ArrayList<>();
        if (!json.isObject()) {
            return reject(source.problem("", "the blueprint must be a mapping with 'product' and 'modules'",
                    "start from examples/clinic-booking.blueprint.yaml"));
        }
        problems.addAll(schemaProblems(json, source));
        if (!problems.isEmpty()) {
            problems.sort(Comparator.comparingInt(Problem::line).thenComparingInt(Problem::column));
            return new ParseOutcome.Rejected(problems);
        }
        Blueprint blueprint = toBlueprint((ObjectNode) json);
        problems.addAll(BlueprintRules.check(blueprint, source));
        if (!problems.isEmpty()) {
            problems.sort(Comparator.comparingInt(Problem::line).thenComparingInt(Problem::column));
            return new ParseOutcome.Rejected(problems);
        }
        return new ParseOutcome.Accepted(blueprint, List.of());
    }

    /** 1-based line and column of a character index (SnakeYAML counts code points; close enough for a located error). */
    private static int[] lineAndColumn(String text, int index) {
        int line = 1;
        int column = 1;
        for (int i = 0; i < Math.min(index, text.length()); i++) {
            if (text.charAt(i) == '\n') {
                line++;
                column = 1;
            } else {
                column++;
            }
        }
        return new int[] {line, column};
    }

    private static ParseOutcome reject(Problem p) {
        return new ParseOutcome.Rejected(List.of(p));
    }

    private static List<Problem> schemaProblems(JsonNode json, SourceMap source) {
        List<Problem> out = new ArrayList<>();
        Set<String> reported = new HashSet<>();
        for (ValidationMessage m : SCHEMA.validate(json)) {
            String pointer = pointer(m.getInstanceLocation());
            String type = m.getType();
            Problem p;
            switch (type) {
                case "required" -> p = source.problem(pointer, "missing required property '" + m.getProperty() + "'" + where(pointer),
                        "add '" + m.getProperty() + ":'");
                case "additionalProperties" -> {
                    p = source.problem(pointer + "/" + m.getProperty(), "unknown property '" + m.getProperty() + "'" + where(pointer),
                            allowedHint(json, pointer, m.getProperty()));
                }
                case "enum" -> {
                    String given = m.getInstanceNode() == null ? "?" : m.getInstanceNode().asText();
                    List<String> allowed = enumValues(m);
                    String did = Suggest.closest(given, allowed).map(s -> "did you mean '" + s + "'? ").orElse("");
                    String what = pointer.endsWith("/type") ? "unknown field type '" + given + "'"
                            : pointer.endsWith("/kind") ? "unknown relationship kind '" + given + "'"
                            : "'" + given + "' is not allowed here";
                    p = source.problem(pointer, what, did + "use one of: " + String.join(", ", allowed));
                }
                case "type" -> p = source.problem(pointer, "wrong type" + where(pointer) + ": " + stripPath(m.getMessage()),
                        "strings that look like numbers or yes/no must be quoted");
                case "pattern" -> p = source.problem(pointer, "'" + m.getInstanceNode().asText() + "' is not a valid name" + where(pointer),
                        namingHint(pointer));
                case "minItems" -> p = source.problem(pointer, "this list is empty" + where(pointer), "add at least one item");
                case "maximum", "minimum" -> p = source.problem(pointer, "out of range" + where(pointer) + ": " + stripPath(m.getMessage()),
                        pointer.endsWith("/minLength") ? "generated tests need a valid value this long, and sample values are at most "
                                + BlueprintLimits.EXAMPLE + " characters"
                                : pointer.endsWith("/maxLength") ? "a stored item holds at most about 1 MB" : "use a value in the range");
                case "maxItems" -> p = source.problem(pointer, "this list is too long" + where(pointer) + ": " + stripPath(m.getMessage()),
                        "split the product, module or entity");
                case "maxLength" -> p = source.problem(pointer, "too long" + where(pointer) + ": " + stripPath(m.getMessage()),
                        "names are at most " + BlueprintLimits.NAME + " characters (modules " + BlueprintLimits.MODULE_NAME + ", products "
                                + BlueprintLimits.PRODUCT_NAME + "), descriptions " + BlueprintLimits.DESCRIPTION + ", examples "
                                + BlueprintLimits.EXAMPLE + ", patterns " + BlueprintLimits.PATTERN);
                default -> p = source.problem(pointer, stripPath(m.getMessage()), null);
            }
            if (reported.add(p.line() + ":" + p.column() + ":" + p.message())) {
                out.add(p);
            }
        }
        return out;
    }

    private static List<String> enumValues(ValidationMessage m) {
        JsonNode schemaNode = m.getSchemaNode();
        if (schemaNode != null && schemaNode.isArray()) {
            return StreamSupport.stream(schemaNode.spliterator(), false).map(JsonNode::asText).toList();
        }
        return List.of(String.valueOf(m.getArguments().length > 0 ? m.getArguments()[0] : ""));
    }

    private static String where(String pointer) {
        return pointer.isEmpty() ? " at the top level" : " in " + pointer;
    }

    private static String stripPath(String message) {
        int i = message.indexOf(": ");
        return i >= 0 && (message.startsWith("$") || message.startsWith("/")) ? message.substring(i + 2) : message;
    }

    private static String allowedHint(JsonNode root, String pointer, String property) {
        String level = pointer.replaceAll("/\\d+", "/*");
        List<String> allowed = switch (level) {
            case "" -> List.of("blueprint", "product", "modules");
            case "/product" -> List.of("name", "description", "package");
            case "/modules/*" -> List.of("name", "description", "package", "entities", "events", "options");
            case "/modules/*/options" -> List.of("defaultPageSize", "maxPageSize", "crudEvents", "frontend", "template");
            case "/modules/*/entities/*" -> List.of("name", "plural", "description", "fields", "relationships");
            case "/modules/*/entities/*/fields/*" -> List.of("name", "type", "description", "required", "unique", "min", "max",
                    "minLength", "maxLength", "pattern", "values", "example");
            case "/modules/*/entities/*/relationships/*" -> List.of("name", "kind", "target", "required", "description");
            case "/modules/*/events/*" -> List.of("name", "entity", "on", "description", "whenChanged", "includesPersonalData");
            default -> List.of();
        };
        if (allowed.isEmpty()) {
            return null;
        }
        return Suggest.closest(property, allowed).map(s -> "did you mean '" + s + "'? ").orElse("")
                + "allowed here: " + String.join(", ", allowed);
    }

    private static String namingHint(String pointer) {
        if (pointer.endsWith("/package")) {
            return "use lowercase segments separated by dots, e.g. com.contoso.clinic";
        }
        if (pointer.contains("/events/") && pointer.endsWith("/name")) {
            return "event names are PascalCase, noun then past-tense verb, e.g. AppointmentBooked";
        }
        if (pointer.endsWith("/plural")) {
            return "use lowercase letters, digits and '-', e.g. people";
        }
        if (pointer.contains("/values/")) {
            return "enum values start with a letter and use letters, digits and '_', e.g. IN_PROGRESS";
        }
        return "names start with a letter and use letters, digits and '_' (modules may also use '-')";
    }

    private static String pointer(JsonNodePath path) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < path.getNameCount(); i++) {
            sb.append('/').append(path.getElement(i));
        }
        return sb.toString();
    }

    private static Blueprint toBlueprint(ObjectNode root) {
        JsonNode p = root.get("product");
        String productName = p.get("name").asText();
        String pkg = text(p, "package").orElse("com." + Names.packageSegment(productName));
        Product product = new Product(productName, text(p, "description"), pkg);
        List<Module> modules = new ArrayList<>();
        JsonNode ms = root.get("modules");
        for (int i = 0; i < ms.size(); i++) {
            modules.add(toModule(ms.get(i), "/modules/" + i));
        }
        return new Blueprint(product, modules);
    }

    private static Module toModule(JsonNode m, String path) {
        List<Entity> entities = new ArrayList<>();
        JsonNode es = m.get("entities");
        for (int i = 0; i < es.size(); i++) {
            entities.add(toEntity(es.get(i), path + "/entities/" + i));
        }
        List<DomainEvent> events = new ArrayList<>();
        JsonNode evs = m.path("events");
        for (int i = 0; i < evs.size(); i++) {
            JsonNode e = evs.get(i);
            List<String> whenChanged = new ArrayList<>();
            e.path("whenChanged").forEach(f -> whenChanged.add(f.asText()));
            events.add(new DomainEvent(e.get("name").asText(), e.get("entity").asText(),
                    DomainEvent.Trigger.valueOf(e.get("on").asText().toUpperCase(Locale.ROOT)), text(e, "description"),
                    path + "/events/" + i, whenChanged, e.path("includesPersonalData").asBoolean(false)));
        }
        JsonNode o = m.path("options");
        ModuleOptions d = ModuleOptions.DEFAULTS;
        ModuleOptions options = new ModuleOptions(o.path("defaultPageSize").asInt(d.defaultPageSize()),
                o.path("maxPageSize").asInt(d.maxPageSize()), o.path("crudEvents").asBoolean(d.crudEvents()),
                o.path("frontend").asBoolean(d.frontend()), o.hasNonNull("template") ? Optional.of(o.get("template").asText()) : Optional.empty());
        return new Module(m.get("name").asText(), text(m, "description"), entities, events, options, text(m, "package"), path);
    }

    private static Entity toEntity(JsonNode e, String path) {
        List<Field> fields = new ArrayList<>();
        JsonNode fs = e.path("fields");
        for (int i = 0; i < fs.size(); i++) {
            JsonNode f = fs.get(i);
            List<String> values = new ArrayList<>();
            f.path("values").forEach(v -> values.add(v.asText()));
            fields.add(new Field(f.get("name").asText(), FieldType.fromKeyword(f.get("type").asText()).orElseThrow(),
                    text(f, "description"), f.path("required").asBoolean(false), f.path("unique").asBoolean(false),
                    decimal(f, "min"), decimal(f, "max"), integer(f, "minLength"), integer(f, "maxLength"),
                    text(f, "pattern"), values, text(f, "example"), path + "/fields/" + i));
        }
        List<Relationship> rels = new ArrayList<>();
        JsonNode rs = e.path("relationships");
        for (int i = 0; i < rs.size(); i++) {
            JsonNode r = rs.get(i);
            rels.add(new Relationship(r.get("name").asText(), RelationshipKind.fromKeyword(r.get("kind").asText()).orElseThrow(),
                    r.get("target").asText(), r.path("required").asBoolean(false), text(r, "description"),
                    path + "/relationships/" + i));
        }
        return new Entity(e.get("name").asText(), text(e, "plural"), text(e, "description"), fields, rels, path);
    }

    private static Optional<String> text(JsonNode n, String field) {
        JsonNode v = n.get(field);
        return v == null || v.isNull() ? Optional.empty() : Optional.of(v.asText());
    }

    private static Optional<BigDecimal> decimal(JsonNode n, String field) {
        JsonNode v = n.get(field);
        return v == null || v.isNull() ? Optional.empty() : Optional.of(v.decimalValue());
    }

    private static Optional<Integer> integer(JsonNode n, String field) {
        JsonNode v = n.get(field);
        return v == null || v.isNull() ? Optional.empty() : Optional.of(v.intValue());
    }
}
