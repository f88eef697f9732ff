package com.connectsoft.factory.blueprint.adapter.jdl;

import com.connectsoft.factory.blueprint.adapter.jdl.JdlModel.App;
import com.connectsoft.factory.blueprint.adapter.jdl.JdlModel.Option;
import com.connectsoft.factory.blueprint.adapter.jdl.JdlModel.Pos;
import com.connectsoft.factory.blueprint.adapter.jdl.JdlModel.Selection;
import com.connectsoft.factory.blueprint.adapter.jdl.JdlModel.Side;
import com.connectsoft.factory.blueprint.domain.Blueprint;
import com.connectsoft.factory.blueprint.domain.BlueprintLimits;
import com.connectsoft.factory.blueprint.domain.BlueprintRules;
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
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Maps a JDL model onto the blueprint model. Each microservice application is one module with its entities; a
 * monolith or gateway is one module with the entities no microservice owns; entities in no application are one
 * module. Relationships across modules become id references. Whatever has no meaning for a generated Functions
 * service is reported as a warning with its position, never dropped silently.
 */
final class JdlMapper {
    private static final Set<String> BUILT_IN = Set.of("User", "Authority");
    private static final Set<String> KNOWN_OPTIONS = Set.of("dto", "service", "paginate", "search", "microservice", "angularSuffix",
            "clientRootFolder", "skipClient", "skipServer", "noFluentMethod", "filter", "readOnly", "embedded", "pagination");
    private static final Map<String, FieldType> TYPES = Map.ofEntries(
            Map.entry("String", FieldType.STRING), Map.entry("Integer", FieldType.INTEGER), Map.entry("Long", FieldType.LONG),
            Map.entry("BigDecimal", FieldType.DECIMAL), Map.entry("Float", FieldType.DECIMAL), Map.entry("Double", FieldType.DECIMAL),
            Map.entry("Boolean", FieldType.BOOLEAN), Map.entry("LocalDate", FieldType.DATE), Map.entry("ZonedDateTime", FieldType.INSTANT),
            Map.entry("Instant", FieldType.INSTANT), Map.entry("Duration", FieldType.STRING), Map.entry("UUID", FieldType.UUID),
            Map.entry("Blob", FieldType.BLOB), Map.entry("AnyBlob", FieldType.BLOB), Map.entry("ImageBlob", FieldType.BLOB),
            Map.entry("TextBlob", FieldType.TEXT), Map.entry("LocalTime", FieldType.STRING));

    private final String file;
    private final String fileStem;
    private final JdlModel jdl;
    private final SourceMap source;
    private final List<Problem> problems = new ArrayList<>();
    private final Map<String, Grouped> grouped = new LinkedHashMap<>();
    private final List<Problem> warnings = new ArrayList<>();

    /** Places a grouped warning lists; the rest are counted. */
    private static final int GROUP_ITEMS = 20;
    private final Map<String, String> enumDescriptions = new HashMap<>();
    private final Set<String> reportedEnums = new java.util.HashSet<>();

    /** A warning that collects every place it applies to, reported once at its first place. */
    private record Grouped(String message, String hint, Pos first, List<String> items) {
    }

    JdlMapper(String file, String fileStem, JdlModel jdl) {
        this.file = file;
        this.fileStem = fileStem;
        this.jdl = jdl;
        this.source = new SourceMap(file);
    }

    private void error(Pos p, String message, String hint) {
        problems.add(Problem.of(file, p.line(), p.column(), message, hint));
    }

    private void warn(Pos p, String message, String hint) {
        warnings.add(Problem.of(file, p.line(), p.column(), message, hint));
    }

    /** "Did you mean" while there are few problems; past {@link BlueprintLimits#PROBLEMS} nobody reads them. */
    private Optional<String> suggest(String word, java.util.Collection<String> candidates) {
        return problems.size() + warnings.size() >= BlueprintLimits.PROBLEMS ? Optional.empty() : Suggest.closest(word, candidates);
    }

    private void group(String key, Pos p, String item, String hint) {
        grouped.computeIfAbsent(key, k -> new Grouped(k, hint, p, new ArrayList<>())).items().add(item);
    }

    private void at(String pointer, Pos p) {
        source.put(pointer, p.line(), p.column());
    }

