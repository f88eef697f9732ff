package com.connectsoft.factory.app;

import com.connectsoft.factory.build.domain.BuildSettings;
import com.connectsoft.factory.build.adapter.BuildRunners;
import com.connectsoft.factory.build.adapter.MavenBuildRunner;
import com.connectsoft.factory.build.adapter.azure.AzureBuildJobs;
import com.connectsoft.factory.build.adapter.azure.BuildJobQueues;
import com.connectsoft.factory.build.adapter.azure.BuildJobWorker;
import com.connectsoft.factory.build.adapter.azure.JobSandboxes;
import com.connectsoft.factory.build.adapter.azure.SasBlobs;
import com.connectsoft.factory.build.adapter.azure.SourceArchive;
import com.connectsoft.factory.build.domain.BuildRunner;
import com.connectsoft.factory.capability.CapabilityRegistry;
import com.connectsoft.factory.generation.application.FactoryVersions;
import com.connectsoft.factory.generation.application.RenderModule;
import com.connectsoft.factory.generation.application.TemplateSamplePreparation;
import com.connectsoft.factory.template.adapter.filesystem.FileSystemTemplateCatalog;
import com.connectsoft.factory.template.adapter.mustache.MustacheEngine;
import com.connectsoft.factory.generation.application.TemplateRenderer;
import com.connectsoft.factory.template.domain.TemplatePackage;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * The build job's program (a Container Apps job with no identity, started by its event trigger when the build-jobs
 * queue holds a request). {@code run} (the default) takes one request and answers it (see {@link BuildJobWorker});
 * {@code prepare} runs when the job's image is built: it fills the build repository with what every template of the
 * catalog builds with (online, from each template's own sample) and lists the prepared versions beside it.
 *
 * <p>Settings (environment): FACTORY_BUILD_JOBS_LISTEN_CONNECTION (a connection string whose rule may only Listen on the
 * build-jobs queue) and FACTORY_BUILD_JOBS_DONE_CONNECTION (only Send to build-jobs-done) are its only secrets;
 * FACTORY_BUILD_REPOSITORY, FACTORY_MAVEN, FACTORY_BUILD_TIMEOUT_SECONDS, FACTORY_BUILD_MEMORY_MB, FACTORY_BUILD_DISK_MB,
 * FACTORY_BUILD_UID, FACTORY_BUILD_SANDBOX as for the factory; FACTORY_BUILD_JOB_WORK (default
 * /tmp/factory-build-job) and FACTORY_BUILD_JOB_WAIT_SECONDS (how long to wait for a request, default 60). Exit code:
 * 0 when the request was answered, dropped or set aside, or none came; 1 when it was given back for another attempt;
 * 2 for bad settings.
 */
public final class BuildJobMain {
    public static final String LISTEN_CONNECTION = "FACTORY_BUILD_JOBS_LISTEN_CONNECTION";
    public static final String DONE_CONNECTION = "FACTORY_BUILD_JOBS_DONE_CONNECTION";

    private BuildJobMain() {
    }

    public static void main(String[] args) {
        System.exit(run(args, System.getenv(), System.out, System.err));
    }

    static int run(String[] args, Map<String, String> env, PrintStream out, PrintStream err) {
        String mode = args.length == 0 ? "run" : args[0];
        try {
            return switch (mode) {
                case "run" -> runOnce(env, out);
                case "prepare" -> prepare(env, args.length > 2 && args[1].equals("--templates") ? Path.of(args[2])
                        : Path.of(env.getOrDefault("FACTORY_TEMPLATES", "templates")), out, err);
                default -> {
                    err.println("usage: BuildJobMain [run | prepare [--templates DIR]]");
                    yield 2;
                }
            };
        } catch (IllegalArgumentException e) {
            err.println("build job: " + e.getMessage());
            return 2;
        }
    }

    private static int runOnce(Map<String, String> env, PrintStream out) {
        String listen = required(env, LISTEN_CONNECTION, "a connection string of a rule that may only Listen on the "
                + CapabilityRegistry.BUILD_JOBS_QUEUE + " queue");
        String done = required(env, DONE_CONNECTION, "a connection string of a rule that may only Send to the "
                + CapabilityRegistry.BUILD_JOBS_DONE_QUEUE + " queue");
        BuildSettings build = BuildSettings.from(env);
        Path work = Path.of(env.getOrDefault("FACTORY_BUILD_JOB_WORK", "/tmp/factory-build-job")).toAbsolutePath().normalize();
        Duration wait = Duration.ofSeconds(Long.parseLong(env.getOrDefault("FACTORY_BUILD_JOB_WAIT_SECONDS", "60")));
        BuildJobWorker worker = new BuildJobWorker(runner(build, work.resolve(".sandbox")), SasBlobs.azure(),
                new BuildJobWorker.Settings(work, CapabilityRegistry.queue(CapabilityRegistry.BUILD_JOBS_QUEUE).maxDeliveries(),
                        preparedTemplates(build.repository()), SourceArchive.Limits.DEFAULT), Clock.systemUTC(), out::println);
        try (BuildJobQueues.Inbox inbox = BuildJobQueues.connectInbox(listen, AzureBuildJobs.longestJob(build.timeout()));
             BuildJobQueues.Outbox outbox = BuildJobQueues.connectOutbox(done)) {
            return worker.runOnce(inbox, outbox, wait) instanceof BuildJobWorker.Outcome.Retried ? 1 : 0;
        }
    }

    /** Maven in the job's sandbox ({@link JobSandboxes}), offline against the image's build repository. */
    static MavenBuildRunner runner(BuildSettings build, Path scratch) {
        Path javaHome = Path.of(System.getProperty("java.home"));
        String maven = BuildRunners.onPath(build.maven()).map(Path::toString).orElse(build.maven());
        Set<Path> readOnly = new LinkedHashSet<>(List.of(javaHome));
        BuildRunners.mavenHome(maven).ifPresent(readOnly::add);
        return new MavenBuildRunner(maven, javaHome, build.repository(), JobSandboxes.select(build, readOnly, scratch), Optional.empty());
    }

    /** The template versions the image's build repository was prepared for (written by {@code prepare}). */
    static Set<String> preparedTemplates(Path repository) {
        Path list = templatesList(repository);
        try {
            return Files.isRegularFile(list) ? new TreeSet<>(Files.readAllLines(list, StandardCharsets.UTF_8).stream().map(String::strip)
                    .filter(l -> !l.isEmpty()).toList()) : Set.of();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + list, e);
        }
    }

    static Path templatesList(Path repository) {
        Path r = repository.toAbsolutePath().normalize();
        return r.resolveSibling(r.getFileName() + ".templates");
    }

    private static int prepare(Map<String, String> env, Path templates, PrintStream out, PrintStream err) {
        BuildSettings build = BuildSettings.from(env);
        Path work = Path.of(env.getOrDefault("FACTORY_BUILD_JOB_WORK", "/tmp/factory-build-job")).toAbsolutePath().normalize();
        // the samples are the templates' own (trusted) code, built online; an image build has no namespaces to offer
        MavenBuildRunner runner = BuildRunners.maven(build, work.resolve(".sandbox"));
        List<String> problems = prepare(new FileSystemTemplateCatalog(templates.toAbsolutePath().normalize()), runner, build.repository(),
                work.resolve("prepare"), build.timeout(), out::println);
        problems.forEach(p -> err.println("build job: " + p));
        return problems.isEmpty() ? 0 : 1;
    }

    /**
     * Prepares builds of every template version of {@code catalog} and writes their list beside {@code repository}.
     *
     * @return why a template could not be prepared (then the list is not written)
     */
    static List<String> prepare(FileSystemTemplateCatalog catalog, BuildRunner runner, Path repository, Path workRoot, Duration timeout,
                                java.util.function.Consumer<String> notices) {
        RenderModule render = new RenderModule(new TemplateRenderer(new MustacheEngine(), catalog),
                FactoryVersions.load());
        TemplateSamplePreparation preparation = new TemplateSamplePreparation(catalog,
                new com.connectsoft.factory.library.adapter.filesystem.FileSystemRuntimeLibraries(catalog.root().resolveSibling("libraries")),
                com.connectsoft.factory.blueprint.BlueprintConfiguration.READERS, render, runner, workRoot, timeout, notices);
        List<String> problems = new ArrayList<>();
        Set<String> prepared = new TreeSet<>();
        for (TemplatePackage pkg : catalog.all()) {
            preparation.prepare(pkg.ref()).ifPresentOrElse(problems::add, () -> prepared.add(pkg.ref()));
        }
        if (prepared.isEmpty() && problems.isEmpty()) {
            problems.add("the catalog holds no template");
        }
        if (problems.isEmpty()) {
            try {
                Files.writeString(templatesList(repository), String.join("\n", prepared) + "\n", StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot write " + templatesList(repository), e);
            }
            notices.accept("prepared " + prepared.size() + " template version(s): " + String.join(", ", prepared));
        }
        return problems;
    }

    private static String required(Map<String, String> env, String name, String what) {
        String v = env.get(name);
        if (v == null || v.isBlank()) {
            throw new IllegalArgumentException(name + " is not set: give " + what + " (the factory stack sets it from the job's secrets)");
        }
        return v.strip();
    }
}
