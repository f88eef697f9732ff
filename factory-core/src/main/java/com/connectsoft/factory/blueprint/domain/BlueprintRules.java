package com.connectsoft.factory.blueprint.domain;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * The rules a blueprint must keep beyond its schema, whatever format it came from: unique names (also after the
 * case conversions code generation applies), no Java reserved words, relationships to known entities, and
 * validations that fit their field type and agree with each other.
 */
public final class BlueprintRules {
    private static final Set<String> JAVA_LANG_TYPES = Set.of(
            "String", "Object", "Class", "Integer", "Long", "Short", "Byte", "Boolean", "Character", "Double", "Float",
            "Number", "Void", "Enum", "Record", "Override", "System", "Math", "Thread", "Runtime", "Process",
            "Exception", "Error", "Throwable", "Iterable", "Comparable", "Runnable", "Package", "Optional", "List",
            "Map", "Set", "Instant", "LocalDate", "BigDecimal", "UUID");

    private final SourceMap source;
    private final List<Problem> problems = new ArrayList<>();

    private BlueprintRules(SourceMap source) {
        this.source = source;
    }

    public static List<Problem> check(Blueprint blueprint, SourceMap source) {
        BlueprintRules rules = new BlueprintRules(source);
        rules.checkBlueprint(blueprint);
        return rules.problems;
    }

    private void problem(String path, String message, String hint) {
        problems.add(source.problem(path, message, hint));
    }

    private void checkBlueprint(Blueprint bp) {
        for (String segment : bp.product().javaPackage().split("\\.")) {
            if (Names.JAVA_RESERVED.contains(segment)) {
                problem("/product/package", "package segment '" + segment + "' is a Java reserved word",
                        "choose another package, e.g. com.example." + Names.packageSegment(bp.product().name()));
            }
        }
        Map<String, Entity> entities = new HashMap<>();
        Map<String, String> moduleKeys = new HashMap<>();
        for (Module m : bp.modules()) {
            String key = Names.packageSegment(m.name());
            String previous = moduleKeys.putIfAbsent(key, m.name());
            if (previous != null) {
                problem(m.path() + "/name", previous.equals(m.name())
                                ? "module '" + m.name() + "' is declared twice"
                                : "module '" + m.name() + "' collides with module '" + previous + "': both become package '" + key + "'",
                        "give each module a distinct name");
            }
            m.javaPackage().ifPresent(p -> {
                for (String segment : p.split("\\.")) {
                    if (Names.JAVA_RESERVED.contains(segment)) {
                        problem(m.path() + "/package", "package segment '" + segment + "' is a Java reserved word",
                                "choose another package for module '" + m.name() + "'");
                    }
                }
            });
            if (Names.JAVA_RESERVED.contains(key)) {
                problem(m.path() + "/name", "module name '" + m.name() + "' becomes the Java package '" + key + "', a reserved word",
                        "rename the module, e.g. '" + m.name() + "s'");
            }
            for (Entity e : m.entities()) {
                String ek = Names.pascal(e.name());
                Entity prev = entities.putIfAbsent(ek.toLowerCase(), e);
                if (prev != null) {
                    problem(e.path() + "/name", prev.name().equals(e.name())
                                    ? "entity '" + e.name() + "' is declared twice (entity names are unique across the blueprint)"
                                    : "entity '" + e.name() + "' collides with entity '" + prev.name() + "' after case conversion (both become '" + ek + "')",
                            "rename one of them; the first is at line " + source.locate(prev.path()).line());
                }
            }
        }
        Set<String> allEntityNames = new HashSet<>();
        bp.modules().forEach(m -> m.entities().forEach(e -> allEntityNames.add(e.name())));
        for (Module m : bp.modules()) {
            checkModule(m, allEntityNames);
        }
    }

