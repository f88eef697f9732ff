package com.connectsoft.factory.generation.application;

import com.connectsoft.factory.blueprint.domain.Blueprint;
import com.connectsoft.factory.blueprint.domain.DomainEvent;
import com.connectsoft.factory.blueprint.domain.Entity;
import com.connectsoft.factory.blueprint.domain.Field;
import com.connectsoft.factory.blueprint.domain.FieldType;
import com.connectsoft.factory.blueprint.domain.Module;
import com.connectsoft.factory.blueprint.domain.Names;
import com.connectsoft.factory.blueprint.domain.Relationship;
import com.connectsoft.factory.blueprint.domain.TenantPattern;
import com.connectsoft.factory.generation.domain.ModuleView;
import com.connectsoft.factory.generation.domain.ModuleView.EntityView;
import com.connectsoft.factory.generation.domain.ModuleView.EventView;
import com.connectsoft.factory.generation.domain.ModuleView.FieldView;
import com.connectsoft.factory.generation.domain.ModuleView.InvalidInput;
import com.connectsoft.factory.generation.domain.ModuleView.ReferenceView;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Builds the language-neutral {@link ModuleView} of a blueprint module, and its plain data for templates (maps, lists,
 * strings, numbers, booleans: no code of any language). Every field carries its kind ({@code string}, {@code integer},
 * ...) and one flag per kind ({@code isString}, {@code isInteger}, ..., {@code isTextual}, {@code isNumeric}) so a
 * logic-less template maps kinds to its own language's types and inputs.
 */
public final class ModuleViews {
    /** Whole numbers a JavaScript number holds exactly (invalid inputs past it are left out). */
    private static final BigDecimal SAFE_WHOLE = BigDecimal.valueOf(9_007_199_254_740_991L);

    private ModuleViews() {
    }

    /** The view, or the problems that keep the module from having one (a field no sample value can be derived for). */
    public static RenderModel.Outcome view(Blueprint bp, Module m, java.util.function.Function<ModuleView, RenderModel.Outcome> then) {
        List<RenderModel.Problem> problems = new ArrayList<>();
        List<EntityView> entities = new ArrayList<>();
        for (Entity e : m.entities()) {
            entities.add(entity(m, e, problems));
        }
        if (!problems.isEmpty()) {
            return new RenderModel.Outcome.Failed(problems);
        }
        return then.apply(new ModuleView(bp.product().name(), Names.kebab(m.name()), m.moduleId(),
                m.description().map(String::trim), m.options().defaultPageSize(), m.options().maxPageSize(), m.options().crudEvents(),
                entities));
    }

    private static EntityView entity(Module m, Entity e, List<RenderModel.Problem> problems) {
        List<FieldView> fields = new ArrayList<>();
        for (Field f : e.fields()) {
            List<String> samples;
            try {
                samples = SampleValues.plain(f);
            } catch (SampleValues.NoSampleException ex) {
                problems.add(new RenderModel.Problem("module '" + m.name() + "', entity '" + e.name() + "': " + ex.getMessage(), ex.hint()));
                samples = List.of();
            }
            fields.add(new FieldView(Names.camel(f.name()), label(f.name()), f.type(), f.description().map(String::trim), f.required(),
                    f.unique(), f.minLength(), f.maxLength(), f.pattern(), f.min(), f.max(),
                    f.values().stream().map(Names::constant).toList(), samples, invalid(f)));
        }
        List<ReferenceView> references = new ArrayList<>();
        for (Relationship r : e.relationships()) {
            if (r.kind().storesReference()) {
                boolean many = r.kind().storesMany();
                references.add(new ReferenceView(Names.camel(r.name()) + (many ? "Ids" : "Id"), label(r.name()) + (many ? " ids" : " id"),
                        Names.pascal(r.target()),
                        many, r.required()));
            }
        }
        List<EventView> events = new ArrayList<>();
        for (DomainEvent ev : m.events()) {
            if (ev.entity().equals(e.name())) {
                events.add(new EventView(ev.name(), ev.on().name().toLowerCase(Locale.ROOT)));
            }
        }
        return new EntityView(Names.pascal(e.name()), Names.camel(e.name()), Names.kebab(e.name()),
                e.plural().orElse(Names.plural(e.name())), label(e.name()), e.description().map(String::trim), fields, references, events);
    }

