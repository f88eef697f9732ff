package com.connectsoft.factory.build.adapter.azure;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.connectsoft.factory.app.Factory;
import com.connectsoft.factory.blueprint.domain.Blueprint;
import com.connectsoft.factory.blueprint.domain.ParseOutcome;
import com.connectsoft.factory.build.adapter.BuildRunners;
import com.connectsoft.factory.build.adapter.MavenBuildRunner;
import com.connectsoft.factory.build.adapter.sandbox.NamespaceSandbox;
import com.connectsoft.factory.build.domain.BuildReport;
import com.connectsoft.factory.build.domain.BuildRunner;
import com.connectsoft.factory.generation.application.FactoryVersions;
import com.connectsoft.factory.generation.application.RenderModule;
import com.connectsoft.factory.platform.json.Json;
import com.connectsoft.factory.run.TestFactory;
import com.connectsoft.factory.shared.domain.Hashing;
import com.connectsoft.factory.template.adapter.filesystem.FileSystemTemplateCatalog;
import com.connectsoft.factory.platform.files.OutputSandbox;
import com.connectsoft.factory.template.adapter.mustache.MustacheEngine;
import com.connectsoft.factory.generation.application.TemplateRenderer;
import com.connectsoft.factory.template.domain.RenderOutcome;
import com.connectsoft.factory.template.domain.RenderedFile;
import com.connectsoft.factory.template.domain.TemplatePackage;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * One real build through the build job's path as it runs in its container: a generated module (plus a test class that
 * tries to take the job's secrets) goes in as a request, is unpacked, built and tested by Maven offline as another uid
 * ({@link JobContainerSandbox}, the sandbox a Container Apps container allows) against a read-only copy of the prepared
 * build repository, and comes back as a report: the module's own tests pass, every attempt on the job's secrets fails.
 * Needs root and Maven with a prepared build repository (prepared online here if it is not).
 */
@Tag("maven-build")
class BuildJobRealBuildTest {
    private static final String JOB = "bjob-00000000000000000042";
    private static final String BASE = "https://acct.blob.core.windows.net/build-jobs/acme/" + JOB + "/";

    @TempDir
    Path dir;