    ParseOutcome map() {
        if (jdl.entities().isEmpty() && jdl.apps().isEmpty()) {
            return new ParseOutcome.Rejected(List.of(Problem.of(file, 1, 1, "the JDL declares no entities and no applications",
                    "add an entity, e.g. entity Book { title String required }, or an application { config { baseName shop } }")));
        }
        Map<String, JdlModel.Entity> entities = new LinkedHashMap<>();
        for (JdlModel.Entity e : jdl.entities()) {
            if (entities.putIfAbsent(e.name(), e) != null) {
                error(e.pos(), "entity '" + e.name() + "' is declared twice", "merge the two declarations");
            }
        }
        List<Option> options = new ArrayList<>(jdl.options());
        jdl.apps().forEach(a -> options.addAll(a.options()));
        for (Option o : options) {
            if (!KNOWN_OPTIONS.contains(o.name())) {
                error(o.pos(), "unknown option '" + o.name() + "'", suggest(o.name(), KNOWN_OPTIONS)
                        .map(s -> "did you mean '" + s + "'? ").orElse("") + "options: " + String.join(", ", KNOWN_OPTIONS.stream().sorted().toList()));
            }
            undeclared(o.selection(), entities.keySet()).forEach(n -> warn(o.selection().pos(), "option '" + o.name()
                    + "' names '" + n + "', which is not a declared entity; ignored for it", suggest(n, entities.keySet())
                    .map(x -> "did you mean '" + x + "'?").orElse(null)));
        }
        jdl.apps().forEach(a -> a.entities().ifPresent(s -> undeclared(s, entities.keySet()).forEach(n -> error(s.pos(),
                "'" + n + "' is not a declared entity", suggest(n, entities.keySet()).map(x -> "did you mean '" + x + "'?")
                        .orElse("declare it with entity " + n + " { ... }")))));
        if (!problems.isEmpty()) {
            return new ParseOutcome.Rejected(problems);
        }

        App main = jdl.apps().stream().filter(a -> !a.type().equals("microservice")).findFirst()
                .orElse(jdl.apps().size() == 1 ? jdl.apps().get(0) : null);
        String productName = Optional.ofNullable(main).map(App::baseName).orElse(fileStem);
        String pkg = packageOf(Optional.ofNullable(main).map(App::packageName)
                .or(() -> jdl.apps().stream().map(App::packageName).filter(p -> p != null).findFirst()), productName,
                Optional.ofNullable(main).map(App::pos).orElse(new Pos(1, 1)));
        at("/product", Optional.ofNullable(main).map(App::pos).orElse(new Pos(1, 1)));
        at("/product/package", Optional.ofNullable(main).map(App::pos).orElse(new Pos(1, 1)));

        Map<String, String> owner = owners(entities, options);
        reportIgnored(options);

        Map<String, List<JdlModel.Entity>> byModule = new LinkedHashMap<>();
        Map<String, Pos> modulePos = new LinkedHashMap<>();
        jdl.apps().forEach(a -> modulePos.putIfAbsent(moduleName(a), a.baseNamePos()));
        for (JdlModel.Entity e : entities.values()) {
            String m = owner.get(e.name());
            byModule.computeIfAbsent(m, k -> new ArrayList<>()).add(e);
            modulePos.putIfAbsent(m, e.pos());
        }
        boolean modulesWithEntities = !byModule.isEmpty();
        for (App a : jdl.apps()) {
            if (byModule.containsKey(moduleName(a)) || a.baseName() == null) {
                continue;
            }
            if (a.type().equals("gateway") && modulesWithEntities) {
                warn(a.pos(), "application '" + a.baseName() + "' (gateway) has no entities of its own, so no module is generated for it",
                        "its entities belong to the microservices that own them");
            } else {
                byModule.put(moduleName(a), new ArrayList<>());
                warn(a.pos(), "application '" + a.baseName() + "' (" + a.type() + ") has no entities: its module is a service skeleton "
                        + "(health, OpenAPI, tenancy, infrastructure, tests)", "add entities to it with 'entities', or declare entities in the JDL");
            }
        }
        Map<String, List<RelationshipOut>> relationships = relationships(entities);

        List<Module> modules = new ArrayList<>();
        List<String> order = new ArrayList<>(modulePos.keySet());
        order.retainAll(byModule.keySet());
        for (int mi = 0; mi < order.size(); mi++) {
            String name = order.get(mi);
            String mpath = "/modules/" + mi;
            at(mpath, modulePos.get(name));
            at(mpath + "/name", modulePos.get(name));
            List<Entity> out = new ArrayList<>();
            List<JdlModel.Entity> list = byModule.get(name);
            for (int ei = 0; ei < list.size(); ei++) {
                out.add(entity(list.get(ei), mpath + "/entities/" + ei, relationships.getOrDefault(list.get(ei).name(), List.of())));
            }
            Optional<String> modulePackage = jdl.apps().stream().filter(a -> moduleName(a).equals(name) && a.packageName() != null)
                    .findFirst().map(a -> packageOf(Optional.of(a.packageName()), name, a.pos()));
            modulePackage.ifPresent(p -> at(mpath + "/package", modulePos.get(name)));
            modules.add(new Module(name, Optional.empty(), out, List.of(), ModuleOptions.DEFAULTS, modulePackage, mpath));
        }
        for (Grouped g : grouped.values()) {
            List<String> items = g.items().size() <= GROUP_ITEMS ? g.items() : g.items().subList(0, GROUP_ITEMS);
            warn(g.first(), g.message() + ": " + String.join(", ", items)
                    + (g.items().size() > items.size() ? " and " + (g.items().size() - items.size()) + " more" : ""), g.hint());
        }
        jdl.deployments().forEach(d -> warn(d.pos(), "deployment '" + d.type() + "' is not applicable: generated services deploy"
                + " with their own Azure pipeline and infrastructure program", null));

        Blueprint bp = new Blueprint(new Product(productName, Optional.empty(), pkg), modules);
        problems.addAll(BlueprintRules.check(bp, source));
        if (!problems.isEmpty()) {
            problems.sort(Comparator.comparingInt(Problem::line).thenComparingInt(Problem::column));
            return new ParseOutcome.Rejected(problems);
        }
        warnings.sort(Comparator.comparingInt(Problem::line).thenComparingInt(Problem::column));
        return new ParseOutcome.Accepted(bp, warnings);
    }

