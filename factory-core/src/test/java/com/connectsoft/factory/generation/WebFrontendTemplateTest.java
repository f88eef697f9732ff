package com.connectsoft.factory.generation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.connectsoft.factory.blueprint.BlueprintConfiguration;
import com.connectsoft.factory.blueprint.domain.Blueprint;
import com.connectsoft.factory.blueprint.domain.ParseOutcome;
import com.connectsoft.factory.generation.application.FactoryVersions;
import com.connectsoft.factory.generation.application.RenderModule;
import com.connectsoft.factory.generation.application.TemplateRenderer;
import com.connectsoft.factory.run.TestFactory;
import com.connectsoft.factory.template.adapter.filesystem.FileSystemTemplateCatalog;
import com.connectsoft.factory.template.adapter.mustache.MustacheEngine;
import com.connectsoft.factory.template.domain.RenderOutcome;
import com.connectsoft.factory.template.domain.RenderedFile;
import com.connectsoft.factory.template.domain.TemplatePackage;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The web front end template renders the blueprint's entities, rules and text safely into TypeScript. */
public class WebFrontendTemplateTest {
    static final FileSystemTemplateCatalog CATALOG = new FileSystemTemplateCatalog(TestFactory.ROOT.resolve("templates"));
    static final RenderModule RENDER = new RenderModule(new TemplateRenderer(new MustacheEngine(), CATALOG), FactoryVersions.load());
    static final TemplatePackage WEB = CATALOG.latest("ConnectSoft.Template.WebFrontend").orElseThrow();

    static Blueprint read(String name, String yaml) {
        return assertInstanceOf(ParseOutcome.Accepted.class, BlueprintConfiguration.READERS.read(name, yaml.getBytes(StandardCharsets.UTF_8)))
                .blueprint();
    }

    static Map<String, String> render(Blueprint bp) {
        RenderOutcome out = RENDER.render(bp, bp.modules().get(0), WEB);
        return assertInstanceOf(RenderOutcome.Rendered.class, out, out::toString).files().stream()
                .collect(Collectors.toMap(RenderedFile::path, f -> new String(f.bytes(), StandardCharsets.UTF_8), (a, b) -> a,
                        java.util.TreeMap::new));
    }

    /** Renders the template's sample into {@code dir} (what its preparation and the npm build tests build). */
    public static void renderSample(Path dir) throws Exception {
        Blueprint bp = read("sample.blueprint.yaml", Files.readString(WEB.sample().orElseThrow()));
        for (var e : render(bp).entrySet()) {
            Path p = dir.resolve(e.getKey());
            Files.createDirectories(p.getParent());
            Files.writeString(p, e.getValue());
        }
    }

    @Test
    void rendersAPagePerEntityAndATestPerEntityWithTheBlueprintsRules() throws Exception {
        Blueprint bp = read("sample.blueprint.yaml", Files.readString(WEB.sample().orElseThrow()));
        Map<String, String> files = render(bp);
        assertTrue(files.keySet().containsAll(List.of("package.json", "package-lock.json", "src/entities/Product.ts",
                "src/entities/Product.test.tsx", "src/entities/Review.ts", "src/entities/Review.test.tsx", "src/App.tsx")), files.keySet()::toString);
        String product = files.get("src/entities/Product.ts");
        assertTrue(product.contains("maxLength: 80,"), product);
        assertTrue(product.contains("pattern: \"^[A-Z]\\u007b3\\u007d-[0-9]\\u007b4\\u007d\\u0024\""), product);
        assertTrue(product.contains("readonly category: \"BOOKS\" | \"GAMES\" | \"TOOLS\" | never;"), product);
        String test = files.get("src/entities/Product.test.tsx");
        assertTrue(test.contains("it(\"refuses to send when Name is longer than 80\""), test);
        assertTrue(test.contains("\"x\".repeat(81)"), test);
        assertTrue(files.get("src/entities/Review.test.tsx").contains("it(\"refuses to send when Product id is required\""));
        assertTrue(files.get("package.json").contains("\"name\": \"web-sample-catalog-web\""), files.get("package.json"));
    }

    @Test
    void blueprintTextStaysInsideTypeScriptStringsAndComments() {
        Blueprint bp = read("evil.yaml", """
                blueprint: 1
                product: { name: Evil, package: com.example.evil }
                modules:
                  - name: shop
                    entities:
                      - name: Item
                        description: "ends the comment */ alert(1); /* and ${injected} `tick` </script>"
                        fields:
                          - name: label
                            type: string
                            description: "a \\" quote ' and \\\\ backslash {{mustache}} <b>bold</b>"
                """);
        String item = render(bp).get("src/entities/Item.ts");
        assertFalse(item.contains("*/ alert"), item);
        assertFalse(item.contains("${injected}"), item);
        assertFalse(item.contains("</script>"), item);
        assertTrue(item.contains("description: \"a \\\" quote \\' and \\\\ backslash \\u007b\\u007bmustache\\u007d\\u007d \\u003cb\\u003ebold"), item);
    }
}