    private void checkModule(Module m, Set<String> allEntityNames) {
        if (m.options().defaultPageSize() > m.options().maxPageSize()) {
            problem(m.path() + "/options/defaultPageSize", "defaultPageSize " + m.options().defaultPageSize()
                    + " is larger than maxPageSize " + m.options().maxPageSize(), "make defaultPageSize <= maxPageSize");
        }
        Map<String, String> routes = new HashMap<>();
        for (Entity e : m.entities()) {
            checkEntity(e, allEntityNames);
            String route = e.plural().orElse(Names.plural(e.name()));
            String prev = routes.putIfAbsent(route, e.name());
            if (prev != null && !Names.pascal(prev).equalsIgnoreCase(Names.pascal(e.name()))) {
                problem(e.path() + "/name", "entities '" + prev + "' and '" + e.name() + "' would share the route /api/v1/" + route,
                        "set 'plural' on one of them");
            }
        }
        Set<String> eventNames = new HashSet<>();
        for (DomainEvent ev : m.events()) {
            if (!eventNames.add(ev.name())) {
                problem(ev.path() + "/name", "event '" + ev.name() + "' is declared twice in module '" + m.name() + "'", "remove one");
            }
            boolean inModule = m.entities().stream().anyMatch(e -> e.name().equals(ev.entity()));
            if (!inModule) {
                List<String> names = m.entities().stream().map(Entity::name).toList();
                problem(ev.path() + "/entity", "event '" + ev.name() + "' refers to entity '" + ev.entity()
                                + "', which is not in module '" + m.name() + "'",
                        Suggest.closest(ev.entity(), names).map(s -> "did you mean '" + s + "'?")
                                .orElse("events are raised by entities of their own module: " + String.join(", ", names)));
            }
        }
    }

    private void checkEntity(Entity e, Set<String> allEntityNames) {
        String type = Names.pascal(e.name());
        if (Names.JAVA_RESERVED.contains(e.name()) || JAVA_LANG_TYPES.contains(type) || Names.GENERATED_TYPES.contains(type)) {
            problem(e.path() + "/name", "entity name '" + e.name() + "' is reserved (Java keyword, java.lang type or a type every generated service has)",
                    "rename it, e.g. '" + type + "Item'");
        }
        String segment = Names.packageSegment(e.name());
        if (Names.JAVA_RESERVED.contains(segment) || segment.equals("shared")) {
            problem(e.path() + "/name", "entity name '" + e.name() + "' becomes the Java package '" + segment + "', which is reserved",
                    "rename it, e.g. '" + type + "Record'");
        }
        Map<String, String> members = new HashMap<>();
        for (Field f : e.fields()) {
            String java = Names.camel(f.name());
            checkMemberName(f.name(), java, f.path() + "/name", members, "field");
            checkField(f);
        }
        Map<String, String> inverseSides = new HashMap<>();
        for (Relationship r : e.relationships()) {
            // a side that stores nothing (one-to-many) only has to be distinct from the other such sides
            checkMemberName(r.name(), Names.camel(r.name()), r.path() + "/name",
                    r.kind().storesReference() ? members : inverseSides, "relationship");
            if (r.kind().storesReference()) {
                String stored = Names.camel(r.name()) + (r.kind().storesMany() ? "Ids" : "Id");
                String owner = members.get(stored.toLowerCase());
                if (owner != null) {
                    problem(r.path() + "/name", "relationship '" + r.name() + "' stores its reference in '" + stored
                            + "', which collides with " + owner, "rename the relationship or the field");
                }
            }
            if (!allEntityNames.contains(r.target())) {
                problem(r.path() + "/target", "relationship '" + r.name() + "' points to unknown entity '" + r.target() + "'",
                        Suggest.closest(r.target(), allEntityNames).map(s -> "did you mean '" + s + "'?")
                                .orElse("declare entity '" + r.target() + "' in some module, or fix the name"));
            }
        }
    }

    private void checkMemberName(String name, String java, String path, Map<String, String> members, String what) {
        if (Names.JAVA_RESERVED.contains(name) || Names.JAVA_RESERVED.contains(java)) {
            problem(path, what + " name '" + name + "' is a Java reserved word", "rename it, e.g. '" + java + "Value'");
            return;
        }
        if (Names.RESERVED_MEMBERS.contains(java)) {
            problem(path, what + " name '" + name + "' clashes with a method every generated entity has",
                    "rename it, e.g. '" + java + "Text'");
            return;
        }
        if (Names.GENERATED_FIELDS.contains(java)) {
            problem(path, what + " name '" + name + "' is reserved: every generated entity already has '" + java + "'",
                    "drop it or rename it, e.g. 'external" + Names.pascal(name) + "'");
            return;
        }
        String prev = members.putIfAbsent(java.toLowerCase(), what + " '" + name + "'");
        if (prev != null) {
            problem(path, prev.equals(what + " '" + name + "'")
                            ? what + " '" + name + "' is declared twice in this entity"
                            : what + " '" + name + "' collides with " + prev + " after case conversion (both become '" + java + "')",
                    "give each field and relationship a distinct name");
        }
    }

