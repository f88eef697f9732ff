package com.connectsoft.factory.generation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.connectsoft.factory.blueprint.BlueprintConfiguration;
import com.connectsoft.factory.blueprint.domain.Blueprint;
import com.connectsoft.factory.blueprint.domain.Module;
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
import java.lang.reflect.Method;
import java.lang.reflect.RecordComponent;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * FunctionsMicroservice 1.3.0 names every Azure resource validly whatever the tenant calls its modules: the test
 * renders a blueprint with awkward module names, compiles the generated {@code AzureNames} (plain JDK) and checks the
 * names it derives for each module's own service name against Azure's rules, independently of the generated tests.
 */
class InfraNamesTest {
    private static final String TEMPLATE = "ConnectSoft.Template.FunctionsMicroservice";
    private static final FileSystemTemplateCatalog CATALOG = new FileSystemTemplateCatalog(TestFactory.ROOT.resolve("templates"));
    private static final RenderModule RENDER = new RenderModule(new TemplateRenderer(new MustacheEngine(), CATALOG), FactoryVersions.load());

    /** Azure's rules for each name AzureNames gives, by record component. */
    private static final Map<String, Pattern> RULES = Map.of(
            "storageAccount", Pattern.compile("[a-z0-9]{3,24}"),
            "cosmosAccount", Pattern.compile("(?!.*--)[a-z0-9][a-z0-9-]{1,42}[a-z0-9]"),
            "serviceBusNamespace", Pattern.compile("(?!.*-(sb|mgmt)$)[a-zA-Z][a-zA-Z0-9-]{4,48}[a-zA-Z0-9]"),
            "functionApp", Pattern.compile("[a-zA-Z0-9][a-zA-Z0-9-]{0,58}[a-zA-Z0-9]"),
            "plan", Pattern.compile("[a-zA-Z0-9-]{1,40}"),
            "identity", Pattern.compile("[a-zA-Z0-9][a-zA-Z0-9_-]{2,127}"),
            "logWorkspace", Pattern.compile("[a-zA-Z0-9][a-zA-Z0-9-]{2,61}[a-zA-Z0-9]"),
            "insights", Pattern.compile("[^%&\\\\?/]{0,259}[^%&\\\\?/. ]"));

    /** A long product name with long hyphenated modules, and a digits-first product with tiny and underscored ones. */
    private static final List<String> BLUEPRINTS = List.of("""
            product:
              name: Northwind Regional Clinic Scheduling And Appointment Booking Platform
              package: org.example.clinic
            modules:
              - { name: patient-appointments-scheduling-wait-a, entities: [ { name: Booking } ] }
              - { name: patient-appointments-scheduling-wait-b, entities: [ { name: Slot } ] }
              - { name: Imaging3D, entities: [ { name: Scan } ] }
            """, """
            product:
              name: 3D Print Shop
              package: org.example.print
            modules:
              - { name: x, entities: [ { name: Thing } ] }
              - { name: Order__Lines_2024, entities: [ { name: Line } ] }
            """);

    @TempDir
    Path dir;

    @Test
    void everyModuleOfAnAwkwardBlueprintGetsValidUniqueAzureNames() throws Exception {
        TemplatePackage template = CATALOG.find(TEMPLATE, "1.3.0").orElseThrow();
        Set<String> storageAccounts = new HashSet<>();
        Set<String> functionApps = new HashSet<>();
        int modules = 0;
        for (String yaml : BLUEPRINTS) {
            ParseOutcome o = BlueprintConfiguration.READERS.read("shop.blueprint.yaml", yaml.getBytes(StandardCharsets.UTF_8));
            Blueprint bp = assertInstanceOf(ParseOutcome.Accepted.class, o, o::toString).blueprint();
            for (Module m : bp.modules()) {
                Compiled compiled = renderAndCompile(bp, m, template);
                Class<?> names = compiled.names();
                String moduleName = compiled.module();
                for (List<String> stack : List.of(List.of("acme", "proj-1", "dev"), List.of("t".repeat(200), "p", "production-west-europe"))) {
                    Map<String, String> derived = derive(names, moduleName, stack.get(0), stack.get(1), stack.get(2));
                    assertEquals(RULES.keySet(), derived.keySet());
                    derived.forEach((kind, value) -> assertTrue(RULES.get(kind).matcher(value).matches(),
                            m.name() + " (" + moduleName + "): " + kind + " '" + value + "' breaks Azure's naming rule " + RULES.get(kind)));
                    assertEquals(derived, derive(names, moduleName, stack.get(0), stack.get(1), stack.get(2)), "deterministic");
                    storageAccounts.add(derived.get("storageAccount"));
                    functionApps.add(derived.get("functionApp"));
                }
                assertNotEquals(derive(names, moduleName, "acme", "proj-1", "dev").get("storageAccount"),
                        derive(names, moduleName, "globex", "proj-1", "dev").get("storageAccount"), "another tenant, another account");
                modules++;
            }
        }
        assertEquals(5, modules);
        assertEquals(2 * modules, storageAccounts.size(), "unique per module and stack: " + storageAccounts);
        assertEquals(2 * modules, functionApps.size(), "unique per module and stack: " + functionApps);
    }

