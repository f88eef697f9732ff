package com.connectsoft.factory.blueprint.domain;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The rules a blueprint must keep beyond its schema, whatever format it came from: bounded sizes
 * ({@link BlueprintLimits}), names and descriptions free of control, bidirectional and invisible characters
 * ({@link TextRules}), unique names (also after the case conversions code generation applies), no Java reserved
 * words, relationships to known entities, validations that fit their field type and agree with each other, patterns
 * that run in linear time ({@link TenantPattern}), and a sample value for every text field ({@link SampleText}).
 * Sizes are checked first and texts second, each stopping the check when it fails, so later rules never work on
 * an oversized blueprint nor echo a hostile name.
 */
public final class BlueprintRules {
    private static final Set<String> JAVA_LANG_TYPES = Set.of(
            "String", "Object", "Class", "Integer", "Long", "Short", "Byte", "Boolean", "Character", "Double", "Float",
            "Number", "Void", "Enum", "Record", "Override", "System", "Math", "Thread", "Runtime", "Process",
            "Exception", "Error", "Throwable", "Iterable", "Comparable", "Runnable", "Package", "Optional", "List",
            "Map", "Set", "Instant", "LocalDate", "BigDecimal", "UUID");

    private final SourceMap source;
    private final List<Problem> problems = new ArrayList<>();
    /** Enum value lists already checked: the fields of one JDL enum share theirs (10,000 fields x 500 values). */
    private final Set<List<String>> checkedValueLists = new HashSet<>();
    private final Set<List<String>> textCheckedValueLists = new HashSet<>();
    /** Each valid pattern, compiled once. */
    private final Map<String, TenantPattern> patterns = new HashMap<>();

    private BlueprintRules(SourceMap source) {
        this.source = source;
    }

    public static List<Problem> check(Blueprint blueprint, SourceMap source) {
        BlueprintRules rules = new BlueprintRules(source);
        rules.checkSizes(blueprint);
        if (rules.problems.isEmpty()) {
            rules.checkTexts(blueprint);
        }
        if (rules.problems.isEmpty()) {
            rules.checkBlueprint(blueprint);
        }
        if (rules.problems.isEmpty()) {
            rules.checkSamples(blueprint);
        }
        if (rules.full()) {
            Problem last = rules.problems.get(rules.problems.size() - 1);
            rules.problems.add(Problem.of(last.file(), last.line(), last.column(), "checking stopped after "
                    + BlueprintLimits.PROBLEMS + " problems", "fix these and check again"));
        }
        return rules.problems;
    }

    private void problem(String path, String message, String hint) {
        problems.add(source.problem(path, message, hint));
    }

    /** Enough problems to report: loops that could find many more (with suggestions) stop here. */
    private boolean full() {
        return problems.size() >= BlueprintLimits.PROBLEMS;
    }