    /** "firstName" → "First name". */
    static String label(String name) {
        String words = String.join(" ", Names.kebab(name).split("-"));
        return Character.toUpperCase(words.charAt(0)) + words.substring(1);
    }

    /** What a person could type that the field's rules refuse, one case per rule (types the input itself refuses are left out). */
    private static List<InvalidInput> invalid(Field f) {
        List<InvalidInput> out = new ArrayList<>();
        String label = label(f.name());
        if (f.required() && f.type() != FieldType.BOOLEAN) {
            out.add(new InvalidInput("required", label + " is required", "", 0));
        }
        if (f.type().isTextual()) {
            f.minLength().filter(n -> n > 1).ifPresent(n -> out.add(new InvalidInput("minLength", label + " is shorter than " + n, "", n - 1)));
            f.maxLength().ifPresent(n -> out.add(new InvalidInput("maxLength", label + " is longer than " + n, "", n + 1)));
            f.pattern().flatMap(p -> notMatching(f, p)).ifPresent(bad -> out.add(new InvalidInput("pattern",
                    label + " does not match its pattern", bad, 0)));
        }
        if (f.type().isNumeric()) {
            BigDecimal step = f.type() == FieldType.DECIMAL ? new BigDecimal("0.01") : BigDecimal.ONE;
            f.min().map(v -> v.subtract(step)).filter(ModuleViews::exact).ifPresent(v -> out.add(new InvalidInput("min",
                    label + " is below its minimum", v.toPlainString(), 0)));
            f.max().map(v -> v.add(step)).filter(ModuleViews::exact).ifPresent(v -> out.add(new InvalidInput("max",
                    label + " is above its maximum", v.toPlainString(), 0)));
        }
        if (f.type() == FieldType.UUID) {
            out.add(new InvalidInput("format", label + " is not a UUID", "not-a-uuid", 0));
        }
        if (f.type() == FieldType.INSTANT) {
            out.add(new InvalidInput("format", label + " is not a date and time", "yesterday", 0));
        }
        return out;
    }

    private static boolean exact(BigDecimal v) {
        return v.abs().compareTo(SAFE_WHOLE) <= 0;
    }

    /** A non-blank value within the field's length bounds that breaks its pattern (so only the pattern refuses it). */
    private static Optional<String> notMatching(Field f, String pattern) {
        if (!(TenantPattern.check(pattern) instanceof TenantPattern.Check.Valid valid)) {
            return Optional.empty();
        }
        int min = f.minLength().orElse(1);
        int max = f.maxLength().orElse(Integer.MAX_VALUE);
        return List.of("!", "not valid!", "0", "zz", "ZZ", "-", "a b", "!!!!!!!!", "0000000000", "not valid at all!").stream()
                .filter(c -> c.length() >= min && c.length() <= max && !valid.pattern().matches(c)).findFirst();
    }

    /** The view as plain template data: the module's keys and {@code entities}, each with {@code fields} and more. */
    public static Map<String, Object> data(ModuleView v) {
        Map<String, Object> x = new LinkedHashMap<>();
        x.put("productName", v.productName());
        x.put("moduleName", v.name());
        x.put("moduleId", v.moduleId());
        x.put("moduleTitle", label(v.name()));
        x.put("hasModuleDescription", v.description().isPresent());
        x.put("moduleDescription", v.description().orElse(""));
        x.put("defaultPageSize", v.defaultPageSize());
        x.put("maxPageSize", v.maxPageSize());
        x.put("crudEvents", v.crudEvents());
        List<Map<String, Object>> entities = new ArrayList<>();
        for (int i = 0; i < v.entities().size(); i++) {
            Map<String, Object> e = entity(v.entities().get(i));
            e.put("first", i == 0);
            e.put("last", i == v.entities().size() - 1);
            entities.add(e);
        }
        x.put("entities", entities);
        return x;
    }

