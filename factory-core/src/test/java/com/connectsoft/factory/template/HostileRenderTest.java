package com.connectsoft.factory.template;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.connectsoft.factory.app.Factory;
import com.connectsoft.factory.blueprint.domain.Blueprint;
import com.connectsoft.factory.blueprint.domain.Module;
import com.connectsoft.factory.blueprint.domain.ParseOutcome;
import com.connectsoft.factory.generation.application.FactoryVersions;
import com.connectsoft.factory.generation.application.RenderModule;
import com.connectsoft.factory.platform.json.Json;
import com.connectsoft.factory.run.TestFactory;
import com.connectsoft.factory.template.adapter.filesystem.FileSystemTemplateCatalog;
import com.connectsoft.factory.template.adapter.mustache.MustacheEngine;
import com.connectsoft.factory.template.domain.TemplateEngine;
import com.connectsoft.factory.generation.application.TemplateRenderer;
import com.connectsoft.factory.template.domain.Fragment;
import com.connectsoft.factory.template.domain.OutputLanguage;
import com.connectsoft.factory.template.domain.RenderOutcome;
import com.connectsoft.factory.template.domain.RenderedFile;
import com.connectsoft.factory.template.domain.TemplateFile;
import com.connectsoft.factory.template.domain.TemplatePackage;
import com.fasterxml.jackson.databind.JsonNode;
import com.sun.source.tree.CompilationUnitTree;
import com.sun.source.tree.IdentifierTree;
import com.sun.source.tree.MemberSelectTree;
import com.sun.source.util.JavacTask;
import com.sun.source.util.TreeScanner;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import javax.tools.Diagnostic;
import javax.tools.DiagnosticCollector;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.SimpleJavaFileObject;
import javax.tools.ToolProvider;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * Hostile text from a blueprint (comment terminators, Java unicode escapes, quotes, XML, YAML, JSON, Markdown and HTML
 * breakers, build-tool interpolation) rendered through every file of every template in the catalog: each output
 * parses in its language, no breaker became code, and the values read back unchanged where a parser can read them.
 */
class HostileRenderTest {
    static final String PRODUCT = "E */P(); /*\\u002a/\"q'</name>]]>--> ${env.HOME} {{x}} `t` <b>#&é日🙂";
    static final String DESCRIPTION = "D */ PWNED(); /* \\u002a/ PWNED2(); \"q\" 's' </description> --> ${env.HOME} <script>x</script> "
            + "[l](http://x) | t | ~~s~~ \\ end\\";
    static final String MODULE = "1. M */ PWNED(); /* \\u002A/ PWNED3(); \"q\" # not a heading";
    static final String YAML = """
            blueprint: 1
            product:
              name: 'E */P(); /*\\u002a/"q''</name>]]>--> ${env.HOME} {{x}} `t` <b>#&é日🙂'
              description: 'D */ PWNED(); /* \\u002a/ PWNED2(); "q" ''s'' </description> --> ${env.HOME} <script>x</script> [l](http://x) | t | ~~s~~ \\ end\\'
              package: com.evil.shop
            modules:
              - name: orders
                description: '1. M */ PWNED(); /* \\u002A/ PWNED3(); "q" # not a heading'
                entities:
                  - name: Order
                    description: 'E */ PWNED(); /* \\u002a/ PWNED4(); @param x {@code y} <b>'
                    fields:
                      - { name: code, type: string, required: true, description: 'F */ PWNED(); "q" \\u0022 ', pattern: '^[*/"\\\\]{1,5}$', example: '*/"' }
                      - { name: status, type: enum, values: [NEW, DONE], description: 'S --> ]]> ${x}' }
                    relationships:
                      - { name: customer, kind: many-to-one, target: Customer, description: 'R */ x \\u002a/ y' }
                  - name: Customer
                    fields:
                      - { name: name, type: string, required: true }
                events:
                  - { name: OrderPlaced, entity: Order, on: created }
            """;
    static final String JDL = """
            /** Order \\u002a/ static { PWNED(); } /* quote \\u0022 and */
            entity Order {
              /** field \\u002A\\u002F PWNED2(); */
              code String required
            }
            """;
    static final Set<String> PLANTED = Set.of("PWNED", "PWNED2", "PWNED3", "PWNED4", "P");

    private final FileSystemTemplateCatalog catalog = new FileSystemTemplateCatalog(TestFactory.ROOT.resolve("templates"));
    private final RenderModule render = new RenderModule(new TemplateRenderer(new MustacheEngine(), catalog), FactoryVersions.load());

    private List<RenderedFile> renderAll(String fileName, String text, TemplatePackage pkg) {
        ParseOutcome parsed = com.connectsoft.factory.blueprint.BlueprintConfiguration.READERS.read(fileName, text.getBytes(StandardCharsets.UTF_8));
        Blueprint bp = assertInstanceOf(ParseOutcome.Accepted.class, parsed, parsed::toString).blueprint();
        List<RenderedFile> out = new ArrayList<>();
        for (Module m : bp.modules()) {
            RenderOutcome o = render.render(bp, m, pkg);
            out.addAll(assertInstanceOf(RenderOutcome.Rendered.class, o, o::toString).files());
        }
        return out;
    }

