package com.connectsoft.factory.build.adapter;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.javaparser.JavaParser;
import com.github.javaparser.ParseResult;
import com.github.javaparser.ParserConfiguration;
import com.github.javaparser.ast.CompilationUnit;
import com.github.javaparser.ast.Node;
import com.github.javaparser.ast.body.FieldDeclaration;
import com.github.javaparser.ast.body.MethodDeclaration;
import com.github.javaparser.ast.body.Parameter;
import com.github.javaparser.ast.body.TypeDeclaration;
import com.github.javaparser.ast.body.VariableDeclarator;
import com.github.javaparser.ast.expr.AnnotationExpr;
import com.github.javaparser.ast.expr.ArrayInitializerExpr;
import com.github.javaparser.ast.expr.BinaryExpr;
import com.github.javaparser.ast.expr.EnclosedExpr;
import com.github.javaparser.ast.expr.Expression;
import com.github.javaparser.ast.expr.FieldAccessExpr;
import com.github.javaparser.ast.expr.NameExpr;
import com.github.javaparser.ast.expr.NormalAnnotationExpr;
import com.github.javaparser.ast.expr.SingleMemberAnnotationExpr;
import com.github.javaparser.ast.expr.StringLiteralExpr;
import com.github.javaparser.ast.expr.TextBlockLiteralExpr;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;

/**
 * The functions of a generated module two ways: declared in its Java sources ({@code @FunctionName} methods and their
 * trigger annotations, read with a parser, never compiled or run here), and as the {@code azure} packaging wrote them
 * ({@code function.json} per function, collected from the sandboxed build). {@link #mismatch} compares them: every
 * declared function has a {@code function.json} with the same entry point, trigger type and, for HTTP triggers, the
 * same route, methods and auth level; no {@code function.json} is left over. Both readers are bounded (file count and
 * size) because the sources and the build's outputs are untrusted.
 */
public final class FunctionBindings {
    static final int MAX_SOURCE_FILES = 4000;
    static final long MAX_SOURCE_BYTES = 1L << 20;
    static final int MAX_FUNCTIONS = 1000;
    static final long MAX_FUNCTION_JSON_BYTES = 64 * 1024;
    private static final int MAX_CONSTANT_DEPTH = 8;
    private static final ObjectMapper JSON = new ObjectMapper();

    private FunctionBindings() {
    }

    /** One function: its name, entry point ({@code package.Class.method}), trigger binding type and HTTP settings. */
    public record Function(String name, String entryPoint, String trigger, String route, Set<String> methods, String authLevel) {
    }

    /** What was read, or why it could not be: one line. */
    public sealed interface Read {
        record Functions(Map<String, Function> byName) implements Read {
        }

        record Unreadable(String reason) implements Read {
        }
    }

    // ---- the sources ----