    private static Map<String, Object> entity(EntityView e) {
        Map<String, Object> x = new LinkedHashMap<>();
        x.put("Entity", e.pascal());
        x.put("entity", e.camel());
        x.put("kebab", e.kebab());
        x.put("plural", e.plural());
        x.put("title", e.title());
        x.put("hasDescription", e.description().isPresent());
        x.put("description", e.description().orElse(""));
        List<Map<String, Object>> fields = new ArrayList<>();
        List<Map<String, Object>> invalid = new ArrayList<>();
        for (FieldView f : e.fields()) {
            Map<String, Object> fm = field(f);
            fields.add(fm);
            for (InvalidInput in : f.invalid()) {
                Map<String, Object> im = new LinkedHashMap<>();
                im.put("field", f.name());
                im.put("fieldLabel", f.label());
                im.put("code", in.code());
                im.put("label", in.label());
                im.put("text", in.text());
                im.put("repeat", in.repeat());
                im.put("repeats", in.repeat() > 0);
                invalid.add(im);
            }
        }
        for (ReferenceView r : e.references()) {
            if (r.required()) {
                Map<String, Object> im = new LinkedHashMap<>();
                im.put("field", r.name());
                im.put("fieldLabel", r.label());
                im.put("code", "required");
                im.put("label", r.label() + " is required");
                im.put("text", "");
                im.put("repeat", 0);
                im.put("repeats", false);
                invalid.add(im);
            }
        }
        x.put("fields", fields);
        x.put("invalidInputs", invalid);
        x.put("hasInvalidInputs", !invalid.isEmpty());
        x.put("references", e.references().stream().map(r -> {
            Map<String, Object> rm = new LinkedHashMap<>();
            rm.put("name", r.name());
            rm.put("label", r.label());
            rm.put("target", r.target());
            rm.put("many", r.many());
            rm.put("required", r.required());
            rm.put("hasDescription", false);
            rm.put("description", "");
            rm.put("sample", r.many() ? Names.kebab(r.target()) + "-1, " + Names.kebab(r.target()) + "-2" : Names.kebab(r.target()) + "-1");
            return rm;
        }).toList());
        x.put("events", e.events().stream().map(ev -> Map.<String, Object>of("name", ev.name(), "trigger", ev.trigger())).toList());
        x.put("hasReferences", !e.references().isEmpty());
        return x;
    }

    private static Map<String, Object> field(FieldView f) {
        Map<String, Object> x = new LinkedHashMap<>();
        x.put("name", f.name());
        x.put("label", f.label());
        x.put("kind", f.type().keyword());
        for (FieldType t : FieldType.values()) {
            x.put("is" + Names.pascal(t.keyword()), f.type() == t);
        }
        x.put("isTextual", f.type().isTextual());
        x.put("isNumeric", f.type().isNumeric());
        x.put("isWhole", f.type() == FieldType.INTEGER || f.type() == FieldType.LONG);
        x.put("hasDescription", f.description().isPresent());
        x.put("description", f.description().orElse(""));
        x.put("required", f.required());
        x.put("unique", f.unique());
        optional(x, "minLength", f.minLength().map(String::valueOf));
        optional(x, "maxLength", f.maxLength().map(String::valueOf));
        optional(x, "pattern", f.pattern());
        optional(x, "min", f.min().map(BigDecimal::toPlainString));
        optional(x, "max", f.max().map(BigDecimal::toPlainString));
        x.put("values", f.values().stream().map(v -> Map.<String, Object>of("value", v, "label", label(v.toLowerCase(Locale.ROOT)))).toList());
        x.put("sample", f.samples().isEmpty() ? "" : f.samples().get(0));
        x.put("samples", f.samples());
        return x;
    }

    private static void optional(Map<String, Object> x, String key, Optional<String> value) {
        String has = "has" + Character.toUpperCase(key.charAt(0)) + key.substring(1);
        x.put(has, value.isPresent());
        value.ifPresent(v -> x.put(key, v));
    }
}
