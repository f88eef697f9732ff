package com.connectsoft.factory.platform.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.connectsoft.factory.app.Factory;
import com.connectsoft.factory.app.FactorySettings;
import com.connectsoft.factory.blueprint.BlueprintConfiguration;
import com.connectsoft.factory.blueprint.domain.Blueprint;
import com.connectsoft.factory.blueprint.domain.Module;
import com.connectsoft.factory.blueprint.domain.ParseOutcome;
import com.connectsoft.factory.build.BuildConfiguration;
import com.connectsoft.factory.build.adapter.BuildRunners;
import com.connectsoft.factory.generation.application.FactoryVersions;
import com.connectsoft.factory.generation.application.RenderModule;
import com.connectsoft.factory.generation.application.TemplateRenderer;
import com.connectsoft.factory.platform.files.OutputSandbox;
import com.connectsoft.factory.run.TestFactory;
import com.connectsoft.factory.template.adapter.filesystem.FileSystemTemplateCatalog;
import com.connectsoft.factory.template.adapter.mustache.MustacheEngine;
import com.connectsoft.factory.template.domain.RenderOutcome;
import com.connectsoft.factory.template.domain.TemplatePackage;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The generated Cosmos DB repository of every entity of the latest FunctionsMicroservice template, exercised against
 * the Cosmos DB emulator by the module's own emulator tests (insert, find, replace and delete with etags, unique
 * values, paging with continuation tokens, cross-tenant isolation). .ci/run starts the emulator; without
 * COSMOS_EMULATOR_ENDPOINT this is skipped with that reason.
 *
 * <p>The module is the template's own sample (trusted: the same sources the factory's preparation already builds with
 * the network), so its tests run unconfined: the build sandbox has no network by design, and these tests need the
 * emulator (through the test proxy) on this machine's loopback. A tenant's module is never run this way.
 */
@Tag("maven-build")
@Tag("cosmos-emulator")
class GeneratedCosmosRepositoryEmulatorTest {
    private static final String TEMPLATE = "ConnectSoft.Template.FunctionsMicroservice";
    private static final Pattern SUITE = Pattern.compile("<testsuite\\b[^>]*>");

    @TempDir
    Path dir;

    @Test
    void everyEntitysCosmosRepositoryPassesItsEmulatorTests() throws Exception {
        CosmosEmulator.require();
        FileSystemTemplateCatalog catalog = new FileSystemTemplateCatalog(TestFactory.ROOT.resolve("templates"));
        TemplatePackage template = catalog.latest(TEMPLATE).orElseThrow();
        FactorySettings settings = TestFactory.settings(dir.resolve("data"));
        try (Factory factory = Factory.open(settings)) {
            Optional<String> unprepared = factory.generation().samplePreparation(
                    BuildConfiguration.localRunner(settings.build(), settings.dataDir()), dir.resolve("prepare"), Duration.ofMinutes(15),
                    line -> { }).prepare(template.ref());
            assertEquals(Optional.empty(), unprepared);
        }
        Path sample = template.sample().orElseThrow();
        ParseOutcome parsed = BlueprintConfiguration.READERS.read(sample.getFileName().toString(), Files.readAllBytes(sample));
        Blueprint bp = assertInstanceOf(ParseOutcome.Accepted.class, parsed, parsed::toString).blueprint();
        Module module = bp.modules().get(0);
        RenderOutcome out = new RenderModule(new TemplateRenderer(new MustacheEngine(), catalog), FactoryVersions.load()).render(bp, module, template);
        Path sources = dir.resolve("module");
        OutputSandbox.prepare(sources);
        OutputSandbox.write(sources, assertInstanceOf(RenderOutcome.Rendered.class, out, out::toString).files());

        String maven = BuildRunners.onPath("mvn").orElseThrow().toString();
        List<String> command = new ArrayList<>(List.of(maven, "-B", "-o", "-Dstyle.color=never",
                "-Dmaven.repo.local=" + settings.build().repository(), "-Dtest=Cosmos*RepositoryEmulatorTest",
                "-Dsurefire.failIfNoSpecifiedTests=false", "-Dcosmos.emulator=" + CosmosEmulator.endpoint(), "test"));
        Path log = dir.resolve("maven.log");
        Process p = new ProcessBuilder(command).directory(sources.toFile()).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        if (!p.waitFor(15, TimeUnit.MINUTES)) {
            p.descendants().forEach(ProcessHandle::destroyForcibly);
            p.destroyForcibly();
            throw new AssertionError("the module's emulator tests did not end in 15 minutes; log: " + log);
        }
        String text = Files.readString(log, StandardCharsets.UTF_8);
        assertEquals(0, p.exitValue(), () -> text.substring(Math.max(0, text.length() - 6000)));

        Map<String, Map<String, Integer>> suites = new TreeMap<>();
        try (Stream<Path> s = Files.list(sources.resolve("target/surefire-reports"))) {
            for (Path f : s.filter(f -> f.getFileName().toString().matches("TEST-.*RepositoryEmulatorTest\\.xml")).toList()) {
                Matcher m = SUITE.matcher(Files.readString(f, StandardCharsets.UTF_8));
                assertTrue(m.find(), f.toString());
                Map<String, Integer> counts = new TreeMap<>();
                for (String a : List.of("tests", "failures", "errors", "skipped")) {
                    Matcher v = Pattern.compile("\\b" + a + "=\"(\\d+)\"").matcher(m.group());
                    counts.put(a, v.find() ? Integer.parseInt(v.group(1)) : -1);
                }
                suites.put(f.getFileName().toString(), counts);
            }
        }
        assertEquals(module.entities().size(), suites.size(), "one emulator suite per entity: " + suites);
        suites.forEach((suite, c) -> {
            assertTrue(c.get("tests") >= 4, suite + ": " + c);
            assertEquals(0, c.get("skipped"), suite + " ran against the emulator, not skipped: " + c);
            assertEquals(0, c.get("failures") + c.get("errors"), suite + ": " + c);
        });
    }
}
