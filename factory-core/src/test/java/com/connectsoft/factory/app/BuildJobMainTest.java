package com.connectsoft.factory.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.connectsoft.factory.build.domain.BuildReport;
import com.connectsoft.factory.build.domain.BuildRunner;
import com.connectsoft.factory.run.TestFactory;
import com.connectsoft.factory.template.adapter.filesystem.FileSystemTemplateCatalog;
import com.connectsoft.factory.template.domain.TemplatePackage;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The build job's program: its settings errors, and preparing the image's build repository for every template version. */
class BuildJobMainTest {
    @TempDir
    Path dir;

    @Test
    void withoutItsQueueConnectionStringsTheJobSaysWhichAndExits2() {
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        assertEquals(2, BuildJobMain.run(new String[0], Map.of(), new PrintStream(new ByteArrayOutputStream()), new PrintStream(err)));
        assertTrue(err.toString(StandardCharsets.UTF_8).contains(BuildJobMain.LISTEN_CONNECTION + " is not set"), err.toString());
        err.reset();
        assertEquals(2, BuildJobMain.run(new String[] {"run"}, Map.of(BuildJobMain.LISTEN_CONNECTION, "Endpoint=sb://x/;EntityPath=build-jobs"),
                new PrintStream(new ByteArrayOutputStream()), new PrintStream(err)));
        assertTrue(err.toString(StandardCharsets.UTF_8).contains(BuildJobMain.DONE_CONNECTION + " is not set"), err.toString());
        err.reset();
        assertEquals(2, BuildJobMain.run(new String[] {"build-everything"}, Map.of(), new PrintStream(new ByteArrayOutputStream()),
                new PrintStream(err)));
        assertTrue(err.toString(StandardCharsets.UTF_8).startsWith("usage: BuildJobMain"), err.toString());
    }

    @Test
    void prepareReadiesEveryTemplateVersionFromItsSampleAndListsThem() {
        FileSystemTemplateCatalog catalog = new FileSystemTemplateCatalog(TestFactory.ROOT.resolve("templates"));
        List<Path> prepared = new ArrayList<>();
        BuildRunner runner = new BuildRunner() {
            @Override
            public BuildReport build(String module, Path sources, Path workDir, Duration timeout) {
                throw new AssertionError("preparing builds nothing of a tenant's");
            }

            @Override
            public Preparation prepare(Path trustedSources, Path workDir, Duration timeout, Runnable starting) {
                prepared.add(trustedSources);
                assertTrue(Files.isDirectory(trustedSources), "the template's sample, rendered");
                return new Preparation.Ready(true, 5);
            }

            @Override
            public Preparation prepare(Path trustedSources, List<Path> libraries, Path workDir, Duration timeout, Runnable starting) {
                libraries.forEach(l -> assertTrue(Files.isRegularFile(l.resolve("pom.xml")), "a library of the factory's libraries/: " + l));
                return prepare(trustedSources, workDir, timeout, starting);
            }

            @Override
            public String description() {
                return "recording";
            }
        };
        Path repository = dir.resolve("build-repository");
        List<String> notices = new ArrayList<>();
        assertEquals(List.of(), BuildJobMain.prepare(catalog, runner, repository, dir.resolve("work"), Duration.ofMinutes(5), notices::add));
        Set<String> refs = new TreeSet<>(catalog.all().stream().map(TemplatePackage::ref).toList());
        assertFalse(refs.isEmpty());
        assertEquals(refs.size(), prepared.size());
        assertEquals(refs, BuildJobMain.preparedTemplates(repository), "the list the job checks each request against");
        assertTrue(Files.isRegularFile(dir.resolve("build-repository.templates")));

        BuildRunner failing = new BuildRunner() {
            @Override
            public BuildReport build(String module, Path sources, Path workDir, Duration timeout) {
                throw new AssertionError();
            }

            @Override
            public Preparation prepare(Path trustedSources, Path workDir, Duration timeout, Runnable starting) {
                return new Preparation.Failed("could not resolve org.example:missing:1.0", List.of());
            }

            @Override
            public String description() {
                return "failing";
            }
        };
        Path other = dir.resolve("other-repository");
        List<String> problems = BuildJobMain.prepare(catalog, failing, other, dir.resolve("work2"), Duration.ofMinutes(5), notices::add);
        assertEquals(refs.size(), problems.size());
        assertTrue(problems.get(0).contains("could not resolve org.example:missing:1.0"), problems.get(0));
        assertEquals(Set.of(), BuildJobMain.preparedTemplates(other), "nothing listed: the image build fails instead");
    }
}