    private void checkField(Field f) {
        FieldType t = f.type();
        if ((f.min().isPresent() || f.max().isPresent()) && !t.isNumeric()) {
            problem(f.path() + (f.min().isPresent() ? "/min" : "/max"), "min/max apply to integer, long and decimal fields, not " + t.keyword(),
                    t.isTextual() ? "use minLength/maxLength for the length of a " + t.keyword() : "remove it");
        }
        if ((f.minLength().isPresent() || f.maxLength().isPresent()) && !t.isTextual() && t != FieldType.BLOB) {
            problem(f.path() + (f.minLength().isPresent() ? "/minLength" : "/maxLength"),
                    "minLength/maxLength apply to string, text and blob fields, not " + t.keyword(),
                    t.isNumeric() ? "use min/max to bound a number" : "remove it");
        }
        if (f.pattern().isPresent() && !t.isTextual()) {
            problem(f.path() + "/pattern", "pattern applies to string and text fields, not " + t.keyword(), "remove it");
        }
        if (f.unique() && (t == FieldType.BLOB || t == FieldType.TEXT)) {
            problem(f.path() + "/unique", "a " + t.keyword() + " field cannot be unique", "make it a string, or drop 'unique'");
        }
        if (t == FieldType.ENUM && f.values().isEmpty()) {
            problem(f.path() + "/type", "enum field '" + f.name() + "' has no values", "add values: [FIRST, SECOND]");
        }
        if (t != FieldType.ENUM && !f.values().isEmpty()) {
            problem(f.path() + "/values", "'values' applies to enum fields only", "set type: enum, or remove 'values'");
        }
        Set<String> constants = new HashSet<>();
        for (int i = 0; i < f.values().size(); i++) {
            String v = f.values().get(i);
            if (Names.JAVA_RESERVED.contains(v)) {
                problem(f.path() + "/values/" + i, "enum value '" + v + "' is a Java reserved word", "use upper case, e.g. '" + Names.constant(v) + "'");
            } else if (!constants.add(Names.constant(v))) {
                problem(f.path() + "/values/" + i, "enum value '" + v + "' collides with another value after case conversion",
                        "give each value a distinct name");
            }
        }
        if (f.min().isPresent() && f.max().isPresent() && f.min().get().compareTo(f.max().get()) > 0) {
            problem(f.path() + "/min", "min " + f.min().get().toPlainString() + " is larger than max " + f.max().get().toPlainString(), "swap them");
        }
        if (t == FieldType.INTEGER || t == FieldType.LONG) {
            BigDecimal lo = t == FieldType.INTEGER ? BigDecimal.valueOf(Integer.MIN_VALUE) : BigDecimal.valueOf(Long.MIN_VALUE);
            BigDecimal hi = t == FieldType.INTEGER ? BigDecimal.valueOf(Integer.MAX_VALUE) : BigDecimal.valueOf(Long.MAX_VALUE);
            f.min().filter(v -> v.compareTo(lo) < 0 || v.compareTo(hi) > 0 || v.stripTrailingZeros().scale() > 0)
                    .ifPresent(v -> problem(f.path() + "/min", "min " + v.toPlainString() + " is not a whole " + t.keyword() + " value", "use a whole number in range"));
            f.max().filter(v -> v.compareTo(lo) < 0 || v.compareTo(hi) > 0 || v.stripTrailingZeros().scale() > 0)
                    .ifPresent(v -> problem(f.path() + "/max", "max " + v.toPlainString() + " is not a whole " + t.keyword() + " value", "use a whole number in range"));
        }
        if (f.minLength().isPresent() && f.maxLength().isPresent() && f.minLength().get() > f.maxLength().get()) {
            problem(f.path() + "/minLength", "minLength " + f.minLength().get() + " is larger than maxLength " + f.maxLength().get(), "swap them");
        }
        f.pattern().ifPresent(p -> {
            try {
                Pattern.compile(p);
            } catch (PatternSyntaxException ex) {
                problem(f.path() + "/pattern", "pattern is not a valid regular expression: " + ex.getDescription(),
                        "write a Java regular expression; in YAML, single-quote it so backslashes stay as written");
            }
        });
    }
}