    private void checkSizes(Blueprint bp) {
        count(bp.modules().size(), BlueprintLimits.MODULES, () -> bp.modules().get(BlueprintLimits.MODULES).path(), "modules",
                "split the product into several blueprints");
        int entities = 0;
        int fields = 0;
        for (Module m : bp.modules()) {
            count(m.entities().size(), BlueprintLimits.ENTITIES_PER_MODULE,
                    () -> m.entities().get(BlueprintLimits.ENTITIES_PER_MODULE).path(), "entities in one module", "split the module");
            count(m.events().size(), BlueprintLimits.EVENTS_PER_MODULE,
                    () -> m.events().get(BlueprintLimits.EVENTS_PER_MODULE).path(), "events in one module", "split the module");
            for (Entity e : m.entities()) {
                if (++entities == BlueprintLimits.ENTITIES + 1) {
                    problem(e.path(), "more than " + BlueprintLimits.ENTITIES + " entities", "split the product into several blueprints");
                }
                count(e.fields().size(), BlueprintLimits.FIELDS_PER_ENTITY,
                        () -> e.fields().get(BlueprintLimits.FIELDS_PER_ENTITY).path(), "fields in one entity", "split the entity");
                count(e.relationships().size(), BlueprintLimits.RELATIONSHIPS_PER_ENTITY,
                        () -> e.relationships().get(BlueprintLimits.RELATIONSHIPS_PER_ENTITY).path(), "relationships of one entity",
                        "split the entity");
                for (Field f : e.fields()) {
                    if (++fields == BlueprintLimits.FIELDS + 1) {
                        problem(f.path(), "more than " + BlueprintLimits.FIELDS + " fields", "split the product into several blueprints");
                    }
                    count(f.values().size(), BlueprintLimits.ENUM_VALUES,
                            () -> f.path() + "/values/" + BlueprintLimits.ENUM_VALUES, "values of one enum", "use fewer values");
                    number(f.min(), f.path() + "/min", "min");
                    number(f.max(), f.path() + "/max", "max");
                    f.minLength().filter(n -> n < 0 || n > BlueprintLimits.MIN_LENGTH).ifPresent(n -> problem(f.path() + "/minLength",
                            "minLength " + n + " is outside 0.." + BlueprintLimits.MIN_LENGTH,
                            "generated tests need a valid value, and sample values are at most " + BlueprintLimits.EXAMPLE + " characters"));
                    f.maxLength().filter(n -> n < 1 || n > BlueprintLimits.MAX_LENGTH).ifPresent(n -> problem(f.path() + "/maxLength",
                            "maxLength " + n + " is outside 1.." + BlueprintLimits.MAX_LENGTH, "a stored item holds at most about 1 MB"));
                }
            }
        }
    }

    private void count(int size, int limit, java.util.function.Supplier<String> firstOver, String what, String hint) {
        if (size > limit) {
            problem(firstOver.get(), size + " " + what + "; at most " + limit + " are allowed", hint);
        }
    }

    private void number(Optional<BigDecimal> value, String path, String what) {
        value.filter(v -> v.precision() - v.scale() > BlueprintLimits.NUMBER_DIGITS || v.scale() > BlueprintLimits.NUMBER_DIGITS)
                .ifPresent(v -> problem(path, what + " has too many digits", "use at most " + BlueprintLimits.NUMBER_DIGITS
                        + " digits before and " + BlueprintLimits.NUMBER_DIGITS + " after the decimal point"));
    }

    private void checkTexts(Blueprint bp) {
        Product p = bp.product();
        text("/product/name", "product name", p.name(), TextRules.Kind.NAME, BlueprintLimits.PRODUCT_NAME);
        description("/product", p.description());
        text("/product/package", "package", p.javaPackage(), TextRules.Kind.NAME, BlueprintLimits.PACKAGE);
        for (Module m : bp.modules()) {
            text(m.path() + "/name", "module name", m.name(), TextRules.Kind.NAME, BlueprintLimits.MODULE_NAME);
            description(m.path(), m.description());
            m.javaPackage().ifPresent(pk -> text(m.path() + "/package", "package", pk, TextRules.Kind.NAME, BlueprintLimits.PACKAGE));
            for (Entity e : m.entities()) {
                name(e.path(), "entity name", e.name());
                e.plural().ifPresent(pl -> text(e.path() + "/plural", "plural", pl, TextRules.Kind.NAME, BlueprintLimits.NAME));
                description(e.path(), e.description());
                for (Field f : e.fields()) {
                    name(f.path(), "field name", f.name());
                    description(f.path(), f.description());
                    f.example().ifPresent(x -> text(f.path() + "/example", "example", x, TextRules.Kind.TEXT, BlueprintLimits.EXAMPLE));
                    f.pattern().ifPresent(x -> text(f.path() + "/pattern", "pattern", x, TextRules.Kind.TEXT, BlueprintLimits.PATTERN));
                    boolean unchecked = textCheckedValueLists.add(f.values());
                    for (int i = 0; unchecked && i < f.values().size(); i++) {
                        text(f.path() + "/values/" + i, "enum value", f.values().get(i), TextRules.Kind.NAME, BlueprintLimits.NAME);
                    }
                }
                for (Relationship r : e.relationships()) {
                    name(r.path(), "relationship name", r.name());
                    text(r.path() + "/target", "relationship target", r.target(), TextRules.Kind.NAME, BlueprintLimits.NAME);
                    description(r.path(), r.description());
                }
            }
            for (DomainEvent ev : m.events()) {
                name(ev.path(), "event name", ev.name());
                text(ev.path() + "/entity", "event entity", ev.entity(), TextRules.Kind.NAME, BlueprintLimits.NAME);
                description(ev.path(), ev.description());
            }
            if (full()) {
                return;
            }
        }
    }