    private static List<String> undeclared(Selection s, Set<String> declared) {
        return (s.all() ? s.except() : concat(s.names(), s.except())).stream().filter(n -> !declared.contains(n)).toList();
    }

    private static List<String> concat(List<String> a, List<String> b) {
        List<String> out = new ArrayList<>(a);
        out.addAll(b);
        return out;
    }

    private String moduleName(App a) {
        return Names.kebab(a.baseName() != null ? a.baseName() : fileStem);
    }

    private String packageOf(Optional<String> given, String productName, Pos pos) {
        String fallback = "com." + Names.packageSegment(productName);
        if (given.isEmpty()) {
            return fallback;
        }
        List<String> segments = new ArrayList<>();
        for (String s : given.get().split("\\.")) {
            String clean = s.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]", "");
            if (!clean.isEmpty() && Character.isLetter(clean.charAt(0))) {
                segments.add(clean);
            }
        }
        String pkg = segments.isEmpty() ? fallback : String.join(".", segments);
        if (!pkg.equals(given.get())) {
            warn(pos, "packageName '" + given.get() + "' is used as '" + pkg + "'", "Java packages here are lowercase letters and digits");
        }
        return pkg;
    }

    /** Which module each entity goes to. */
    private Map<String, String> owners(Map<String, JdlModel.Entity> entities, List<Option> options) {
        Map<String, String> owner = new LinkedHashMap<>();
        for (Option o : options) {
            if (o.name().equals("microservice") && o.value().isPresent()) {
                for (String e : entities.keySet()) {
                    if (o.selection().includes(e) && !owner.containsKey(e)) {
                        owner.put(e, Names.kebab(o.value().get()));
                    }
                }
            }
        }
        for (JdlModel.Entity e : entities.values()) {
            for (JdlModel.Annotation a : e.annotations()) {
                if (a.name().equals("microservice") && !a.value().isBlank()) {
                    owner.putIfAbsent(e.name(), Names.kebab(a.value()));
                }
            }
        }
        for (String pass : List.of("microservice", "other")) {
            for (App a : jdl.apps()) {
                if (pass.equals("microservice") != a.type().equals("microservice") || a.entities().isEmpty()) {
                    continue;
                }
                for (String e : entities.keySet()) {
                    if (!a.entities().get().includes(e)) {
                        continue;
                    }
                    String current = owner.putIfAbsent(e, moduleName(a));
                    if (current != null && !current.equals(moduleName(a)) && pass.equals("microservice")
                            && a.entities().get().names().contains(e)) {
                        warn(a.entities().get().pos(), "entity '" + e + "' is listed by microservice '" + a.baseName()
                                + "' but belongs to '" + current + "'; it is generated once, in '" + current + "'", null);
                    }
                }
            }
        }
        String rest = Names.kebab(jdl.apps().isEmpty() ? fileStem : fileStem + "-shared");
        if (jdl.apps().size() == 1 && jdl.apps().get(0).entities().isEmpty()) {
            rest = moduleName(jdl.apps().get(0));
        }
        for (String e : entities.keySet()) {
            owner.putIfAbsent(e, rest);
        }
        return owner;
    }

    private void reportIgnored(List<Option> options) {
        for (App a : jdl.apps()) {
            if (!a.uses().isEmpty()) {
                warn(a.pos(), "application " + Optional.ofNullable(a.baseName()).map(n -> "'" + n + "' ").orElse("")
                        + "use " + String.join(", ", a.uses()) + " has no meaning for generated Functions services; ignored", null);
            }
            if (!a.ignoredConfig().isEmpty()) {
                warn(a.pos(), "application " + Optional.ofNullable(a.baseName()).map(n -> "'" + n + "' ").orElse("")
                                + "config ignored: " + String.join(", ", a.ignoredConfig()),
                        "only baseName, applicationType and packageName mean something to the factory");
            }
        }
        for (Option o : options) {
            switch (o.name()) {
                case "microservice" -> {
                }
                case "paginate", "pagination" -> {
                    if (o.value().filter(v -> v.equals("no")).isPresent()) {
                        warn(o.pos(), "paginate ... with no is ignored: every generated list is paged", null);
                    }
                }
                default -> warn(o.pos(), "option '" + o.name() + o.value().map(v -> " with " + v).orElse("")
                        + "' has no meaning for generated Functions services; ignored", null);
            }
        }
    }

    /** A relationship to add to an entity, or an id field standing for a built-in entity. */
    private record RelationshipOut(String name, RelationshipKind kind, String target, boolean required, Optional<String> description,
                                   Pos pos, Pos targetPos, boolean builtIn) {
    }

    private Map<String, List<RelationshipOut>> relationships(Map<String, JdlModel.Entity> entities) {
        Map<String, List<RelationshipOut>> out = new HashMap<>();
        for (JdlModel.Relationship r : jdl.relationships()) {
            Side from = r.from();
            Side to = r.to();
            boolean toBuiltIn = !entities.containsKey(to.entity()) && (r.with().contains("builtInEntity") || BUILT_IN.contains(to.entity()));
            boolean fromBuiltIn = !entities.containsKey(from.entity()) && BUILT_IN.contains(from.entity());
            r.with().stream().filter(w -> !w.equals("builtInEntity")).forEach(w ->
                    group("relationship option has no meaning here", r.pos(), from.entity() + " to " + to.entity() + " with " + w, null));
            r.annotations().forEach(a -> group("relationship annotations have no meaning here", a.pos(), "@" + a.name(), null));
            if (fromBuiltIn) {
                warn(from.pos(), r.kind() + " from built-in entity " + from.entity() + " is not generated: " + from.entity()
                        + " belongs to the identity provider", "declare the relationship on your own entity instead");
                continue;
            }
            if (!entities.containsKey(from.entity())) {
                error(from.pos(), "relationship from unknown entity '" + from.entity() + "'", suggest(from.entity(), entities.keySet())
                        .map(s -> "did you mean '" + s + "'?").orElse("declare it with entity " + from.entity() + " { ... }"));
                continue;
            }
            String fromName = from.injected().orElse(lowerFirst(to.entity()));
            Optional<String> desc = description(r.doc(), from.display(), to);
            switch (r.kind()) {
                case "ManyToOne", "OneToOne" -> {
                    RelationshipKind kind = r.kind().equals("ManyToOne") ? RelationshipKind.MANY_TO_ONE : RelationshipKind.ONE_TO_ONE;
                    add(out, from.entity(), new RelationshipOut(fromName, kind, to.entity(), from.required(), desc, from.pos(), to.pos(), toBuiltIn));
                    if (to.injected().isPresent() && !toBuiltIn) {
                        if (kind == RelationshipKind.MANY_TO_ONE) {
                            add(out, to.entity(), new RelationshipOut(to.injected().get(), RelationshipKind.ONE_TO_MANY, from.entity(), false,
                                    Optional.empty(), to.pos(), from.pos(), false));
                        } else {
                            group("inverse sides are not stored (the id is kept on the owning side)", to.pos(),
                                    to.entity() + "." + to.injected().get(), null);
                        }
                    }
                }
                case "OneToMany" -> {
                    if (toBuiltIn) {
                        warn(to.pos(), "OneToMany to built-in entity " + to.entity() + " is not generated: it would store a reference inside "
                                + to.entity(), "use ManyToOne from your entity to " + to.entity());
                        continue;
                    }
                    add(out, from.entity(), new RelationshipOut(fromName, RelationshipKind.ONE_TO_MANY, to.entity(), false, desc, from.pos(),
                            to.pos(), false));
                    String inverse = to.injected().orElse(lowerFirst(from.entity()));
                    add(out, to.entity(), new RelationshipOut(inverse, RelationshipKind.MANY_TO_ONE, from.entity(), to.required(),
                            description(Optional.empty(), to.display(), from), to.pos(), from.pos(), false));
                }
                case "ManyToMany" -> {
                    if (toBuiltIn) {
                        warn(to.pos(), "ManyToMany to built-in entity " + to.entity() + " is not generated", "keep user ids in a field instead");
                        continue;
                    }
                    add(out, from.entity(), new RelationshipOut(fromName, RelationshipKind.MANY_TO_MANY, to.entity(), from.required(), desc,
                            from.pos(), to.pos(), false));
                    to.injected().ifPresent(inv -> group("inverse sides are not stored (the id is kept on the owning side)", to.pos(),
                            to.entity() + "." + inv, null));
                }
                default -> throw new IllegalStateException(r.kind());
            }
        }
        return out;
    }

    private static Optional<String> description(Optional<String> doc, Optional<String> display, Side target) {
        List<String> parts = new ArrayList<>();
        doc.ifPresent(parts::add);
        display.ifPresent(d -> parts.add("Shown by the " + target.entity() + "'s " + d + "."));
        return parts.isEmpty() ? Optional.empty() : Optional.of(String.join(" ", parts));
    }

    private static void add(Map<String, List<RelationshipOut>> out, String entity, RelationshipOut r) {
        out.computeIfAbsent(entity, k -> new ArrayList<>()).add(r);
    }

    private static String lowerFirst(String s) {
        return s.isEmpty() ? s : Character.toLowerCase(s.charAt(0)) + s.substring(1);
    }

    private Entity entity(JdlModel.Entity e, String path, List<RelationshipOut> rels) {
        at(path, e.pos());
        at(path + "/name", e.pos());
        e.table().ifPresent(t -> group("table names are not used (each entity gets a Cosmos DB container named after its plural)",
                e.pos(), e.name() + "(" + t + ")", null));
        e.annotations().stream().filter(a -> !a.name().equals("microservice") && !a.name().equals("paginate"))
                .forEach(a -> group("entity annotations have no meaning here", a.pos(), "@" + a.name() + " on " + e.name(), null));
        List<Field> fields = new ArrayList<>();
        for (JdlModel.Field f : e.fields()) {
            String who = e.name() + "." + f.name();
            if (f.name().equals("id")) {
                group("id fields are ignored: every generated entity has a string id", f.pos(), who, null);
                continue;
            }
            if (Set.of("createdAt", "updatedAt", "tenantId").contains(f.name())) {
                group("fields every generated entity already keeps are not duplicated", f.pos(), who, null);
                continue;
            }
            f.annotations().forEach(a -> group("field annotations have no meaning here", a.pos(), "@" + a.name() + " on " + who, null));
            String fpath = path + "/fields/" + fields.size();
            at(fpath, f.pos());
            at(fpath + "/name", f.pos());
            at(fpath + "/type", f.typePos());
            fields.add(field(f, who, fpath));
        }
        for (RelationshipOut r : rels) {
            if (r.builtIn()) {
                String fpath = path + "/fields/" + fields.size();
                at(fpath, r.pos());
                at(fpath + "/name", r.pos());
                group("references to built-in entities become id fields", r.pos(), e.name() + "." + r.name() + "Id (" + r.target() + ")", null);
                fields.add(new Field(r.name() + "Id", FieldType.STRING, Optional.of("Id of the " + r.target() + " (held by the identity provider)"
                        + r.description().map(d -> ". " + d).orElse("")), r.required(), false, Optional.empty(), Optional.empty(),
                        Optional.empty(), Optional.empty(), Optional.empty(), List.of(), Optional.empty(), fpath));
            }
        }
        List<Relationship> relationships = new ArrayList<>();
        for (RelationshipOut r : rels) {
            if (r.builtIn()) {
                continue;
            }
            String rpath = path + "/relationships/" + relationships.size();
            at(rpath, r.pos());
            at(rpath + "/name", r.pos());
            at(rpath + "/target", r.targetPos());
            relationships.add(new Relationship(r.name(), r.kind(), r.target(), r.required(), r.description(), rpath));
        }
        return new Entity(e.name(), Optional.empty(), e.doc(), fields, relationships, path);
    }

    private Field field(JdlModel.Field f, String who, String fpath) {
        FieldType type = TYPES.get(f.type());
        List<String> values = List.of();
        Optional<String> description = f.doc();
        Optional<String> pattern = Optional.empty();
        Optional<String> example = Optional.empty();
        JdlModel.EnumType enumType = jdl.enums().get(f.type());
        if (enumType != null) {
            type = FieldType.ENUM;
            values = enumType.values().stream().map(JdlModel.EnumValue::name).toList();
            if (reportedEnums.add(enumType.name())) {
                List<String> renamed = values.stream().filter(v -> !Names.constant(v).equals(v)).map(v -> v + "→" + Names.constant(v)).toList();
                if (!renamed.isEmpty()) {
                    group("enum values are exchanged as Java constants", enumType.pos(), enumType.name() + " " + String.join(" ", renamed), null);
                }
                List<String> custom = enumType.values().stream().filter(v -> v.custom().isPresent())
                        .map(v -> v.name() + "(" + v.custom().get() + ")").toList();
                if (!custom.isEmpty()) {
                    group("custom enum values are not used: the API exchanges the value names", enumType.pos(),
                            enumType.name() + " " + String.join(" ", custom), null);
                }
            }
            String about = enumDescriptions.computeIfAbsent(enumType.name(), k -> enumDescription(enumType));
            if (!about.isEmpty()) {
                String combined = description.map(d -> d + " ").orElse("") + about;
                if (combined.length() > BlueprintLimits.DESCRIPTION) {
                    error(f.typePos(), "the description of " + who + ", with the documented and custom values of enum " + enumType.name()
                            + ", is longer than " + BlueprintLimits.DESCRIPTION + " characters, the limit for descriptions",
                            "shorten the comments on the enum's values");
                    combined = "";
                }
                description = combined.isEmpty() ? Optional.empty() : Optional.of(combined);
            }
        } else if (type == null) {
            List<String> known = new ArrayList<>(TYPES.keySet());
            known.addAll(jdl.enums().keySet());
            error(f.typePos(), "unknown field type '" + f.type() + "' for " + who, suggest(f.type(), known)
                    .map(s -> "did you mean '" + s + "'? ").orElse("") + "use a JDL type (String, Integer, Long, BigDecimal, Float, Double,"
                    + " Boolean, LocalDate, ZonedDateTime, Instant, Duration, UUID, Blob, AnyBlob, ImageBlob, TextBlob) or a declared enum");
            type = FieldType.STRING;
        } else {
            switch (f.type()) {
                case "Float", "Double" -> group("Float and Double become exact decimals", f.typePos(), who, null);
                case "ZonedDateTime" -> group("ZonedDateTime becomes an instant (UTC); the zone offset is not kept", f.typePos(), who, null);
                case "ImageBlob", "AnyBlob" -> group("ImageBlob and AnyBlob become blobs; the content type is not kept", f.typePos(), who, null);
                case "Duration" -> {
                    group("Duration is kept as ISO-8601 text, e.g. PT15M", f.typePos(), who, null);
                    pattern = Optional.of("^-?P(?:[0-9]+D)?(?:T(?:[0-9]+H)?(?:[0-9]+M)?(?:[0-9]+(?:\\.[0-9]+)?S)?)?$");
                    example = Optional.of("PT15M");
                }
                case "LocalTime" -> {
                    group("LocalTime is kept as text, e.g. 09:30:00", f.typePos(), who, null);
                    pattern = Optional.of("^([01][0-9]|2[0-3]):[0-5][0-9](:[0-5][0-9](\\.[0-9]+)?)?$");
                    example = Optional.of("09:30:00");
                }
                default -> {
                }
            }
        }
        boolean required = false;
        boolean unique = false;
        Optional<BigDecimal> min = Optional.empty();
        Optional<BigDecimal> max = Optional.empty();
        Optional<Integer> minLength = Optional.empty();
        Optional<Integer> maxLength = Optional.empty();
        for (JdlModel.Validation v : f.validations()) {
            String vpath = fpath + "/" + switch (v.kind()) {
                case "minlength", "minbytes" -> "minLength";
                case "maxlength", "maxbytes" -> "maxLength";
                default -> v.kind();
            };
            at(vpath, v.pos());
            switch (v.kind()) {
                case "required" -> required = true;
                case "unique" -> unique = true;
                case "min", "max" -> {
                    if (type.isTextual()) {
                        group("min/max on text fields are read as minlength/maxlength", v.pos(), who + " " + v.kind() + "(" + v.argument() + ")",
                                "write minlength/maxlength for text");
                        if (v.kind().equals("min")) {
                            minLength = length(v);
                        } else {
                            maxLength = length(v);
                        }
                    } else if (v.kind().equals("min")) {
                        min = Optional.of(new BigDecimal(v.argument()));
                    } else {
                        max = Optional.of(new BigDecimal(v.argument()));
                    }
                }
                case "minlength", "minbytes" -> minLength = length(v);
                case "maxlength", "maxbytes" -> maxLength = length(v);
                case "pattern" -> pattern = Optional.of(v.argument());
                default -> {
                }
            }
            if ((v.kind().endsWith("bytes") && type != FieldType.BLOB) || (v.kind().endsWith("length") && type == FieldType.BLOB)) {
                error(v.pos(), v.kind() + " does not apply to " + f.type() + " field " + who,
                        type == FieldType.BLOB ? "use minbytes/maxbytes for blobs" : "use minlength/maxlength for text");
            }
        }
        return new Field(f.name(), type, description, required, unique, min, max, minLength, maxLength, pattern, values, example, fpath);
    }

    /**
     * What an enum's documented and custom values add to the description of a field of that type, built once per
     * enum and cut just past {@link BlueprintLimits#DESCRIPTION} (such a description is refused anyway).
     */
    private static String enumDescription(JdlModel.EnumType enumType) {
        StringBuilder out = new StringBuilder();
        for (JdlModel.EnumValue v : enumType.values()) {
            if (v.doc().isPresent() && out.length() <= BlueprintLimits.DESCRIPTION) {
                out.append(out.length() == 0 ? "" : "; ").append(Names.constant(v.name())).append(": ").append(v.doc().get());
            }
        }
        if (out.length() > 0) {
            out.append('.');
        }
        String separator = (out.length() == 0 ? "" : " ") + "Values: ";
        for (JdlModel.EnumValue v : enumType.values()) {
            if (v.custom().isPresent() && out.length() <= BlueprintLimits.DESCRIPTION) {
                out.append(separator).append(v.name()).append('(').append(v.custom().get()).append(')');
                separator = ", ";
            }
        }
        if (!separator.endsWith("Values: ")) {
            out.append('.');
        }
        return out.toString();
    }

    private Optional<Integer> length(JdlModel.Validation v) {
        try {
            return Optional.of(new BigDecimal(v.argument()).intValueExact());
        } catch (ArithmeticException | NumberFormatException e) {
            error(v.pos(), v.kind() + "(" + v.argument() + ") needs a whole number", null);
            return Optional.empty();
        }
    }

    static String stem(String file) {
        String name = java.nio.file.Path.of(file).getFileName().toString();
        int dot = name.lastIndexOf('.');
        return dot > 0 ? name.substring(0, dot) : name;
    }

}