    /** Renders the module and compiles its generated AzureNames; returns it with the module name the program passes. */
    private Compiled renderAndCompile(Blueprint bp, Module m, TemplatePackage template) throws Exception {
        RenderOutcome r = RENDER.render(bp, m, template);
        List<RenderedFile> files = assertInstanceOf(RenderOutcome.Rendered.class, r, r::toString).files();
        Matcher module = Pattern.compile("public static final String MODULE = \"([^\"]+)\";").matcher(text(files, "/infra/InfraProgram.java"));
        assertTrue(module.find(), "InfraProgram.MODULE");
        assertTrue(text(files, "/infra/InfraProgram.java").contains("new SaasModule.Args(MODULE, "));
        assertTrue(text(files, "/infra/SaasModule.java").contains("AzureNames.of(args.moduleName(), args.tenantId(), args.projectId(), args.environment())"));
        return new Compiled(compile(m.name(), files), module.group(1));
    }

    private record Compiled(Class<?> names, String module) {
    }

    @Test
    void theOldVersionStaysAsItWas() {
        TemplatePackage old = CATALOG.find(TEMPLATE, "1.2.0").orElseThrow();
        assertTrue(old.files().stream().noneMatch(f -> f.source().contains("AzureNames")), "1.2.0 is immutable");
        assertEquals("1.5.0", CATALOG.latest(TEMPLATE).orElseThrow().version(), "new runs take the latest version");
    }

    private static String text(List<RenderedFile> files, String suffix) {
        return files.stream().filter(f -> f.path().endsWith(suffix)).findFirst()
                .map(f -> new String(f.bytes(), StandardCharsets.UTF_8)).orElseThrow(() -> new AssertionError("no " + suffix));
    }

    private Class<?> compile(String module, List<RenderedFile> files) throws Exception {
        RenderedFile source = files.stream().filter(f -> f.path().endsWith("/infra/AzureNames.java")).findFirst().orElseThrow();
        Path root = Files.createTempDirectory(dir, "m");
        Path file = root.resolve("src").resolve(source.path());
        Files.createDirectories(file.getParent());
        Files.write(file, source.bytes());
        Path classes = Files.createDirectories(root.resolve("classes"));
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        assertNotNull(javac, "a JDK runs the tests");
        assertEquals(0, javac.run(null, null, null, "-d", classes.toString(), file.toString()), "generated AzureNames of " + module + " compiles");
        String pkg = new String(source.bytes(), StandardCharsets.UTF_8).lines().findFirst().orElseThrow()
                .replaceFirst("^package ([a-z0-9.]+);$", "$1");
        URLClassLoader loader = new URLClassLoader(new URL[] {classes.toUri().toURL()}, getClass().getClassLoader());
        return loader.loadClass(pkg + ".AzureNames");
    }

    private static Map<String, String> derive(Class<?> names, String module, String tenant, String project, String environment) throws Exception {
        Method of = names.getMethod("of", String.class, String.class, String.class, String.class);
        Object value = of.invoke(null, module, tenant, project, environment);
        Map<String, String> out = new LinkedHashMap<>();
        for (RecordComponent c : names.getRecordComponents()) {
            out.put(c.getName(), (String) c.getAccessor().invoke(value));
        }
        return out;
    }
}
