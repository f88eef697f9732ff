package com.connectsoft.factory.blueprint.adapter.jdl;

import com.connectsoft.factory.blueprint.adapter.jdl.JdlModel.Annotation;
import com.connectsoft.factory.blueprint.adapter.jdl.JdlModel.App;
import com.connectsoft.factory.blueprint.adapter.jdl.JdlModel.Deployment;
import com.connectsoft.factory.blueprint.adapter.jdl.JdlModel.Entity;
import com.connectsoft.factory.blueprint.adapter.jdl.JdlModel.EnumType;
import com.connectsoft.factory.blueprint.adapter.jdl.JdlModel.EnumValue;
import com.connectsoft.factory.blueprint.adapter.jdl.JdlModel.Field;
import com.connectsoft.factory.blueprint.adapter.jdl.JdlModel.Option;
import com.connectsoft.factory.blueprint.adapter.jdl.JdlModel.Pos;
import com.connectsoft.factory.blueprint.adapter.jdl.JdlModel.Relationship;
import com.connectsoft.factory.blueprint.adapter.jdl.JdlModel.Selection;
import com.connectsoft.factory.blueprint.adapter.jdl.JdlModel.Side;
import com.connectsoft.factory.blueprint.adapter.jdl.JdlModel.Validation;
import com.connectsoft.factory.blueprint.domain.BlueprintLimits;
import com.connectsoft.factory.blueprint.domain.Problem;
import com.connectsoft.factory.blueprint.domain.Suggest;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.antlr.v4.runtime.BufferedTokenStream;
import org.antlr.v4.runtime.ParserRuleContext;
import org.antlr.v4.runtime.Token;

/** Walks a JDL parse tree into a {@link JdlModel}: names resolved, constants substituted, comments kept as docs. */
final class JdlCollector {
    static final Set<String> RELATIONSHIP_KINDS = Set.of("OneToOne", "OneToMany", "ManyToOne", "ManyToMany");
    static final Set<String> VALIDATIONS = Set.of("required", "unique", "min", "max", "minlength", "maxlength", "pattern",
            "minbytes", "maxbytes");

    private final String file;
    private final BufferedTokenStream tokens;
    private final List<Problem> problems = new ArrayList<>();
    private final Map<String, String> constants = new HashMap<>();

    JdlCollector(String file, BufferedTokenStream tokens) {
        this.file = file;
        this.tokens = tokens;
    }

    List<Problem> problems() {
        return problems;
    }

    private static Pos pos(Token t) {
        return new Pos(t.getLine(), t.getCharPositionInLine() + 1);
    }

    private void problem(Token at, String message, String hint) {
        problems.add(Problem.of(file, at.getLine(), at.getCharPositionInLine() + 1, message, hint));
    }

    /** Declared relationships, enums and options; more is not a product one blueprint describes. */
    static final int MAX_RELATIONSHIPS = 5_000;
    static final int MAX_ENUMS = 500;
    static final int MAX_OPTIONS = 500;

    JdlModel collect(JdlParser.FileContext tree) {
        if (!withinLimits(tree)) {
            return new JdlModel(List.of(), List.of(), Map.of(), List.of(), List.of(), List.of());
        }
        List<App> apps = new ArrayList<>();
        List<Entity> entities = new ArrayList<>();
        Map<String, EnumType> enums = new LinkedHashMap<>();
        List<Relationship> relationships = new ArrayList<>();
        List<Option> options = new ArrayList<>();
        List<Deployment> deployments = new ArrayList<>();
        for (JdlParser.ElementContext e : tree.element()) {
            if (e.constantDecl() != null) {
                constants.put(e.constantDecl().name().getText(), e.constantDecl().number().getText());
            }
        }
        for (JdlParser.ElementContext e : tree.element()) {
            if (e.application() != null) {
                apps.add(app(e.application()));
            } else if (e.deployment() != null) {
                String type = e.deployment().configEntry().stream().filter(c -> c.name().getText().equals("deploymentType"))
                        .map(c -> value(c.configValue())).findFirst().orElse("unspecified");
                deployments.add(new Deployment(type, pos(e.deployment().start)));
            } else if (e.entityDecl() != null) {
                entities.add(entity(e.entityDecl()));
            } else if (e.enumDecl() != null) {
                EnumType t = enumType(e.enumDecl());
                if (enums.putIfAbsent(t.name(), t) != null) {
                    problem(e.enumDecl().name().start, "enum '" + t.name() + "' is declared twice", "keep one declaration");
                }
            } else if (e.relationshipDecl() != null) {
                relationships.addAll(relationships(e.relationshipDecl()));
            } else if (e.option() != null) {
                options.add(option(e.option()));
            }
        }
        return new JdlModel(apps, entities, enums, relationships, options, deployments);
    }

