package com.connectsoft.factory.build;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.connectsoft.factory.app.Factory;
import com.connectsoft.factory.blueprint.domain.Blueprint;
import com.connectsoft.factory.blueprint.domain.ParseOutcome;
import com.connectsoft.factory.build.adapter.BuildRunners;
import com.connectsoft.factory.build.adapter.MavenBuildRunner;
import com.connectsoft.factory.build.domain.BuildReport;
import com.connectsoft.factory.build.domain.BuildRunner;
import com.connectsoft.factory.generation.application.FactoryVersions;
import com.connectsoft.factory.generation.application.RenderModule;
import com.connectsoft.factory.run.TestFactory;
import com.connectsoft.factory.template.adapter.filesystem.FileSystemTemplateCatalog;
import com.connectsoft.factory.platform.files.OutputSandbox;
import com.connectsoft.factory.template.adapter.mustache.MustacheEngine;
import com.connectsoft.factory.generation.application.TemplateRenderer;
import com.connectsoft.factory.template.domain.RenderOutcome;
import com.connectsoft.factory.template.domain.TemplatePackage;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A generated module whose tests attack the factory, built the way every generated module is (prepared template,
 * offline Maven build in the sandbox): each attack fails, the build fails saying which tests failed and why, and the
 * factory's side shows nothing written, read or reached. The build's own loopback is up, as for every build (the
 * module's local-server tests run in it), and the factory's host stays out of reach by its loopback and its address.
 */
@Tag("maven-build")
class HostileModuleTest {
    @TempDir
    Path dir;

    @Test
    void aModuleWhoseTestsAttackTheFactoryFailsEveryAttackAndTheRunSaysWhy() throws Exception {
        Path data = Files.createDirectories(dir.resolve("data"));
        Path secret = Files.writeString(Files.createDirectories(data.resolve("git/other-tenant.git")).resolve("config"), "s3cr3t");
        Path outside = dir.resolve("outside-" + UUID.randomUUID() + ".txt");
        FileSystemTemplateCatalog catalog = new FileSystemTemplateCatalog(TestFactory.ROOT.resolve("templates"));
        TemplatePackage pkg = catalog.latest("ConnectSoft.Template.FunctionsMicroservice").orElseThrow();
        RenderModule render = new RenderModule(new TemplateRenderer(new MustacheEngine(), catalog), FactoryVersions.load());
        Blueprint bp = assertInstanceOf(ParseOutcome.Accepted.class, com.connectsoft.factory.blueprint.BlueprintConfiguration.READERS.read("sample.blueprint.yaml",
                Files.readAllBytes(pkg.sample().orElseThrow()))).blueprint();
        Path module = dir.resolve("module");
        OutputSandbox.prepare(module);
        OutputSandbox.write(module, assertInstanceOf(RenderOutcome.Rendered.class, render.render(bp, bp.modules().get(0), pkg)).files());
        Path sampleCopy = dir.resolve("sample/" + bp.modules().get(0).name());
        OutputSandbox.prepare(sampleCopy);
        OutputSandbox.write(sampleCopy, assertInstanceOf(RenderOutcome.Rendered.class, render.render(bp, bp.modules().get(0), pkg)).files());

        MavenBuildRunner runner = BuildRunners.maven(TestFactory.settings(data).build(), data.resolve("builds/.sandbox"));
        BuildRunner.Preparation prepared = runner.prepare(dir.resolve("sample"), libraries(pkg), dir.resolve("prepare"), Duration.ofMinutes(10), () -> { });
        if (prepared instanceof BuildRunner.Preparation.Failed f && f.reason().contains("refused to prepare")) {
            Assumptions.abort("no build sandbox here: " + f.reason());
        }
        assertInstanceOf(BuildRunner.Preparation.Ready.class, prepared, prepared::toString);

        AtomicInteger connections = new AtomicInteger();
        // on every address of this machine: the module's tests try its loopback and its network address
        String host = BuildSandboxTest.hostAddress();
        try (ServerSocket server = new ServerSocket(0, 50)) {
            Thread accept = new Thread(() -> {
                while (!server.isClosed()) {
                    try (Socket s = server.accept()) {
                        connections.incrementAndGet();
                    } catch (java.io.IOException e) {
                        return;
                    }
                }
            });
            accept.setDaemon(true);
            accept.start();
            Path testDir = Files.createDirectories(module.resolve("src/test/java/com/connectsoft/sample/catalog"));
            Files.writeString(testDir.resolve("HostileTest.java"), hostileTest(secret, data.resolve("git"), server.getLocalPort(), outside, host));

            BuildReport report = runner.build("catalog", module, dir.resolve("work"), Duration.ofMinutes(10));

            assertEquals(com.connectsoft.factory.run.vocabulary.BuildStatus.FAILED, report.status(), report.reason());
            assertTrue(report.reason().startsWith("build failed: 8 of "), report.reason());
            assertTrue(report.reason().contains("HostileTest."), report.reason());
            String log = Files.readString(dir.resolve("work/build.log"), StandardCharsets.UTF_8);
            for (String attempt : List.of("readsTheFactorysEnvironment", "readsAnotherTenantsRepository", "listsTheDataDirectory",
                    "reachesTheFactoryOverLoopback", "reachesTheFactorysHostByItsAddress", "resolvesAHostName", "writesOutsideItsBuildDirectory",
                    "writesTheRepository")) {
                assertTrue(log.contains("HostileTest." + attempt), attempt + " did not run or did not fail:\n" + log);
            }
            assertTrue(log.contains("NoSuchFileException"), log);
            assertTrue(log.contains("Network is unreachable"), "the host's address has no route from the sandbox:\n" + log);
            assertTrue(log.contains("ConnectException"), "nothing listens on the sandbox's own loopback:\n" + log);
            assertTrue(log.contains("Read-only file system"), log);
        }
        assertEquals(0, connections.get(), "the module reached the factory's host");
        assertFalse(Files.exists(outside), "the module wrote outside its build directory");
        assertEquals("s3cr3t", Files.readString(secret));
        assertTrue(Files.list(runnerRepository(data)).noneMatch(p -> p.getFileName().toString().startsWith("pwned")));
    }

    private static Path runnerRepository(Path data) {
        return TestFactory.settings(data).build().repository();
    }

    private static String hostileTest(Path secret, Path gitDir, int port, Path outside, String host) {
        return """
                package com.connectsoft.sample.catalog;

                import static org.junit.jupiter.api.Assertions.assertEquals;
                import static org.junit.jupiter.api.Assertions.assertTrue;

                import java.net.InetAddress;
                import java.net.InetSocketAddress;
                import java.net.Socket;
                import java.nio.file.Files;
                import java.nio.file.Path;
                import java.util.Set;
                import java.util.TreeSet;
                import org.junit.jupiter.api.Test;

                /** What a module generated from a hostile blueprint would try; every test asserts that the attack worked. */
                class HostileTest {
                    @Test
                    void readsTheFactorysEnvironment() {
                        Set<String> names = new TreeSet<>(System.getenv().keySet());
                        names.removeAll(Set.of("PATH", "HOME", "JAVA_HOME", "LANG", "TZ", "MALLOC_ARENA_MAX", "MAVEN_OPTS", "PWD", "SHLVL",
                                "OLDPWD", "_", "MAVEN_PROJECTBASEDIR", "MAVEN_CMD_LINE_ARGS"));
                        assertTrue(!names.isEmpty(), "only what Maven needs is visible: " + System.getenv().keySet());
                    }

                    @Test
                    void readsAnotherTenantsRepository() throws Exception {
                        assertEquals("s3cr3t", Files.readString(Path.of("%s")));
                    }

                    @Test
                    void listsTheDataDirectory() throws Exception {
                        assertTrue(Files.list(Path.of("%s")).count() > 0);
                    }

                    @Test
                    void reachesTheFactoryOverLoopback() throws Exception {
                        try (Socket s = new Socket()) {
                            s.connect(new InetSocketAddress("127.0.0.1", %d), 2000);
                        }
                    }

                    @Test
                    void reachesTheFactorysHostByItsAddress() throws Exception {
                        try (Socket s = new Socket()) {
                            s.connect(new InetSocketAddress("%s", %d), 2000);
                        }
                    }

                    @Test
                    void resolvesAHostName() throws Exception {
                        InetAddress.getByName("repo.maven.apache.org");
                    }

                    @Test
                    void writesOutsideItsBuildDirectory() throws Exception {
                        Files.writeString(Path.of("/var/tmp/pwned.txt"), "x");
                        Files.writeString(Path.of("%s"), "x");
                    }

                    @Test
                    void writesTheRepository() throws Exception {
                        Files.writeString(Path.of(System.getProperty("maven.repo.local", "/repository"), "pwned.txt"), "x");
                    }
                }
                """.formatted(secret, gitDir, port, host, port, outside);
    }

    /** The folders of the runtime libraries the template's modules depend on, installed into the build repository first. */
    private static List<Path> libraries(TemplatePackage pkg) {
        com.connectsoft.factory.library.adapter.filesystem.FileSystemRuntimeLibraries all =
                new com.connectsoft.factory.library.adapter.filesystem.FileSystemRuntimeLibraries(TestFactory.ROOT.resolve("libraries"));
        return pkg.libraries().stream().map(l -> all.find(l.id(), l.version()).orElseThrow().folder()).toList();
    }
}