    @ParameterizedTest
    @ValueSource(strings = {"hostile.blueprint.yaml", "hostile.jdl"})
    void everyFileOfEveryTemplateParsesAndNoValueBecomesCode(String input) throws Exception {
        String text = input.endsWith(".jdl") ? JDL : YAML;
        assertFalse(catalog.all().isEmpty());
        for (TemplatePackage pkg : catalog.all()) {
            Map<String, OutputLanguage> languages = new java.util.HashMap<>();
            List<RenderedFile> files = renderAll(input, text, pkg);
            int checked = 0;
            for (RenderedFile f : files) {
                String content = new String(f.bytes(), StandardCharsets.UTF_8);
                OutputLanguage language = OutputLanguage.ofTarget(f.path()).orElse(OutputLanguage.TEXT);
                languages.put(f.path(), language);
                switch (language) {
                    case JAVA -> assertJavaParsesWithoutPlantedCode(f.path(), content);
                    case XML -> DocumentBuilderFactory.newDefaultInstance().newDocumentBuilder().parse(new ByteArrayInputStream(f.bytes()));
                    case JSON -> Json.read(content);
                    case YAML -> new Yaml(new SafeConstructor(new LoaderOptions())).loadAll(content).forEach(doc -> { });
                    case MARKDOWN -> {
                        assertFalse(content.contains("<script") || content.contains("<b>") || content.contains("</name>"), f.path());
                        assertFalse(content.lines().anyMatch(l -> l.startsWith("1. M") || l.startsWith("# not")), f.path());
                    }
                    case TYPESCRIPT -> assertFalse(code(content).contains("PWNED"), f.path() + ": blueprint text outside a string or comment");
                    case HTML -> assertFalse(content.contains("<script>x") || content.contains("</description>"), f.path());
                    default -> assertFalse(content.contains("PWNED"), f.path() + " holds blueprint text it has no place for");
                }
                checked++;
            }
            assertEquals(files.size(), checked);
            if (input.endsWith(".yaml")) {
                valuesReadBackUnchanged(files);
            }
        }
    }

    private void valuesReadBackUnchanged(List<RenderedFile> files) {
        for (RenderedFile f : files) {
            String content = new String(f.bytes(), StandardCharsets.UTF_8);
            if (f.path().endsWith("openapi.json")) {
                JsonNode doc = Json.read(content);
                assertEquals(PRODUCT + ": orders", doc.at("/info/title").asText());
                assertEquals(MODULE, doc.at("/info/description").asText());
                assertEquals("^[*/\"\\\\]{1,5}$", doc.at("/components/schemas/Order/properties/code/pattern").asText());
            }
            if (f.path().endsWith("Pulumi.yaml")) {
                Map<String, Object> doc = new Yaml(new SafeConstructor(new LoaderOptions())).load(content);
                assertTrue(String.valueOf(doc.get("description")).contains(PRODUCT), String.valueOf(doc.get("description")));
            }
            if (f.path().endsWith("pom.xml")) {
                assertFalse(content.contains("${env.HOME}"), "blueprint text reached a POM, where Maven would interpolate it");
            }
        }
    }