    /** Refuses, at the first element over a limit, more elements than a blueprint may have, before any is collected. */
    private boolean withinLimits(JdlParser.FileContext tree) {
        int entities = 0;
        int fields = 0;
        int relationships = 0;
        int enums = 0;
        int options = 0;
        int apps = 0;
        for (JdlParser.ElementContext e : tree.element()) {
            if (e.entityDecl() != null) {
                List<JdlParser.FieldContext> fs = e.entityDecl().field();
                if (++entities > BlueprintLimits.ENTITIES) {
                    return over(e.start, "more than " + BlueprintLimits.ENTITIES + " entities");
                }
                if (fs.size() > BlueprintLimits.FIELDS_PER_ENTITY) {
                    return over(fs.get(BlueprintLimits.FIELDS_PER_ENTITY).start, "more than " + BlueprintLimits.FIELDS_PER_ENTITY
                            + " fields in entity " + e.entityDecl().name(0).getText());
                }
                fields += fs.size();
                if (fields > BlueprintLimits.FIELDS) {
                    return over(e.start, "more than " + BlueprintLimits.FIELDS + " fields");
                }
            } else if (e.enumDecl() != null) {
                if (++enums > MAX_ENUMS) {
                    return over(e.start, "more than " + MAX_ENUMS + " enums");
                }
                if (e.enumDecl().enumValue().size() > BlueprintLimits.ENUM_VALUES) {
                    return over(e.enumDecl().enumValue(BlueprintLimits.ENUM_VALUES).start, "more than " + BlueprintLimits.ENUM_VALUES
                            + " values in enum " + e.enumDecl().name().getText());
                }
            } else if (e.relationshipDecl() != null) {
                relationships += e.relationshipDecl().relationship().size();
                if (relationships > MAX_RELATIONSHIPS) {
                    return over(e.start, "more than " + MAX_RELATIONSHIPS + " relationships");
                }
            } else if (e.option() != null) {
                if (++options > MAX_OPTIONS || !selectionWithinLimits(e.option())) {
                    return problems.isEmpty() ? over(e.start, "more than " + MAX_OPTIONS + " options") : false;
                }
            } else if (e.application() != null) {
                if (++apps > BlueprintLimits.MODULES) {
                    return over(e.start, "more than " + BlueprintLimits.MODULES + " applications");
                }
                for (JdlParser.AppItemContext item : e.application().appItem()) {
                    if (item.option() != null && (++options > MAX_OPTIONS || !selectionWithinLimits(item.option()))) {
                        return problems.isEmpty() ? over(item.start, "more than " + MAX_OPTIONS + " options") : false;
                    }
                    if (item.appEntities() != null && !namesWithinLimits(item.appEntities().selection().nameList())) {
                        return false;
                    }
                }
            }
        }
        return true;
    }

    private boolean selectionWithinLimits(JdlParser.OptionContext o) {
        return namesWithinLimits(o.selection().nameList()) && namesWithinLimits(o.nameList());
    }

    private boolean namesWithinLimits(JdlParser.NameListContext names) {
        if (names != null && names.name().size() > BlueprintLimits.ENTITIES) {
            return over(names.name(BlueprintLimits.ENTITIES).start, "a list of more than " + BlueprintLimits.ENTITIES + " names");
        }
        return true;
    }

    private boolean over(Token at, String what) {
        problem(at, what + "; a blueprint is bounded (at most " + BlueprintLimits.ENTITIES + " entities, "
                        + BlueprintLimits.FIELDS_PER_ENTITY + " fields per entity and " + BlueprintLimits.FIELDS + " in all, "
                        + BlueprintLimits.ENUM_VALUES + " values per enum, " + MAX_ENUMS + " enums, " + MAX_RELATIONSHIPS
                        + " relationships, " + MAX_OPTIONS + " options, " + BlueprintLimits.MODULES + " applications)",
                "split the product into several JDL files");
        return false;
    }

    private App app(JdlParser.ApplicationContext a) {
        Map<String, String> config = new LinkedHashMap<>();
        Map<String, Token> configPos = new HashMap<>();
        Optional<Selection> entities = Optional.empty();
        List<Option> options = new ArrayList<>();
        List<String> uses = new ArrayList<>();
        for (JdlParser.AppItemContext item : a.appItem()) {
            if (item.appUse() != null) {
                item.appUse().nameList().name().forEach(n -> uses.add(n.getText()));
            }
            if (item.appConfig() != null) {
                for (JdlParser.ConfigEntryContext c : item.appConfig().configEntry()) {
                    config.put(c.name().getText(), value(c.configValue()));
                    configPos.put(c.name().getText(), c.configValue().start);
                }
            } else if (item.appEntities() != null) {
                entities = Optional.of(selection(item.appEntities().selection(), Optional.empty()));
            } else if (item.option() != null) {
                options.add(option(item.option()));
            }
        }
        List<String> ignored = config.keySet().stream()
                .filter(k -> !Set.of("baseName", "applicationType", "packageName").contains(k)).toList();
        Token baseNameToken = configPos.getOrDefault("baseName", a.start);
        return new App(config.get("baseName"), config.getOrDefault("applicationType", "monolith"), config.get("packageName"),
                entities, ignored, uses, options, pos(a.start), pos(baseNameToken));
    }

