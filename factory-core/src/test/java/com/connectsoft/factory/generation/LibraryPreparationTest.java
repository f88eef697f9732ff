package com.connectsoft.factory.generation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.connectsoft.factory.build.domain.BuildReport;
import com.connectsoft.factory.build.domain.BuildRunner;
import com.connectsoft.factory.generation.application.FactoryVersions;
import com.connectsoft.factory.generation.application.RenderModule;
import com.connectsoft.factory.generation.application.TemplateRenderer;
import com.connectsoft.factory.generation.application.TemplateSamplePreparation;
import com.connectsoft.factory.library.adapter.filesystem.FileSystemRuntimeLibraries;
import com.connectsoft.factory.library.domain.RuntimeLibrary;
import com.connectsoft.factory.platform.files.Directories;
import com.connectsoft.factory.run.TestFactory;
import com.connectsoft.factory.template.adapter.filesystem.FileSystemTemplateCatalog;
import com.connectsoft.factory.template.adapter.mustache.MustacheEngine;
import com.connectsoft.factory.template.domain.LibraryRef;
import com.connectsoft.factory.template.domain.TemplatePackage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A template's runtime libraries are installed before its sample is prepared; a library version the factory lacks is refused. */
class LibraryPreparationTest {
    @TempDir
    Path dir;

    private final List<Path> installed = new ArrayList<>();

    private final BuildRunner runner = new BuildRunner() {
        @Override
        public BuildReport build(String module, Path sources, Path workDir, Duration timeout) {
            throw new AssertionError("nothing is built while preparing");
        }

        @Override
        public Preparation prepare(Path trustedSources, Path workDir, Duration timeout, Runnable starting) {
            return new Preparation.Ready(true, 1);
        }

        @Override
        public Preparation prepare(Path trustedSources, List<Path> libraries, Path workDir, Duration timeout, Runnable starting) {
            installed.addAll(libraries);
            return prepare(trustedSources, workDir, timeout, starting);
        }

        @Override
        public String description() {
            return "test";
        }
    };

    private TemplateSamplePreparation preparation(FileSystemTemplateCatalog catalog, Path libraries) {
        return new TemplateSamplePreparation(catalog, new FileSystemRuntimeLibraries(libraries), com.connectsoft.factory.blueprint.BlueprintConfiguration.READERS,
                new RenderModule(new TemplateRenderer(new MustacheEngine(), catalog), FactoryVersions.load()), runner, dir.resolve("work"),
                Duration.ofMinutes(1), line -> { });
    }

    @Test
    void theSpringBootTemplatesLibraryIsInstalledFromTheFactorysLibrariesFolder() {
        FileSystemTemplateCatalog catalog = new FileSystemTemplateCatalog(TestFactory.ROOT.resolve("templates"));
        TemplatePackage spring = catalog.latest("ConnectSoft.Template.SpringBootService").orElseThrow();
        assertEquals(List.of(new LibraryRef("ConnectSoft.Extensions.Runtime", "1.0.0")), spring.libraries());
        assertEquals(List.of(new LibraryRef("ConnectSoft.Extensions.Runtime", "1.1.0")),
                catalog.latest("ConnectSoft.Template.FunctionsMicroservice").orElseThrow().libraries());
        assertEquals(List.of(), catalog.find("ConnectSoft.Template.FunctionsMicroservice", "1.4.2").orElseThrow().libraries());
        assertEquals(Optional.empty(), preparation(catalog, TestFactory.ROOT.resolve("libraries")).prepare(spring.ref()));
        assertEquals(List.of(TestFactory.ROOT.resolve("libraries/extensions-runtime-1.0.0").toAbsolutePath().normalize()), installed);
        RuntimeLibrary lib = new FileSystemRuntimeLibraries(TestFactory.ROOT.resolve("libraries")).find("ConnectSoft.Extensions.Runtime", "1.0.0")
                .orElseThrow();
        assertEquals("com.connectsoft.extensions:connectsoft-extensions-runtime:1.0.0", lib.coordinates());
    }

