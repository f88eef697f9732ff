package com.connectsoft.factory.generation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.connectsoft.factory.app.Factory;
import com.connectsoft.factory.build.domain.BuildRunner;
import com.connectsoft.factory.generation.application.FactoryVersions;
import com.connectsoft.factory.generation.application.RenderModule;
import com.connectsoft.factory.generation.application.TemplateSamplePreparation;
import com.connectsoft.factory.run.TestFactory;
import com.connectsoft.factory.template.adapter.filesystem.FileSystemTemplateCatalog;
import com.connectsoft.factory.template.adapter.mustache.MustacheEngine;
import com.connectsoft.factory.generation.application.TemplateRenderer;
import com.connectsoft.factory.template.domain.TemplatePackage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Preparing a template's builds from its sample: once per template version, and again after a kill left a half render. */
class TemplateSamplePreparationTest {
    @TempDir
    Path dir;

    @Test
    void aHalfWrittenSampleLeftByAKilledProcessIsRenderedAgainAndPreparationIsRemembered() throws Exception {
        FileSystemTemplateCatalog catalog = new FileSystemTemplateCatalog(TestFactory.ROOT.resolve("templates"));
        TemplatePackage pkg = catalog.latest("ConnectSoft.Template.FunctionsMicroservice").orElseThrow();
        AtomicInteger prepared = new AtomicInteger();
        List<Path> seen = new ArrayList<>();
        BuildRunner runner = new BuildRunner() {
            @Override
            public com.connectsoft.factory.build.domain.BuildReport build(String m, Path s, Path w, Duration t) {
                throw new AssertionError("nothing is built while preparing");
            }

            @Override
            public Preparation prepare(Path sources, Path work, Duration timeout, Runnable starting) {
                prepared.incrementAndGet();
                seen.add(sources);
                return new Preparation.Ready(true, 1);
            }

            @Override
            public Preparation prepare(Path sources, List<Path> libraries, Path work, Duration timeout, Runnable starting) {
                return prepare(sources, work, timeout, starting);
            }

            @Override
            public String description() {
                return "test";
            }
        };
        Path work = dir.resolve("prepare");
        // what a process killed in the middle of rendering leaves: files without the provenance marker
        Path leftover = Files.createDirectories(work.resolve(pkg.contentHash().replace("sha256:", "").substring(0, 16))
                .resolve("sources/catalog/src"));
        Files.writeString(leftover.resolve("Half.java"), "class Half {");
        TemplateSamplePreparation preparation = new TemplateSamplePreparation(catalog,
                new com.connectsoft.factory.library.adapter.filesystem.FileSystemRuntimeLibraries(TestFactory.ROOT.resolve("libraries")),
                com.connectsoft.factory.blueprint.BlueprintConfiguration.READERS,
                new RenderModule(new TemplateRenderer(new MustacheEngine(), catalog), FactoryVersions.load()), runner, work,
                Duration.ofMinutes(1), line -> { });

        assertEquals(Optional.empty(), preparation.prepare(pkg.ref()));
        assertEquals(Optional.empty(), preparation.prepare(pkg.ref()));
        assertEquals(1, prepared.get(), "a template version is prepared once per process");
        assertTrue(Files.isRegularFile(seen.get(0).resolve("catalog/pom.xml")));
        assertTrue(Files.notExists(leftover.resolve("Half.java")), "the half render was replaced");
        assertTrue(preparation.prepare("ConnectSoft.Template.Missing@9.9.9").orElseThrow().contains("not in the catalog"));
    }
}