    private String value(JdlParser.ConfigValueContext v) {
        if (v.STRING() != null) {
            return unquote(v.STRING().getText());
        }
        if (v.LBRACK() != null) {
            return v.configValue().stream().map(this::value).toList().toString();
        }
        return v.getText();
    }

    private static String unquote(String s) {
        return s.substring(1, s.length() - 1).replace("\\\"", "\"").replace("\\'", "'").replace("\\\\", "\\");
    }

    private List<Annotation> annotations(List<JdlParser.AnnotationContext> list) {
        return list.stream().map(a -> new Annotation(a.name().getText(),
                a.annotationValue() == null ? "" : a.annotationValue().STRING() != null
                        ? unquote(a.annotationValue().getText()) : a.annotationValue().getText(), pos(a.start))).toList();
    }

    private Entity entity(JdlParser.EntityDeclContext e) {
        List<Field> fields = new ArrayList<>();
        for (JdlParser.FieldContext f : e.field()) {
            List<Validation> validations = new ArrayList<>();
            for (JdlParser.ValidationContext v : f.validation()) {
                validations.add(validation(v));
            }
            fields.add(new Field(f.name(0).getText(), f.name(1).getText(), validations, annotations(f.annotation()), doc(f),
                    pos(f.name(0).start), pos(f.name(1).start)));
        }
        Optional<String> table = e.name().size() > 1 ? Optional.of(e.name(1).getText()) : Optional.empty();
        return new Entity(e.name(0).getText(), table, fields, annotations(e.annotation()), doc(e), pos(e.name(0).start));
    }

    private Validation validation(JdlParser.ValidationContext v) {
        if (v.REQUIRED() != null) {
            return new Validation("required", "", pos(v.start));
        }
        if (v.UNIQUE() != null) {
            return new Validation("unique", "", pos(v.start));
        }
        String kind = v.name(0).getText();
        if (!VALIDATIONS.contains(kind)) {
            problem(v.start, "unknown validation '" + kind + "'", Suggest.closest(kind, VALIDATIONS).map(s -> "did you mean '" + s + "'? ")
                    .orElse("") + "use required, unique, min, max, minlength, maxlength, pattern, minbytes or maxbytes");
            return new Validation(kind, "", pos(v.start));
        }
        String arg;
        if (v.PATTERN() != null) {
            String p = v.PATTERN().getText();
            arg = p.substring(1, p.length() - 1).replace("\\/", "/");
        } else if (v.STRING() != null) {
            arg = unquote(v.STRING().getText());
        } else if (v.number() != null) {
            arg = v.number().getText();
        } else {
            String constant = v.name(1).getText();
            arg = constants.get(constant);
            if (arg == null) {
                problem(v.name(1).start, "'" + constant + "' is not a number or a declared constant",
                        "declare it at the top level, e.g. " + constant + " = 42");
                arg = "0";
            }
        }
        if (kind.equals("pattern") != (v.PATTERN() != null || v.STRING() != null)) {
            problem(v.start, kind.equals("pattern") ? "pattern needs a regular expression, e.g. pattern(/^[A-Z]+$/)"
                    : kind + " needs a number, e.g. " + kind + "(10)", null);
        }
        return new Validation(kind, arg, pos(v.start));
    }

    private EnumType enumType(JdlParser.EnumDeclContext e) {
        List<EnumValue> values = new ArrayList<>();
        for (JdlParser.EnumValueContext v : e.enumValue()) {
            Optional<String> custom = v.LPAREN() == null ? Optional.empty() : Optional.of(
                    v.children.subList(2, v.children.size() - 1).stream().map(c -> c.getText()).reduce((x, y) -> x + " " + y)
                            .map(s -> s.startsWith("\"") || s.startsWith("'") ? unquote(s) : s).orElse(""));
            values.add(new EnumValue(v.name(0).getText(), custom, doc(v)));
        }
        return new EnumType(e.name().getText(), values, doc(e), pos(e.name().start));
    }