    @Test
    void aTemplateNamingALibraryVersionTheFactoryLacksIsRefusedSayingWhichItHas() throws Exception {
        Path templates = Files.createDirectories(dir.resolve("templates"));
        Directories.copy(TestFactory.ROOT.resolve("templates/spring-boot-service-1.0.0"), templates.resolve("spring-boot-service-9.0.0"));
        Path manifest = templates.resolve("spring-boot-service-9.0.0/template.yaml");
        Files.writeString(manifest, Files.readString(manifest).replace("version: 1.0.0\n", "version: 9.0.0\n")
                .replace("{ id: ConnectSoft.Extensions.Runtime, version: 1.0.0 }", "{ id: ConnectSoft.Extensions.Runtime, version: 9.9.9 }"));
        FileSystemTemplateCatalog catalog = new FileSystemTemplateCatalog(templates);
        String why = preparation(catalog, TestFactory.ROOT.resolve("libraries")).prepare("ConnectSoft.Template.SpringBootService@9.0.0").orElseThrow();
        assertTrue(why.contains("needs runtime library ConnectSoft.Extensions.Runtime@9.9.9, which this factory does not have"), why);
        assertTrue(why.contains("versions here: 1.0.0, 1.1.0"), why);
        String none = preparation(catalog, dir.resolve("no-libraries")).prepare("ConnectSoft.Template.SpringBootService@9.0.0").orElseThrow();
        assertTrue(none.contains("no version of ConnectSoft.Extensions.Runtime is in its libraries/ folder"), none);
        assertEquals(List.of(), installed, "nothing was prepared");
    }

    /** A generated pom pins the library version its template names, whatever the factory's newest library is. */
    @Test
    void eachTemplatesModulesPinTheLibraryVersionItsTemplateNames() throws Exception {
        FileSystemTemplateCatalog catalog = new FileSystemTemplateCatalog(TestFactory.ROOT.resolve("templates"));
        RenderModule render = new RenderModule(new TemplateRenderer(new MustacheEngine(), catalog), FactoryVersions.load());
        com.connectsoft.factory.blueprint.domain.Blueprint bp = ((com.connectsoft.factory.blueprint.domain.ParseOutcome.Accepted)
                new com.connectsoft.factory.blueprint.adapter.yaml.YamlBlueprintReader().read("invoicing.blueprint.yaml",
                        TestFactory.example("invoicing.blueprint.yaml"))).blueprint();
        for (String[] expected : new String[][] {{"ConnectSoft.Template.SpringBootService", "1.0.0", "1.0.0"},
                {"ConnectSoft.Template.FunctionsMicroservice", "1.5.0", "1.1.0"}}) {
            TemplatePackage pkg = catalog.find(expected[0], expected[1]).orElseThrow();
            String pom = ((com.connectsoft.factory.template.domain.RenderOutcome.Rendered) render.render(bp, bp.modules().get(0), pkg)).files()
                    .stream().filter(f -> f.path().equals("pom.xml")).map(f -> new String(f.bytes(), java.nio.charset.StandardCharsets.UTF_8))
                    .findFirst().orElseThrow();
            assertTrue(pom.contains("<artifactId>connectsoft-extensions-runtime</artifactId><version>" + expected[2] + "</version>"),
                    pkg.ref() + " pins " + expected[2]);
        }
        assertEquals("extensionsRuntime", new LibraryRef("ConnectSoft.Extensions.Runtime", "1.0.0").versionKey());
        assertEquals("extensionsAzureFunctionsHttp", new LibraryRef("ConnectSoft.Extensions.AzureFunctions.Http", "1.0.0").versionKey());
    }

    @Test
    void librariesAndTheirReferencesAreChecked() throws Exception {
        assertThrows(IllegalArgumentException.class, () -> new LibraryRef("Other.Runtime", "1.0.0"));
        assertThrows(IllegalArgumentException.class, () -> new LibraryRef("ConnectSoft.Extensions.Runtime", "1.0"));
        Path libraries = Files.createDirectories(dir.resolve("libraries/broken-1.0.0"));
        Files.writeString(libraries.resolve("library.yaml"), "id: ConnectSoft.Extensions.Broken\nversion: 1.0.0\nmaven: { groupId: g, artifactId: a }\n");
        IllegalStateException noPom = assertThrows(IllegalStateException.class, () -> new FileSystemRuntimeLibraries(dir.resolve("libraries")));
        assertTrue(noPom.getMessage().contains("has no pom.xml"), noPom.getMessage());
        Files.writeString(libraries.resolve("pom.xml"), "<project/>");
        Files.writeString(libraries.resolve("library.yaml"), "id: ConnectSoft.Extensions.Broken\nversion: 1.0.0\n");
        IllegalStateException noMaven = assertThrows(IllegalStateException.class, () -> new FileSystemRuntimeLibraries(dir.resolve("libraries")));
        assertTrue(noMaven.getMessage().contains("'groupId' is required"), noMaven.getMessage());
        assertEquals(List.of(), new FileSystemRuntimeLibraries(dir.resolve("missing")).all());
    }
}