    /** TypeScript without its string and template literals and its comments: what would run. */
    static String code(String ts) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < ts.length(); i++) {
            char c = ts.charAt(i);
            if (c == '/' && i + 1 < ts.length() && ts.charAt(i + 1) == '/') {
                while (i < ts.length() && ts.charAt(i) != '\n') {
                    i++;
                }
            } else if (c == '/' && i + 1 < ts.length() && ts.charAt(i + 1) == '*') {
                int end = ts.indexOf("*/", i + 2);
                assertTrue(end > 0, "an unclosed comment");
                i = end + 1;
            } else if (c == '"' || c == '\'' || c == '`') {
                int j = i + 1;
                while (j < ts.length() && ts.charAt(j) != c) {
                    if (ts.charAt(j) == '\n' && c != '`') {
                        throw new AssertionError("a line break inside a string: " + ts.substring(i, j));
                    }
                    j += ts.charAt(j) == '\\' ? 2 : 1;
                }
                i = j;
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }

    private static void assertJavaParsesWithoutPlantedCode(String path, String source) throws Exception {
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
        JavaFileObject file = new SimpleJavaFileObject(URI.create("string:///" + path), JavaFileObject.Kind.SOURCE) {
            @Override
            public CharSequence getCharContent(boolean ignoreEncodingErrors) {
                return source;
            }
        };
        JavacTask task = (JavacTask) javac.getTask(null, null, diagnostics, List.of("-proc:none"), null, List.of(file));
        Set<String> names = new TreeSet<>();
        for (CompilationUnitTree unit : task.parse()) {
            unit.accept(new TreeScanner<Void, Void>() {
                @Override
                public Void visitIdentifier(IdentifierTree node, Void unused) {
                    names.add(node.getName().toString());
                    return super.visitIdentifier(node, unused);
                }

                @Override
                public Void visitMemberSelect(MemberSelectTree node, Void unused) {
                    names.add(node.getIdentifier().toString());
                    return super.visitMemberSelect(node, unused);
                }
            }, null);
        }
        List<String> errors = diagnostics.getDiagnostics().stream().filter(d -> d.getKind() == Diagnostic.Kind.ERROR)
                .map(d -> d.getLineNumber() + ": " + d.getMessage(null)).toList();
        assertTrue(errors.isEmpty(), path + " does not parse: " + errors);
        names.retainAll(PLANTED);
        assertTrue(names.isEmpty(), path + ": blueprint text became code: " + names);
    }

    @Test
    void eachLanguageEscapesItsBreakersAndControlCharacters() {
        assertEquals("*\\057 \\\\u002a \\\"q\\\" \\'s\\' a\\nb \\000 \\\\u202e", OutputLanguage.JAVA.escape("*/ \\u002a \"q\" 's' a\nb \u0000 \u202e"));
        assertEquals("\\057x", OutputLanguage.JAVA.escape("/x"), "a leading slash could close a comment the template opened with '*'");
        assertEquals("&lt;/name&gt;&amp;&quot;&apos;-&#45;-&#10;\uFFFD", OutputLanguage.XML.escape("</name>&\"'---\n\u0007"));
        assertEquals("ends-&#45;", OutputLanguage.XML.escape("ends--"));
        assertEquals("\\\"\\\\<\\/x\\n\\u0000\\u202e🙂", OutputLanguage.JSON.escape("\"\\</x\n\u0000\u202e🙂"));
        assertEquals("\\\"\\\\: # \\n\\u0007\\U000e0001🙂", OutputLanguage.YAML.escape("\"\\: # \n\u0007\uDB40\uDC01🙂"));
        assertEquals("\\# \\*x\\* \\[l\\](u) &lt;b&gt; \\`c\\` a b", OutputLanguage.MARKDOWN.escape("# *x* [l](u) <b> `c` a\nb"));
        assertEquals("1\\. x", OutputLanguage.MARKDOWN.escape("1. x"));
        assertEquals("\\ a\\=b\\:c\\#d\\!\\n\\u00e9", OutputLanguage.PROPERTIES.escape(" a=b:c#d!\né"));
        assertEquals("a b c", OutputLanguage.TEXT.escape("a\nb\tc"));
    }

    @Test
    void templatesCannotAskForUnescapedOutputAndFragmentsStayInTheirLanguage() {
        TemplateEngine engine = new MustacheEngine();
        Map<String, Object> data = Map.of("v", "*/ x", "code", Fragment.java("call(\"x\")"), "schema", Fragment.json("{\"a\":1}"));
        for (String unescaped : List.of("{{{v}}}", "{{& v}}", "{{=<% %>=}}<%v%>")) {
            TemplateEngine.TemplateError e = org.junit.jupiter.api.Assertions.assertThrows(TemplateEngine.TemplateError.class,
                    () -> engine.render("t.java", unescaped, data, OutputLanguage.JAVA));
            assertTrue(e.getMessage().contains("not allowed"), e.getMessage());
        }
        assertEquals("/** *\\057 x */ call(\"x\");", engine.render("t.java", "/** {{v}} */ {{code}};", data, OutputLanguage.JAVA));
        assertEquals("{\"a\":1}", engine.render("t.json", "{{schema}}", data, OutputLanguage.JSON));
        TemplateEngine.TemplateError misplaced = org.junit.jupiter.api.Assertions.assertThrows(TemplateEngine.TemplateError.class,
                () -> engine.render("pom.xml", "<a>{{code}}</a>", data, OutputLanguage.XML));
        assertTrue(misplaced.getMessage().contains("a java fragment cannot be placed in a xml file"), misplaced.getMessage());
    }

    @Test
    void aTemplateFileWhoseLanguageCannotBeToldMustDeclareIt(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) throws Exception {
        java.nio.file.Path pkg = java.nio.file.Files.createDirectories(dir.resolve("t/pkg/files"));
        java.nio.file.Files.writeString(pkg.resolve("Dockerfile.mustache"), "FROM x\nLABEL name={{name}}\n");
        String manifest = """
                id: ConnectSoft.Template.Docker
                version: 1.0.0
                engine: mustache
                parameters: { type: object }
                files:
                  - { source: Dockerfile.mustache, target: Dockerfile%s }
                """;
        java.nio.file.Files.writeString(pkg.getParent().resolve("template.yaml"), manifest.formatted(""));
        IllegalStateException e = org.junit.jupiter.api.Assertions.assertThrows(IllegalStateException.class,
                () -> new FileSystemTemplateCatalog(dir.resolve("t")));
        assertTrue(e.getMessage().contains("declare it with escape:"), e.getMessage());
        java.nio.file.Files.writeString(pkg.getParent().resolve("template.yaml"), manifest.formatted(", escape: text"));
        assertEquals(OutputLanguage.TEXT, new FileSystemTemplateCatalog(dir.resolve("t")).all().get(0).files().get(0).language());
    }
}