    private List<Relationship> relationships(JdlParser.RelationshipDeclContext r) {
        String kind = r.name().getText();
        if (!RELATIONSHIP_KINDS.contains(kind)) {
            problem(r.name().start, "unknown relationship kind '" + kind + "'",
                    Suggest.closest(kind, RELATIONSHIP_KINDS).map(s -> "did you mean '" + s + "'? ").orElse("")
                            + "use OneToOne, OneToMany, ManyToOne or ManyToMany");
            return List.of();
        }
        List<Relationship> out = new ArrayList<>();
        for (JdlParser.RelationshipContext rel : r.relationship()) {
            List<String> with = rel.name().stream().map(n -> n.getText()).toList();
            out.add(new Relationship(kind, side(rel.side(0)), side(rel.side(1)), with, annotations(rel.annotation()), doc(rel),
                    pos(rel.start)));
        }
        return out;
    }

    private Side side(JdlParser.SideContext s) {
        JdlParser.InjectedContext in = s.injected();
        if (in == null) {
            return new Side(s.name().getText(), Optional.empty(), Optional.empty(), false, s.LBRACE() != null, pos(s.start));
        }
        return new Side(s.name().getText(), Optional.of(in.name(0).getText()),
                in.name().size() > 1 ? Optional.of(in.name(1).getText()) : Optional.empty(), in.REQUIRED() != null, true, pos(s.start));
    }

    private Option option(JdlParser.OptionContext o) {
        List<String> except = o.nameList() == null ? List.of() : o.nameList().name().stream().map(n -> n.getText()).toList();
        return new Option(o.IDENT().getText(), selection(o.selection(), Optional.of(except)),
                o.name() == null ? Optional.empty() : Optional.of(o.name().getText()), pos(o.start));
    }

    private Selection selection(JdlParser.SelectionContext s, Optional<List<String>> outerExcept) {
        List<String> except = new ArrayList<>(outerExcept.orElse(List.of()));
        if (s.STAR() != null) {
            if (s.nameList() != null) {
                s.nameList().name().forEach(n -> except.add(n.getText()));
            }
            return new Selection(true, List.of(), except, pos(s.start));
        }
        List<String> names = s.nameList().name().stream().map(n -> n.getText()).toList();
        if (names.equals(List.of("all"))) {
            return new Selection(true, List.of(), except, pos(s.start));
        }
        return new Selection(false, names, except, pos(s.start));
    }

    /**
     * A Javadoc or line comments right before the element (no blank line between), else a comment on its line after
     * it. A description longer than {@link BlueprintLimits#DESCRIPTION} is refused at its comment.
     */
    private Optional<String> doc(ParserRuleContext ctx) {
        List<Token> left = tokens.getHiddenTokensToLeft(ctx.start.getTokenIndex());
        List<Token> comments = new ArrayList<>();
        if (left != null) {
            for (int i = left.size() - 1; i >= 0; i--) {
                Token t = left.get(i);
                if (t.getType() == JdlLexer.WS) {
                    if (t.getText().chars().filter(c -> c == '\n').count() > 1) {
                        break;
                    }
                    continue;
                }
                if (t.getType() == JdlLexer.JAVADOC || t.getType() == JdlLexer.LINE_COMMENT) {
                    comments.add(t);
                } else {
                    break;
                }
            }
            Collections.reverse(comments);
        }
        if (comments.isEmpty()) {
            List<Token> right = tokens.getHiddenTokensToRight(ctx.stop.getTokenIndex());
            if (right != null) {
                for (Token t : right) {
                    if (t.getType() == JdlLexer.WS) {
                        if (t.getText().contains("\n")) {
                            break;
                        }
                        continue;
                    }
                    if (t.getType() == JdlLexer.JAVADOC || t.getType() == JdlLexer.LINE_COMMENT) {
                        comments.add(t);
                    }
                }
            }
        }
        StringBuilder text = new StringBuilder();
        for (Token t : comments) {
            String part = clean(t.getText());
            if (!part.isEmpty()) {
                text.append(text.length() == 0 ? "" : " ").append(part);
            }
            if (text.length() > BlueprintLimits.DESCRIPTION) {
                problem(t, "this comment makes a description of more than " + BlueprintLimits.DESCRIPTION + " characters",
                        "shorten it, or leave a blank line between the comment and what follows: a comment right before an"
                                + " element becomes its description");
                return Optional.empty();
            }
        }
        return text.length() == 0 ? Optional.empty() : Optional.of(text.toString());
    }

    private static String clean(String comment) {
        String s = comment.startsWith("/**") ? comment.substring(3, comment.length() - 2)
                : comment.startsWith("//") ? comment.substring(2) : comment;
        StringBuilder out = new StringBuilder();
        for (String line : s.split("\n")) {
            String l = line.trim();
            if (l.startsWith("*")) {
                l = l.substring(1).trim();
            }
            if (!l.isEmpty()) {
                out.append(out.length() == 0 ? "" : " ").append(l);
            }
        }
        return out.toString();
    }
}