    /** The functions declared under {@code sourceRoot} (a module's {@code src/main/java}). */
    public static Read declared(Path sourceRoot) {
        if (!Files.isDirectory(sourceRoot, LinkOption.NOFOLLOW_LINKS)) {
            return new Read.Functions(Map.of());
        }
        List<Path> files;
        try (Stream<Path> s = Files.walk(sourceRoot)) {
            files = s.filter(p -> p.toString().endsWith(".java") && Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS))
                    .limit(MAX_SOURCE_FILES + 1L).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + sourceRoot, e);
        }
        if (files.size() > MAX_SOURCE_FILES) {
            return new Read.Unreadable("more than " + MAX_SOURCE_FILES + " Java files under src/main/java");
        }
        JavaParser parser = new JavaParser(new ParserConfiguration().setLanguageLevel(ParserConfiguration.LanguageLevel.JAVA_17));
        Map<String, Function> functions = new LinkedHashMap<>();
        for (Path file : files) {
            String shown = sourceRoot.relativize(file).toString();
            try {
                if (Files.size(file) > MAX_SOURCE_BYTES) {
                    return new Read.Unreadable(shown + " is larger than " + (MAX_SOURCE_BYTES >> 10) + " KiB");
                }
                String text = Files.readString(file, StandardCharsets.UTF_8);
                if (!text.contains("FunctionName")) {
                    continue;
                }
                ParseResult<CompilationUnit> parsed = parser.parse(text);
                if (!parsed.isSuccessful() || parsed.getResult().isEmpty()) {
                    return new Read.Unreadable(shown + " does not parse: " + parsed.getProblems().stream().findFirst()
                            .map(p -> p.getVerboseMessage().lines().findFirst().orElse("")).orElse("unknown problem"));
                }
                for (MethodDeclaration m : parsed.getResult().get().findAll(MethodDeclaration.class)) {
                    Optional<AnnotationExpr> name = annotation(m, "FunctionName");
                    if (name.isEmpty()) {
                        continue;
                    }
                    Function f = function(m, name.get(), shown);
                    if (functions.putIfAbsent(f.name(), f) != null) {
                        return new Read.Unreadable("two functions are named " + f.name() + " (" + functions.get(f.name()).entryPoint()
                                + " and " + f.entryPoint() + ")");
                    }
                    if (functions.size() > MAX_FUNCTIONS) {
                        return new Read.Unreadable("more than " + MAX_FUNCTIONS + " functions");
                    }
                }
            } catch (Unresolvable e) {
                return new Read.Unreadable(e.getMessage());
            } catch (StackOverflowError e) {
                return new Read.Unreadable(shown + " is nested too deeply to read");
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read " + file, e);
            }
        }
        return new Read.Functions(functions);
    }

    private static Function function(MethodDeclaration m, AnnotationExpr nameAnnotation, String file) {
        String name = string(value(nameAnnotation, "value").orElseThrow(() -> new Unresolvable(file + ": @FunctionName without a name")),
                m, 0, file);
        String entryPoint = typeName(m) + "." + m.getNameAsString();
        for (Parameter p : m.getParameters()) {
            for (AnnotationExpr a : p.getAnnotations()) {
                String simple = a.getName().getIdentifier();
                if (!simple.endsWith("Trigger")) {
                    continue;
                }
                String trigger = bindingType(simple);
                if (!trigger.equals("httpTrigger")) {
                    return new Function(name, entryPoint, trigger, "", Set.of(), "");
                }
                String route = value(a, "route").map(e -> string(e, m, 0, file)).orElse("");
                Set<String> methods = new TreeSet<>();
                value(a, "methods").ifPresent(e -> {
                    List<Expression> items = e instanceof ArrayInitializerExpr array ? array.getValues() : List.of(e);
                    items.forEach(i -> methods.add(constantName(i, name, "methods")));
                });
                String authLevel = value(a, "authLevel").map(e -> constantName(e, name, "authLevel")).orElse("ANONYMOUS");
                return new Function(name, entryPoint, trigger, route, methods, authLevel);
            }
        }
        return new Function(name, entryPoint, "", "", Set.of(), "");
    }

    /** The binding type the packaging writes for a trigger annotation (e.g. HttpTrigger → httpTrigger). */
    static String bindingType(String annotation) {
        return switch (annotation) {
            case "ServiceBusQueueTrigger", "ServiceBusTopicTrigger" -> "serviceBusTrigger";
            case "DurableActivityTrigger" -> "activityTrigger";
            case "DurableOrchestrationTrigger" -> "orchestrationTrigger";
            case "DurableEntityTrigger" -> "entityTrigger";
            default -> Character.toLowerCase(annotation.charAt(0)) + annotation.substring(1);
        };
    }

    private static Optional<AnnotationExpr> annotation(MethodDeclaration m, String simpleName) {
        return m.getAnnotations().stream().filter(a -> a.getName().getIdentifier().equals(simpleName)).findFirst();
    }

    private static Optional<Expression> value(AnnotationExpr a, String member) {
        if (a instanceof SingleMemberAnnotationExpr single) {
            return member.equals("value") ? Optional.of(single.getMemberValue()) : Optional.empty();
        }
        if (a instanceof NormalAnnotationExpr normal) {
            return normal.getPairs().stream().filter(p -> p.getNameAsString().equals(member)).map(p -> p.getValue()).findFirst();
        }
        return Optional.empty();
    }

    /** An enum constant as written ({@code HttpMethod.GET} or a statically imported {@code GET}): its name. */
    private static String constantName(Expression e, String function, String member) {
        if (e instanceof FieldAccessExpr field) {
            return field.getNameAsString();
        }
        if (e instanceof NameExpr name) {
            return name.getNameAsString();
        }
        throw new Unresolvable(member + " of function " + function + " is not an enum constant the check can read: " + e);
    }

    /** A string constant: literals, text blocks, + of constants, and static final String fields of the same file. */
    private static String string(Expression e, Node at, int depth, String file) {
        if (depth > MAX_CONSTANT_DEPTH) {
            throw new Unresolvable(file + ": a constant refers to constants more than " + MAX_CONSTANT_DEPTH + " deep");
        }
        if (e instanceof StringLiteralExpr literal) {
            return literal.asString();
        }
        if (e instanceof TextBlockLiteralExpr text) {
            return text.asString();
        }
        if (e instanceof EnclosedExpr enclosed) {
            return string(enclosed.getInner(), at, depth + 1, file);
        }
        if (e instanceof BinaryExpr binary && binary.getOperator() == BinaryExpr.Operator.PLUS) {
            return string(binary.getLeft(), at, depth + 1, file) + string(binary.getRight(), at, depth + 1, file);
        }
        String name = e instanceof NameExpr n ? n.getNameAsString() : e instanceof FieldAccessExpr f ? f.getNameAsString() : null;
        if (name != null) {
            for (VariableDeclarator v : at.findCompilationUnit().map(cu -> cu.findAll(VariableDeclarator.class)).orElse(List.of())) {
                if (v.getNameAsString().equals(name) && v.getInitializer().isPresent()
                        && v.getParentNode().filter(p -> p instanceof FieldDeclaration fd && fd.isStatic() && fd.isFinal()).isPresent()) {
                    return string(v.getInitializer().get(), at, depth + 1, file);
                }
            }
        }
        throw new Unresolvable(file + ": '" + e + "' is not a string constant the check can read (a literal, or a static final "
                + "String of the same file)");
    }

    /** The binary name of the type declaring {@code m}: package, then enclosing types joined by '$'. */
    private static String typeName(MethodDeclaration m) {
        List<String> names = new ArrayList<>();
        Optional<Node> n = m.getParentNode();
        while (n.isPresent()) {
            if (n.get() instanceof TypeDeclaration<?> t) {
                names.add(0, t.getNameAsString());
            }
            n = n.get().getParentNode();
        }
        String pkg = m.findCompilationUnit().flatMap(CompilationUnit::getPackageDeclaration).map(p -> p.getNameAsString() + ".").orElse("");
        return pkg + String.join("$", names);
    }

    private static final class Unresolvable extends RuntimeException {
        Unresolvable(String message) {
            super(message, null, false, false);
        }
    }

    // ---- the packaging ----

    /**
     * The functions the packaging wrote: {@code appDir/<function>/function.json} for each function directory of the app
     * directory(ies) under {@code azureFunctions} ({@code target/azure-functions}).
     */
    public static Read packaged(Path azureFunctions) {
        Map<String, Function> functions = new LinkedHashMap<>();
        if (!Files.isDirectory(azureFunctions, LinkOption.NOFOLLOW_LINKS)) {
            return new Read.Unreadable("the azure packaging wrote no function.json (no target/azure-functions)");
        }
        List<Path> files;
        try (Stream<Path> s = Files.walk(azureFunctions, 3)) {
            files = s.filter(p -> p.getFileName().toString().equals("function.json") && azureFunctions.relativize(p).getNameCount() == 3)
                    .filter(p -> Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS)).limit(MAX_FUNCTIONS + 1L).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + azureFunctions, e);
        }
        if (files.size() > MAX_FUNCTIONS) {
            return new Read.Unreadable("more than " + MAX_FUNCTIONS + " function.json files");
        }
        for (Path file : files) {
            String name = file.getParent().getFileName().toString();
            try {
                if (Files.size(file) > MAX_FUNCTION_JSON_BYTES) {
                    return new Read.Unreadable("function.json of " + name + " is larger than " + (MAX_FUNCTION_JSON_BYTES >> 10) + " KiB");
                }
                JsonNode json = JSON.readTree(Files.readString(file, StandardCharsets.UTF_8));
                JsonNode trigger = null;
                for (JsonNode b : json.path("bindings")) {
                    if (b.path("direction").asText().equals("in") && b.path("type").asText().toLowerCase(Locale.ROOT).endsWith("trigger")) {
                        trigger = b;
                        break;
                    }
                }
                String type = trigger == null ? "" : trigger.path("type").asText();
                boolean http = type.equals("httpTrigger");
                Set<String> methods = new TreeSet<>();
                if (http) {
                    trigger.path("methods").forEach(m -> methods.add(m.asText().toUpperCase(Locale.ROOT)));
                }
                functions.put(name, new Function(name, json.path("entryPoint").asText(), type, http ? trigger.path("route").asText("") : "",
                        methods, http ? trigger.path("authLevel").asText("ANONYMOUS").toUpperCase(Locale.ROOT) : ""));
            } catch (IOException e) {
                return new Read.Unreadable("function.json of " + name + " is not JSON");
            }
        }
        return new Read.Functions(functions);
    }

    // ---- the check ----

    /** Why the packaged functions differ from the declared ones (one line), or empty when they agree. */
    public static Optional<String> mismatch(Map<String, Function> declared, Map<String, Function> packaged) {
        for (Function d : declared.values()) {
            Function p = packaged.get(d.name());
            if (p == null) {
                return Optional.of(d.name() + " (" + d.entryPoint() + ") has no function.json");
            }
            Optional<String> differs = differs(d.name(), "entryPoint", d.entryPoint(), p.entryPoint())
                    .or(() -> differs(d.name(), "trigger type", d.trigger(), p.trigger()))
                    .or(() -> differs(d.name(), "route", d.route(), p.route()))
                    .or(() -> differs(d.name(), "methods", String.join(",", d.methods()), String.join(",", p.methods())))
                    .or(() -> differs(d.name(), "authLevel", d.authLevel(), p.authLevel()));
            if (differs.isPresent()) {
                return differs;
            }
        }
        return packaged.keySet().stream().filter(n -> !declared.containsKey(n)).findFirst()
                .map(n -> "function.json of " + n + " has no @FunctionName(\"" + n + "\") in the sources");
    }

    private static Optional<String> differs(String function, String what, String declared, String packaged) {
        return declared.equals(packaged) ? Optional.empty()
                : Optional.of(function + ": " + what + " is '" + packaged + "' in function.json but '" + declared + "' in the sources");
    }
}
