package com.connectsoft.factory.build;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.connectsoft.factory.build.adapter.BuildRunners;
import com.connectsoft.factory.build.adapter.NpmBuildRunner;
import com.connectsoft.factory.build.domain.BuildReport;
import com.connectsoft.factory.build.domain.BuildRunner;
import com.connectsoft.factory.run.TestFactory;
import com.connectsoft.factory.run.vocabulary.BuildStatus;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The web front end template's sample, prepared online once (npm cache beside the build repository) and then built
 * and tested offline in the sandbox with real npm, Vite and Vitest: it passes with every test counted, a dropped
 * validation fails the build naming the test, and a dependency the cache lacks is said in one line.
 */
@Tag("maven-build")
class NpmBuildRunnerTest {
    @TempDir
    static Path dir;
    static NpmBuildRunner runner;
    static Path module;
    static int declaredTests;

    @BeforeAll
    static void prepare() throws Exception {
        Assumptions.assumeTrue(BuildRunners.onPath("npm").isPresent(), "npm is not installed here");
        Path sample = dir.resolve("sample/catalog");
        com.connectsoft.factory.generation.WebFrontendTemplateTest.renderSample(sample);
        Path data = Files.createDirectories(dir.resolve("data"));
        runner = BuildRunners.npm(TestFactory.settings(data).build(), data.resolve("builds/.sandbox"));
        BuildRunner.Preparation prepared = runner.prepare(dir.resolve("sample"), dir.resolve("prepare"), Duration.ofMinutes(10), () -> { });
        if (prepared instanceof BuildRunner.Preparation.Failed f && f.reason().contains("refused to prepare")) {
            Assumptions.abort("no build sandbox here: " + f.reason());
        }
        assertInstanceOf(BuildRunner.Preparation.Ready.class, prepared, prepared::toString);
        module = sample;
        try (Stream<Path> files = Files.walk(sample.resolve("src"))) {
            for (Path f : files.filter(p -> p.toString().endsWith(".test.ts") || p.toString().endsWith(".test.tsx")).toList()) {
                declaredTests += (int) Files.readString(f).lines().filter(l -> l.trim().startsWith("it(")).count();
            }
        }
    }

    private static Path copy(String name) throws Exception {
        Path target = dir.resolve(name);
        com.connectsoft.factory.platform.files.Directories.copy(module, target);
        return target;
    }

    @Test
    void theSampleBuildsAndPassesEveryTestOffline() {
        BuildReport r = runner.build("catalog-web", module, dir.resolve("work-ok"), Duration.ofMinutes(10));
        assertEquals(BuildStatus.PASSED, r.status(), () -> r.reason() + "\n" + String.join("\n", r.logTail()));
        assertTrue(declaredTests >= 30, "the sample declares " + declaredTests + " tests");
        assertEquals(declaredTests, r.testsRun());
        assertEquals(declaredTests, r.testsPassed());
    }

    @Test
    void aDroppedValidationFailsTheBuildAndSaysWhichTest() throws Exception {
        Path planted = copy("planted");
        Path spec = planted.resolve("src/entities/Product.ts");
        String text = Files.readString(spec);
        assertTrue(text.contains("      maxLength: 80,\n"));
        Files.writeString(spec, text.replaceFirst("      maxLength: 80,\n", ""));

        BuildReport r = runner.build("catalog-web", planted, dir.resolve("work-planted"), Duration.ofMinutes(10));
        assertEquals(BuildStatus.FAILED, r.status());
        assertEquals(1, r.testsFailed());
        assertEquals("1 of " + declaredTests + " tests failed: Product.test.tsx: Product pages > refuses to send when Name is longer than 80",
                r.reason().replaceAll(" \\(.*$", ""));
    }

    @Test
    void aDependencyThePreparedCacheLacksIsRefusedOfflineInOneLine() throws Exception {
        Path extra = copy("extra-dependency");
        Path pkg = extra.resolve("package.json");
        Files.writeString(pkg, Files.readString(pkg).replace("\"oidc-client-ts\": \"3.5.0\",", "\"oidc-client-ts\": \"3.5.0\",\n    \"is-number\": \"7.0.0\","));
        Path lock = extra.resolve("package-lock.json");
        Files.writeString(lock, Files.readString(lock)
                .replaceFirst("\"oidc-client-ts\": \"3.5.0\",", "\"oidc-client-ts\": \"3.5.0\",\n        \"is-number\": \"7.0.0\",")
                .replaceFirst("\"packages\": \\{\n    \"\": \\{", "\"packages\": {\n    \"node_modules/is-number\": {\n      \"version\": \"7.0.0\",\n"
                        + "      \"resolved\": \"https://registry.npmjs.org/is-number/-/is-number-7.0.0.tgz\",\n"
                        + "      \"integrity\": \"sha512-41Cifkg6e8TylSpdtTpeLVMqvSBEVzTttHvERD741+pnZ8ANv0004MRL43QKPDlK9cGvNp6NZWZUBlbGXYxxng==\",\n"
                        + "      \"license\": \"MIT\",\n      \"engines\": { \"node\": \">=0.12.0\" }\n    },\n    \"\": {"));

        BuildReport r = runner.build("catalog-web", extra, dir.resolve("work-extra"), Duration.ofMinutes(5));
        assertEquals(BuildStatus.FAILED, r.status());
        assertTrue(r.reason().startsWith("npm ci failed: a dependency is not in the prepared npm cache (offline build)"), r.reason());
        assertEquals(0, r.testsRun());
    }
}