    private void name(String elementPath, String what, String value) {
        text(elementPath + "/name", what, value, TextRules.Kind.NAME, BlueprintLimits.NAME);
    }

    private void description(String elementPath, Optional<String> value) {
        value.ifPresent(d -> text(elementPath + "/description", "description", d, TextRules.Kind.TEXT, BlueprintLimits.DESCRIPTION));
    }

    /** Length and characters; the message never repeats the value, which may be hostile. */
    private void text(String path, String what, String value, TextRules.Kind kind, int limit) {
        int length = value.codePointCount(0, value.length());
        if (length > limit) {
            problem(path, what + " (" + path + ") is " + length + " characters long; the limit is " + limit,
                    "shorten it: names are at most " + BlueprintLimits.NAME + " characters (modules " + BlueprintLimits.MODULE_NAME
                            + ", products " + BlueprintLimits.PRODUCT_NAME + "), descriptions at most " + BlueprintLimits.DESCRIPTION
                            + ", examples " + BlueprintLimits.EXAMPLE + ", patterns " + BlueprintLimits.PATTERN);
            return;
        }
        if (kind == TextRules.Kind.NAME && value.isBlank()) {
            problem(path, what + " (" + path + ") is empty", "give it a name");
            return;
        }
        TextRules.refused(value, kind).ifPresent(r -> problem(path, what + " (" + path + ") holds " + r, "remove it: " + TextRules.HINT));
    }

    /** The same rules give the same samples: a blueprint that repeats a pattern derives it once. */
    private record SampleKey(String pattern, Optional<Integer> minLength, Optional<Integer> maxLength, Optional<String> example) {
    }