    @Test
    void aGeneratedModuleIsBuiltAndTestedAsAnotherUserWhoCannotReachTheJobsSecrets() throws Exception {
        Assumptions.assumeTrue(new com.sun.security.auth.module.UnixSystem().getUid() == 0, "the job's sandbox needs root (as its container has)");
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));
        FileSystemTemplateCatalog catalog = new FileSystemTemplateCatalog(TestFactory.ROOT.resolve("templates"));
        TemplatePackage pkg = catalog.latest("ConnectSoft.Template.FunctionsMicroservice").orElseThrow();
        RenderModule render = new RenderModule(new TemplateRenderer(new MustacheEngine(), catalog), FactoryVersions.load());
        Blueprint bp = assertInstanceOf(ParseOutcome.Accepted.class, com.connectsoft.factory.blueprint.BlueprintConfiguration.READERS.read("sample.blueprint.yaml",
                Files.readAllBytes(pkg.sample().orElseThrow()))).blueprint();
        List<RenderedFile> files = new ArrayList<>(assertInstanceOf(RenderOutcome.Rendered.class,
                render.render(bp, bp.modules().get(0), pkg)).files());

        // the build repository, prepared as the image build prepares it, then a copy only root may write
        Path data = Files.createDirectories(dir.resolve("data"));
        Path sample = dir.resolve("sample/" + bp.modules().get(0).name());
        OutputSandbox.prepare(sample);
        OutputSandbox.write(sample, files);
        MavenBuildRunner preparing = BuildRunners.maven(TestFactory.settings(data).build(), data.resolve("builds/.sandbox"));
        BuildRunner.Preparation prepared = preparing.prepare(dir.resolve("sample"), libraries(pkg), dir.resolve("prepare"), Duration.ofMinutes(10), () -> { });
        if (prepared instanceof BuildRunner.Preparation.Failed f && f.reason().contains("refused to prepare")) {
            Assumptions.abort("no build sandbox here to prepare in: " + f.reason());
        }
        assertInstanceOf(BuildRunner.Preparation.Ready.class, prepared, prepared::toString);
        Path repository = dir.resolve("repository");
        Process copy = new ProcessBuilder("cp", "-a", TestFactory.settings(data).build().repository().toString(), repository.toString())
                .inheritIO().start();
        assertTrue(copy.waitFor(5, TimeUnit.MINUTES) && copy.exitValue() == 0, "copying the build repository");
        new ProcessBuilder("chown", "-R", "0:0", repository.toString()).start().waitFor(5, TimeUnit.MINUTES);
        new ProcessBuilder("chmod", "-R", "u+rwX,go+rX,go-w", repository.toString()).start().waitFor(5, TimeUnit.MINUTES);

        // what the job keeps from the build: a root-only file standing for its secrets, and its own environment
        Path secret = Files.writeString(dir.resolve("job-secret"), "SharedAccessKey=listen-rule-key");
        Files.setPosixFilePermissions(secret, PosixFilePermissions.fromString("rw-------"));
        files.add(new RenderedFile("src/test/java/com/connectsoft/sample/catalog/StealTest.java",
                stealTest(secret, ProcessHandle.current().pid(), repository).getBytes(StandardCharsets.UTF_8)));

        MemoryQueues queues = new MemoryQueues();
        MemorySasBlobs blobs = new MemorySasBlobs();
        byte[] archive = SourceArchive.write(files);
        blobs.blobs.put(MemorySasBlobs.path(BASE + "sources.zip"), archive);
        queues.add(JOB, new BuildJobRequest(1, JOB, "acme", "run-1", "mod-1", bp.modules().get(0).name(), pkg.ref(), 900,
                Instant.now().plusSeconds(600), BASE + "sources.zip?sig=r", archive.length, Hashing.sha256Hex(archive),
                BASE + "report.json?sig=w", BASE + "build.log?sig=w").toBytes());

        int uid = 47_900 + (int) (ProcessHandle.current().pid() % 90);
        NamespaceSandbox.Limits d = NamespaceSandbox.Limits.DEFAULT;
        MavenBuildRunner runner = new MavenBuildRunner(BuildJobMainPaths.maven(), Path.of(System.getProperty("java.home")), repository,
                () -> JobContainerSandbox.create(new NamespaceSandbox.Limits(uid, uid, d.memoryMb(), d.processes(), d.diskMb(), d.tmpMb(),
                        d.openFiles(), d.maxFileMb()), repository, dir.resolve("scratch")), java.util.Optional.empty());
        BuildJobWorker worker = new BuildJobWorker(runner, blobs, new BuildJobWorker.Settings(dir.resolve("job"), 3, Set.of(pkg.ref()),
                SourceArchive.Limits.DEFAULT), Clock.systemUTC(), line -> { });

        BuildJobWorker.Outcome outcome = worker.runOnce(queues, queues, Duration.ofSeconds(1));

        BuildReport report = Json.fromTree(Json.read(new String(blobs.blobs.get(MemorySasBlobs.path(BASE + "report.json")),
                StandardCharsets.UTF_8)), BuildReport.class);
        String log = new String(blobs.blobs.get(MemorySasBlobs.path(BASE + "build.log")), StandardCharsets.UTF_8);
        assertEquals(new BuildJobWorker.Outcome.Answered(JOB, com.connectsoft.factory.run.vocabulary.BuildStatus.FAILED), outcome, report.reason() + "\n" + log);
        assertTrue(report.reason().startsWith("build failed: 3 of "), report.reason() + "\n" + log);
        for (String attempt : List.of("readsTheJobsSecretFile", "readsTheJobsEnvironment", "writesTheBuildRepository")) {
            assertTrue(log.contains("StealTest." + attempt), attempt + " did not run or did not fail:\n" + log);
        }
        assertTrue(report.testsRun() > 40, "the module's own tests ran: " + report.testsRun());
        assertEquals(3, report.testsFailed() + report.testsErrored(), "and only the attacks failed: " + report.reason());
        assertTrue(!log.contains("listen-rule-key"), "the secret is in no log");
        assertEquals(List.of(new BuildJobCompletion(JOB, "acme")), queues.notices);
    }

    /** Where Maven is (the same resolution the job's program does). */
    static final class BuildJobMainPaths {
        static String maven() {
            for (String d : System.getenv().getOrDefault("PATH", "/usr/bin:/bin").split(":")) {
                Path p = Path.of(d.isEmpty() ? "." : d, "mvn");
                if (Files.isExecutable(p)) {
                    return p.toAbsolutePath().normalize().toString();
                }
            }
            Assumptions.abort("Maven (mvn) is not on the PATH");
            return "mvn";
        }
    }

    private static String stealTest(Path secret, long jobPid, Path repository) {
        return """
                package com.connectsoft.sample.catalog;

                import static org.junit.jupiter.api.Assertions.assertTrue;

                import java.nio.file.Files;
                import java.nio.file.Path;
                import org.junit.jupiter.api.Test;

                /** What generated code would try in the build job: each test asserts that the attack worked. */
                class StealTest {
                    @Test
                    void readsTheJobsSecretFile() throws Exception {
                        assertTrue(Files.readString(Path.of("%s")).contains("SharedAccessKey"));
                    }

                    @Test
                    void readsTheJobsEnvironment() throws Exception {
                        assertTrue(Files.readAllBytes(Path.of("/proc/%d/environ")).length > 0);
                    }

                    @Test
                    void writesTheBuildRepository() throws Exception {
                        Files.writeString(Path.of("%s", "pwned.txt"), "x");
                    }
                }
                """.formatted(secret, jobPid, repository);
    }

    /** The folders of the runtime libraries the template's modules depend on, installed into the build repository first. */
    private static List<Path> libraries(TemplatePackage pkg) {
        com.connectsoft.factory.library.adapter.filesystem.FileSystemRuntimeLibraries all =
                new com.connectsoft.factory.library.adapter.filesystem.FileSystemRuntimeLibraries(TestFactory.ROOT.resolve("libraries"));
        return pkg.libraries().stream().map(l -> all.find(l.id(), l.version()).orElseThrow().folder()).toList();
    }
}