    private void checkSamples(Blueprint bp) {
        SampleText.Budget budget = SampleText.Budget.of(SampleText.Budget.PER_BLUEPRINT);
        Map<SampleKey, SampleText.Outcome> derived = new HashMap<>();
        for (Module m : bp.modules()) {
            for (Entity e : m.entities()) {
                for (Field f : e.fields()) {
                    if (!f.type().isTextual()) {
                        continue;
                    }
                    SampleText.Outcome outcome = f.pattern().isEmpty() ? SampleText.of(f, Optional.empty(), budget)
                            : derived.computeIfAbsent(new SampleKey(f.pattern().get(), f.minLength(), f.maxLength(), f.example()),
                                    k -> SampleText.of(f, Optional.ofNullable(patterns.get(k.pattern())), budget));
                    if (outcome instanceof SampleText.Outcome.None none) {
                        SampleText.Outcome.None forThisField = none.tooSlow() ? none : SampleText.cannot(f);
                        problem(f.path() + (f.pattern().isPresent() ? "/pattern" : "/name"), forThisField.message(), forThisField.hint());
                        if (budget.exhausted() || full()) {
                            return;
                        }
                    }
                }
            }
        }
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
            if (full()) {
                return;
            }
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
            if (full()) {
                return;
            }
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
            if (full()) {
                return;
            }
            if (!eventNames.add(ev.name())) {
                problem(ev.path() + "/name", "event '" + ev.name() + "' is declared twice in module '" + m.name() + "'", "remove one");
            }
            builtInEvent(m, ev.name()).ifPresent(builtIn -> problem(ev.path() + "/name", "event '" + ev.name()
                            + "' is the name of the event the generated module publishes itself when " + builtIn,
                    "name the domain event after what happened in the domain (for example '" + suggestedName(ev.name()) + "'), or drop it"));
            boolean inModule = m.entities().stream().anyMatch(e -> e.name().equals(ev.entity()));
            if (!inModule) {
                List<String> names = m.entities().stream().map(Entity::name).toList();
                problem(ev.path() + "/entity", "event '" + ev.name() + "' refers to entity '" + ev.entity()
                                + "', which is not in module '" + m.name() + "'",
                        Suggest.closest(ev.entity(), names).map(s -> "did you mean '" + s + "'?")
                                .orElse("events are raised by entities of their own module: " + String.join(", ", names)));
            }
            m.entities().stream().filter(e -> e.name().equals(ev.entity())).findFirst().ifPresent(e -> checkWhenChanged(ev, e));
        }
    }

    private static final List<String> BUILT_IN_SUFFIXES = List.of("Created", "Updated", "Deleted");

    /**
     * Generated modules publish {@code <Entity>Created}, {@code <Entity>Updated} and {@code <Entity>Deleted} for every
     * entity themselves; a domain event of the same name (compared ignoring case, as class and file names are) would
     * share their id and type. Returns what the built-in event means, if {@code name} is one.
     */
    private static Optional<String> builtInEvent(Module m, String name) {
        for (Entity e : m.entities()) {
            String entity = Names.pascal(e.name());
            for (String suffix : BUILT_IN_SUFFIXES) {
                if (name.equalsIgnoreCase(entity + suffix)) {
                    return Optional.of("a " + entity + " is " + suffix.toLowerCase(java.util.Locale.ROOT));
                }
            }
        }
        return Optional.empty();
    }

    private static String suggestedName(String name) {
        String lower = name.toLowerCase(java.util.Locale.ROOT);
        if (lower.endsWith("created")) {
            return name.substring(0, name.length() - "created".length()) + "Registered";
        }
        if (lower.endsWith("updated")) {
            return name.substring(0, name.length() - "updated".length()) + "Rescheduled";
        }
        return name.substring(0, name.length() - "deleted".length()) + "Withdrawn";
    }

    /** {@code whenChanged} only on updated events, naming fields or reference-holding relationships of the entity. */
    private void checkWhenChanged(DomainEvent ev, Entity e) {
        if (ev.whenChanged().isEmpty()) {
            return;
        }
        if (ev.on() != DomainEvent.Trigger.UPDATED) {
            problem(ev.path() + "/whenChanged", "event '" + ev.name() + "' has whenChanged but fires on " + ev.on().name().toLowerCase(java.util.Locale.ROOT),
                    "whenChanged applies to 'on: updated' only: remove it or set 'on: updated'");
            return;
        }
        List<String> watchable = new ArrayList<>();
        e.fields().forEach(f -> watchable.add(f.name()));
        e.relationships().stream().filter(r -> r.kind().storesReference()).forEach(r -> watchable.add(r.name()));
        for (int i = 0; i < ev.whenChanged().size(); i++) {
            String name = ev.whenChanged().get(i);
            if (!watchable.contains(name)) {
                problem(ev.path() + "/whenChanged/" + i, "event '" + ev.name() + "' watches '" + name + "', which is not a field or a "
                                + "reference-holding relationship of entity '" + e.name() + "'",
                        Suggest.closest(name, watchable).map(s -> "did you mean '" + s + "'?")
                                .orElse("name one of: " + String.join(", ", watchable)));
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
            if (full()) {
                return;
            }
            // a side that stores nothing (one-to-many) only has to be distinct from the other such sides
            checkMemberName(r.name(), Names.camel(r.name()), r.path() + "/name",
                    r.kind().storesReference() ? members : inverseSides, "relationship");
            if (r.kind().storesReference()) {
                String stored = Names.camel(r.name()) + (r.kind().storesMany() ? "Ids" : "Id");
                String owner = members.get(stored.toLowerCase());
                if (Names.GENERATED_FIELDS.contains(stored)) {
                    problem(r.path() + "/name", "relationship '" + r.name() + "' stores its reference in '" + stored
                            + "', which every generated entity already has", "rename the relationship, e.g. 'related" + Names.pascal(r.name()) + "'");
                } else if (owner != null) {
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
        boolean unchecked = checkedValueLists.add(f.values());
        for (int i = 0; unchecked && i < f.values().size(); i++) {
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
            TenantPattern.Check check = TenantPattern.check(p);
            if (check instanceof TenantPattern.Check.Invalid invalid) {
                problem(f.path() + "/pattern", invalid.message(), invalid.hint());
            } else {
                patterns.put(p, ((TenantPattern.Check.Valid) check).pattern());
            }
        });
    }
}
