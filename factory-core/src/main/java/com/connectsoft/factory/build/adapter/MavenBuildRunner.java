package com.connectsoft.factory.build.adapter;

import com.connectsoft.factory.build.adapter.sandbox.Sandbox;
import com.connectsoft.factory.build.domain.BuildReport;
import com.connectsoft.factory.build.domain.BuildRunner;
import com.connectsoft.factory.build.domain.MutationReport;
import com.connectsoft.factory.build.domain.MutationTesting;
import com.connectsoft.factory.platform.files.Directories;
import com.connectsoft.factory.shared.domain.Hashing;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;
import java.util.stream.Stream;

/**
 * Builds a generated module with {@code mvn verify}, and its {@code infra/} Pulumi program when it has one, in one
 * Maven run in the build sandbox, offline, against the build repository (read-only there), with the sandbox's own
 * loopback interface up (tests that serve and call the module's local server run; it reaches nothing outside the
 * sandbox). The module passes when both pass; a failure says why in one line, prefixed {@code infra/} when the Pulumi
 * program failed.
 *
 * <p>One Maven run for both saves a JVM and Maven start per module (a sixth of a module's CPU time): the sandbox gets
 * a staging copy holding the module under {@code module/} and a factory-written aggregator POM beside it (not in the
 * module's sources or its commit) that lists {@code module} then {@code module/infra}. Maven builds them in that order
 * and stops at the first failure, as two separate runs did.
 *
 * <p>The build repository holds exactly what generated builds resolve: {@link #prepare} runs the same steps on a
 * render of a template's own sample, in the sandbox but with the network and a writable repository, then drops Maven's
 * per-repository download records so the offline builds accept every artifact whatever remote repository (or mirror,
 * from {@code mavenSettings}) it came from. A marker (beside the repository, where no build writes) named by a hash
 * of the prepared build files (every {@code pom.xml} and {@code .mvn/} file, and the commands) makes preparing again
 * a no-op until those change.
 *
 * <p>A project whose POM has a {@value #MUTATION_PROFILE} profile (PIT) can also be measured ({@link #measure}): PIT runs
 * in the sandbox as builds do. Preparing such a project also runs the PIT goal once with {@code -DskipPitest} (the
 * plugin's skip property): Maven then resolves the plugin, its plugin dependencies and the profile's test
 * dependencies, without the minutes a real mutation run of the sample would take.
 */
public final class MavenBuildRunner implements BuildRunner, MutationTesting {
    private static final int TAIL_LINES = 40;
    private static final Map<Path, ReentrantLock> PREPARE_LOCKS = new ConcurrentHashMap<>();

    private final String maven;
    private final Path javaHome;
    private final Path repository;
    private final java.util.function.Supplier<Sandbox> sandbox;
    private final java.util.Optional<Path> mavenSettings;

    /**
     * @param maven      the Maven executable (a name on the PATH or a path)
     * @param javaHome   the JDK builds use
     * @param repository the build repository (filled by {@link #prepare}, read-only to builds)
     * @param sandbox    where generated code is built (asked for at the first build; it may throw
     *                   {@link Sandbox.SandboxUnavailable}, which fails that build with the reason)
     * @param mavenSettings a Maven settings file (mirrors, proxies) for preparing, which downloads; builds never see it
     */
    public MavenBuildRunner(String maven, Path javaHome, Path repository, java.util.function.Supplier<Sandbox> sandbox,
                            java.util.Optional<Path> mavenSettings) {
        this.maven = maven;
        this.javaHome = javaHome;
        this.repository = repository.toAbsolutePath().normalize();
        this.sandbox = sandbox;
        this.mavenSettings = mavenSettings;
    }

    /** The aggregator POM of a module with an {@code infra/} program: the module, then its Pulumi program. */
    static final String REACTOR_POM = """
            <?xml version="1.0" encoding="UTF-8"?>
            <project xmlns="http://maven.apache.org/POM/4.0.0">
              <modelVersion>4.0.0</modelVersion>
              <groupId>com.connectsoft.factory.build</groupId>
              <artifactId>factory-build-reactor</artifactId>
              <version>1</version>
              <packaging>pom</packaging>
              <name>the factory's build of a module and its infra/ program</name>
              <modules>
                <module>module</module>
                <module>module/infra</module>
              </modules>
            </project>
            """;

    private static final java.util.regex.Pattern BUILDING = java.util.regex.Pattern.compile("^\\[INFO\\] Building .* \\[(\\d+)/\\d+\\]\\s*$");

    /**
     * Which project of the reactor the log was building last: Maven announces each as "Building name version [i/n]";
     * 2 is {@code infra/}. Before any (a POM Maven could not read) the log's mention of {@code infra/pom.xml} decides.
     */
    static boolean infraWasBuilding(List<String> log) {
        for (int i = log.size() - 1; i >= 0; i--) {
            java.util.regex.Matcher m = BUILDING.matcher(log.get(i));
            if (m.matches()) {
                return m.group(1).equals("2");
            }
        }
        return log.stream().anyMatch(l -> l.contains("module/infra/pom.xml"));
    }

    /** The command as a shell would take it: an argument with a space is quoted. */
    static String shell(List<String> command) {
        return command.stream().map(a -> a.contains(" ") ? "'" + a.replace("'", "'\\''") + "'" : a)
                .collect(java.util.stream.Collectors.joining(" "));
    }

    /**
     * Whether the pom names argLine anywhere (then its own test JVM options stand); no pom ({@code null}: the command
     * for a fingerprint) and an unreadable one count as yes.
     */
    static boolean mentionsArgLine(Path pom) {
        try {
            return pom == null || !Files.isRegularFile(pom) || Files.size(pom) > 4 << 20 || Files.readString(pom, StandardCharsets.UTF_8).contains("argLine");
        } catch (IOException | java.io.UncheckedIOException e) {
            return true;
        }
    }

    /** JVM options of the generated modules' test forks during validation (not written into their poms). */
    static final String TEST_JVM_OPTIONS = "-XX:TieredStopAtLevel=1 -XX:+UseSerialGC -XX:-UsePerfData";

    /**
     * Whether the pom has the {@code azure} profile with the Azure Functions packaging: then builds run it too
     * ({@code -Pazure}) and its {@code function.json} files are checked against the sources ({@link FunctionBindings}).
     */
    static boolean packagesForAzure(Path pom) {
        try {
            if (!Files.isRegularFile(pom, LinkOption.NOFOLLOW_LINKS) || Files.size(pom) > 4 << 20) {
                return false;
            }
            String text = Files.readString(pom, StandardCharsets.UTF_8);
            return text.contains("<id>azure</id>") && text.contains("<artifactId>azure-functions-maven-plugin</artifactId>");
        } catch (IOException | java.io.UncheckedIOException e) {
            return false;
        }
    }

    private List<String> command(Path repositoryInside, boolean offline, boolean ownArgLine, boolean azurePackaging) {
        List<String> c = new ArrayList<>(List.of(maven, "-B", "-Dstyle.color=never", "-Dmaven.repo.local=" + repositoryInside));
        if (azurePackaging) {
            c.add("-Pazure");
        }
        if (offline) {
            // the tests' forked JVMs live for seconds: the quick JIT and the serial collector spend a third less CPU on
            // them, which is what lets a run's modules build side by side on few cores. A pom that sets argLine itself
            // (a property, the plugin's configuration, an agent such as JaCoCo's) keeps it: -D would override it, in
            // both projects of a reactor, so one pom that sets it is enough to leave it alone.
            if (!ownArgLine) {
                c.add("-DargLine=" + TEST_JVM_OPTIONS);
            }
            c.add("-o");
        }
        c.add("verify");
        return c;
    }

    /** Where the azure packaging writes each function's binding file, relative to the module. */
    static final String FUNCTION_JSON = "target/azure-functions/*/*/function.json";

    /** The packaged functions against the ones the module's sources declare: why they differ, or empty. */
    static Optional<String> checkFunctionJson(Path sources, Path azureFunctions) {
        FunctionBindings.Read declared = FunctionBindings.declared(sources.resolve("src/main/java"));
        if (declared instanceof FunctionBindings.Read.Unreadable u) {
            return Optional.of("cannot read the sources' functions: " + u.reason());
        }
        FunctionBindings.Read packaged = FunctionBindings.packaged(azureFunctions);
        if (packaged instanceof FunctionBindings.Read.Unreadable u) {
            return Optional.of(u.reason());
        }
        return FunctionBindings.mismatch(((FunctionBindings.Read.Functions) declared).byName(),
                ((FunctionBindings.Read.Functions) packaged).byName());
    }

    /** The profile of a generated POM that configures PIT; its id is all the factory relies on. */
    static final String MUTATION_PROFILE = "mutation";
    /** The PIT goal; its version comes from the profile. */
    static final String PIT_GOAL = "org.pitest:pitest-maven:mutationCoverage";

    /** Whether the pom declares the mutation profile. */
    static boolean hasMutationProfile(Path pom) {
        try {
            return Files.isRegularFile(pom, LinkOption.NOFOLLOW_LINKS) && Files.size(pom) <= 4 << 20
                    && Files.readString(pom, StandardCharsets.UTF_8).contains("<id>" + MUTATION_PROFILE + "</id>");
        } catch (IOException | java.io.UncheckedIOException e) {
            return false;
        }
    }

    /**
     * PIT over the compiled module (its tests are not run by Surefire: PIT runs them itself); {@code resolveOnly} skips
     * the analysis (preparing: only what it needs is resolved).
     */
    private List<String> mutationCommand(Path repositoryInside, boolean offline, boolean resolveOnly) {
        List<String> c = new ArrayList<>(List.of(maven, "-B", "-Dstyle.color=never", "-Dmaven.repo.local=" + repositoryInside,
                "-P" + MUTATION_PROFILE));
        if (offline) {
            c.add("-o");
        }
        if (resolveOnly) {
            c.add("-DskipPitest=true");
        }
        c.add("test-compile");
        c.add(PIT_GOAL);
        return c;
    }

    private Map<String, String> environment(Sandbox where) {
        boolean confined = where.confined();
        Map<String, String> env = new LinkedHashMap<>();
        Path mavenBin = Path.of(maven).getParent();
        env.put("PATH", javaHome.resolve("bin") + (mavenBin != null ? ":" + mavenBin : "") + ":/usr/local/bin:/usr/bin:/bin");
        env.put("JAVA_HOME", javaHome.toString());
        env.put("LANG", "C.UTF-8");
        env.put("TZ", "UTC");
        env.put("MALLOC_ARENA_MAX", "2");
        String home = confined ? "/tmp/home" : System.getProperty("user.home");
        env.put("HOME", home);
        env.put("MAVEN_OPTS", "-Xmx768m -XX:+UseSerialGC -XX:TieredStopAtLevel=1 -Duser.home=" + home);
        return env;
    }

    @Override
    public BuildReport build(String module, Path sources, Path workDir, Duration timeout) {
        long start = System.nanoTime();
        BuildFiles.reset(workDir);
        Sandbox confined;
        try {
            confined = sandbox.get();
        } catch (Sandbox.SandboxUnavailable e) {
            return new BuildReport(module, com.connectsoft.factory.run.vocabulary.BuildStatus.FAILED, 0, 0, 0, 0, 0, "", "refused to build: " + e.getMessage(), List.of(), null);
        }
        boolean infra = Files.isRegularFile(sources.resolve("infra/pom.xml"), LinkOption.NOFOLLOW_LINKS);
        Path root = sources;
        String moduleDir = "";
        if (infra) {
            root = workDir.resolve("stage");
            moduleDir = "module/";
            try {
                Directories.copy(sources, root.resolve("module"));
                Files.writeString(root.resolve("pom.xml"), REACTOR_POM, StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot stage the build of " + module + " in " + root, e);
            }
        }
        boolean ownArgLine = mentionsArgLine(sources.resolve("pom.xml")) || infra && mentionsArgLine(sources.resolve("infra/pom.xml"));
        boolean azure = packagesForAzure(sources.resolve("pom.xml"));
        List<String> command = command(confined.repositoryInside(), true, ownArgLine, azure);
        String shown = shell(command) + (infra ? " (the module and infra/ in one reactor)" : "");
        Path log = workDir.resolve("module.log");
        Path output = workDir.resolve("module");
        List<String> collect = new ArrayList<>(infra
                ? List.of("module/target/surefire-reports/*.xml", "module/infra/target/surefire-reports/*.xml")
                : List.of("target/surefire-reports/*.xml"));
        if (azure) {
            collect.add(moduleDir + FUNCTION_JSON);
        }
        Sandbox.Result result;
        try {
            // the module's own loopback is up (nothing beyond it): its tests may serve and call its local server
            result = confined.run(new Sandbox.Job(root, "", command, environment(confined), collect, output, log, timeout, false, true));
        } catch (Sandbox.SandboxUnavailable e) {
            return new BuildReport(module, com.connectsoft.factory.run.vocabulary.BuildStatus.FAILED, 0, 0, 0, 0,
                    (System.nanoTime() - start) / 1_000_000, shown, "the build sandbox could not run: " + e.getMessage(), List.of(), null);
        } finally {
            if (infra) {
                try {
                    Directories.delete(root, true);
                } catch (IOException e) {
                    // the staging copy is inside the build's own directory, emptied before its next build
                }
            }
        }
        List<String> lines = MavenDiagnosis.printable(BuildFiles.tailOf(log));
        BuildFiles.write(workDir.resolve("build.log"), "== " + shown + "\n" + String.join("\n", lines) + (lines.isEmpty() ? "" : "\n"));
        SurefireReports.Summary moduleTests = SurefireReports.read(output.resolve(moduleDir + "target/surefire-reports"));
        SurefireReports.Summary infraTests = infra ? SurefireReports.read(output.resolve(moduleDir + "infra/target/surefire-reports"))
                : SurefireReports.Summary.NONE;
        SurefireReports.Summary tests = moduleTests.plus(infraTests);
        com.connectsoft.factory.run.vocabulary.BuildStatus status = com.connectsoft.factory.run.vocabulary.BuildStatus.PASSED;
        String reason = "";
        List<String> tail = List.of();
        if (!result.succeeded()) {
            boolean inInfra = infra && infraWasBuilding(lines);
            String label = inInfra ? "infra/ " : "";
            status = result.timedOut() ? com.connectsoft.factory.run.vocabulary.BuildStatus.TIMED_OUT : com.connectsoft.factory.run.vocabulary.BuildStatus.FAILED;
            reason = label + (result.timedOut() ? "timed out after " + timeout.toSeconds() + " s (FACTORY_BUILD_TIMEOUT_SECONDS)"
                    : "build failed: " + MavenDiagnosis.reason(lines, inInfra ? infraTests : moduleTests, result.exitCode(), true));
            tail = lines.subList(Math.max(0, lines.size() - TAIL_LINES), lines.size());
        } else if (azure) {
            Optional<String> mismatch = checkFunctionJson(sources, output.resolve(moduleDir + "target/azure-functions"));
            if (mismatch.isPresent()) {
                status = com.connectsoft.factory.run.vocabulary.BuildStatus.FAILED;
                reason = "function.json check: " + mismatch.get();
                BuildFiles.write(workDir.resolve("build.log"), "== " + shown + "\n" + String.join("\n", lines) + "\n== " + reason + "\n");
            }
        }
        long ms = (System.nanoTime() - start) / 1_000_000;
        return new BuildReport(module, status, tests.tests(), tests.failures(), tests.errors(), tests.skipped(), ms,
                shown, reason, tail, null);
    }

    /**
     * Builds a module offline as {@link #build} does (packaged for Azure, tests compiled but not run), then runs its
     * local server {@code mainClass} in the sandbox's preview mode (its own loopback only, {@code previewDir} writable)
     * on {@code port} of that loopback with a Unix socket in {@code previewDir}; the classpath is what the Azure package
     * holds plus the test classes and the Functions core library the host would provide. Blocks until the server ends,
     * {@code limit} passes, or the calling thread is interrupted (then everything it started is stopped).
     *
     * @param settings the module's development settings (STORE, AUTH_*); AUTH_JWKS_FILE is set to {@code jwks.json} in
     *                 the preview directory as the server sees it
     */
    public Sandbox.Result serve(Path sources, String mainClass, int port, Map<String, String> settings, Path previewDir, Path workDir,
                                Path log, Duration limit) {
        if (!mainClass.matches("[A-Za-z_][A-Za-z0-9_]*(\\.[A-Za-z_][A-Za-z0-9_]*)*")) {
            throw new IllegalArgumentException("not a class name: " + mainClass);
        }
        BuildFiles.reset(workDir);
        Sandbox where = sandbox.get();
        Path repositoryInside = where.repositoryInside();
        List<String> maven = new ArrayList<>(List.of(this.maven, "-B", "-q", "-Dstyle.color=never", "-Dmaven.repo.local=" + repositoryInside,
                "-o", "-Pazure", "-DskipTests", "package"));
        String script = "set -e; " + shell(maven) + "; LIB=$(echo target/azure-functions/*/lib); "
                + "CORE=$(ls \"$REPOSITORY\"/com/microsoft/azure/functions/azure-functions-java-core-library/*/azure-functions-java-core-library-*.jar"
                + " | sort -V | tail -n 1); export AUTH_JWKS_FILE=\"$PREVIEW_DIR/jwks.json\"; "
                + "exec java -Xmx512m -XX:+UseSerialGC -XX:TieredStopAtLevel=1 -cp \"target/classes:target/test-classes:$LIB/*:$CORE\" "
                + "\"$1\" --port \"$2\" --unix-socket \"$PREVIEW_DIR/module.sock\"";
        Map<String, String> env = new LinkedHashMap<>(environment(where));
        env.putAll(settings);
        env.put("REPOSITORY", repositoryInside.toString());
        return where.serve(new Sandbox.Job(sources, "", List.of("/bin/sh", "-c", script, "preview", mainClass, String.valueOf(port)), env,
                List.of(), workDir.resolve("out"), log, limit), previewDir);
    }

    /** Where PIT writes the figures the factory reads (the profile turns off timestamped report directories). */
    static final String PIT_REPORT = "target/pit-reports/mutations.xml";
    /** How many classes a mutation report lists. */
    static final int TOP_CLASSES = 5;

    @Override
    public MutationReport measure(String module, Path sources, Path workDir, Duration timeout) {
        long start = System.nanoTime();
        BuildFiles.reset(workDir);
        if (!hasMutationProfile(sources.resolve("pom.xml"))) {
            return MutationReport.failed(module, 0, "the module's pom.xml has no '" + MUTATION_PROFILE
                    + "' profile (modules of templates before FunctionsMicroservice 1.4.1 cannot be measured)");
        }
        Sandbox confined;
        try {
            confined = sandbox.get();
        } catch (Sandbox.SandboxUnavailable e) {
            return MutationReport.failed(module, 0, "refused to run: " + e.getMessage());
        }
        List<String> command = mutationCommand(confined.repositoryInside(), true, false);
        Path log = workDir.resolve("mutation.log");
        Path output = workDir.resolve("module");
        Sandbox.Result result;
        try {
            result = confined.run(new Sandbox.Job(sources, "", command, environment(confined), List.of(PIT_REPORT), output, log, timeout,
                    false, true));
        } catch (Sandbox.SandboxUnavailable e) {
            return MutationReport.failed(module, (System.nanoTime() - start) / 1_000_000, "the build sandbox could not run: " + e.getMessage());
        }
        long ms = (System.nanoTime() - start) / 1_000_000;
        List<String> lines = MavenDiagnosis.printable(BuildFiles.tailOf(log));
        BuildFiles.write(workDir.resolve("build.log"), "== " + shell(command) + "\n" + String.join("\n", lines) + (lines.isEmpty() ? "" : "\n"));
        if (!result.succeeded()) {
            return MutationReport.failed(module, ms, result.timedOut() ? "timed out after " + timeout.toSeconds() + " s"
                    : "mutation testing failed: " + MavenDiagnosis.reason(lines, SurefireReports.Summary.NONE, result.exitCode(), true));
        }
        try {
            return PitReports.read(module, output.resolve(PIT_REPORT), ms, TOP_CLASSES);
        } catch (PitReports.UnreadableReport e) {
            return MutationReport.failed(module, ms, e.getMessage());
        }
    }

    @Override
    public Preparation prepare(Path trustedSources, Path workDir, Duration timeout, Runnable starting) {
        return prepare(trustedSources, List.of(), workDir, timeout, starting);
    }

    /**
     * Installs each library (a trusted standalone Maven project: the factory's runtime libraries) into the build
     * repository with {@code mvn install}, tests skipped (they ran when the library was built here), in the sandbox with
     * the network, then prepares the sources as {@link #prepare(Path, Path, Duration, Runnable)} does. The marker's
     * fingerprint covers every file of each library, so a changed library is installed again.
     */
    @Override
    public Preparation prepare(Path trustedSources, List<Path> libraries, Path workDir, Duration timeout, Runnable starting) {
        long start = System.nanoTime();
        List<Path> projects = projects(trustedSources);
        if (projects.isEmpty()) {
            return new Preparation.Failed("no Maven project (pom.xml) in " + trustedSources, List.of());
        }
        for (Path library : libraries) {
            if (!Files.isRegularFile(library.resolve("pom.xml"), LinkOption.NOFOLLOW_LINKS)) {
                return new Preparation.Failed("runtime library " + library + " has no pom.xml", List.of());
            }
        }
        String fingerprint = fingerprint(projects, trustedSources, libraries);
        Path markers = repository.resolveSibling(repository.getFileName() + ".prepared");
        Path marker = markers.resolve(fingerprint);
        if (Files.isRegularFile(marker)) {
            return new Preparation.Ready(false, 0);
        }
        ReentrantLock lock = PREPARE_LOCKS.computeIfAbsent(repository, r -> new ReentrantLock());
        lock.lock();
        try {
            Files.createDirectories(markers);
            try (FileChannel channel = FileChannel.open(markers.resolve(".lock"), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
                 FileLock ignored = channel.lock()) {
                if (Files.isRegularFile(marker)) {
                    return new Preparation.Ready(false, (System.nanoTime() - start) / 1_000_000);
                }
                Sandbox where;
                try {
                    where = sandbox.get();
                } catch (Sandbox.SandboxUnavailable e) {
                    return new Preparation.Failed("refused to prepare: " + e.getMessage(), List.of());
                }
                starting.run();
                long deadline = start + timeout.toNanos();
                BuildFiles.reset(workDir);
                for (Path library : libraries) {
                    Optional<Preparation.Failed> failed = install(where, library, workDir, Duration.ofNanos(Math.max(1_000_000,
                            deadline - System.nanoTime())), timeout);
                    if (failed.isPresent()) {
                        return failed.get();
                    }
                }
                int n = 0;
                for (Path project : projects) {
                    Path log = workDir.resolve("prepare-" + (n++) + ".log");
                    Duration left = Duration.ofNanos(Math.max(1_000_000, deadline - System.nanoTime()));
                    List<String> command = command(where.repositoryInside(), false, true, packagesForAzure(project.resolve("pom.xml")));
                    if (mavenSettings.isPresent()) {
                        Files.copy(mavenSettings.get(), project.resolve(".factory-maven-settings.xml"),
                                java.nio.file.StandardCopyOption.REPLACE_EXISTING);
                        command.add(1, "--settings=.factory-maven-settings.xml");
                    }
                    Sandbox.Result r = where.run(new Sandbox.Job(project, "", command, environment(where), List.of("target/surefire-reports/*.xml"),
                            workDir.resolve("prepare-" + n), log, left, true));
                    if (!r.succeeded()) {
                        List<String> lines = MavenDiagnosis.printable(BuildFiles.tailOf(log));
                        String at = trustedSources.relativize(project).toString();
                        String why = r.timedOut() ? "timed out after " + timeout.toSeconds() + " s"
                                : MavenDiagnosis.reason(lines, SurefireReports.read(workDir.resolve("prepare-" + n)
                                        .resolve("target/surefire-reports")), r.exitCode(), false);
                        return new Preparation.Failed((at.isEmpty() ? "" : at + "/ ") + why,
                                lines.subList(Math.max(0, lines.size() - TAIL_LINES), lines.size()));
                    }
                    if (hasMutationProfile(project.resolve("pom.xml"))) {
                        Path mlog = workDir.resolve("prepare-" + n + "-mutation.log");
                        List<String> mutation = mutationCommand(where.repositoryInside(), false, true);
                        if (mavenSettings.isPresent()) {
                            mutation.add(1, "--settings=.factory-maven-settings.xml");
                        }
                        Sandbox.Result m = where.run(new Sandbox.Job(project, "", mutation, environment(where), List.of(),
                                workDir.resolve("prepare-" + n + "-mutation"), mlog,
                                Duration.ofNanos(Math.max(1_000_000, deadline - System.nanoTime())), true));
                        if (!m.succeeded()) {
                            List<String> lines = MavenDiagnosis.printable(BuildFiles.tailOf(mlog));
                            String at = trustedSources.relativize(project).toString();
                            String why = m.timedOut() ? "timed out after " + timeout.toSeconds() + " s"
                                    : MavenDiagnosis.reason(lines, SurefireReports.Summary.NONE, m.exitCode(), false);
                            return new Preparation.Failed((at.isEmpty() ? "" : at + "/ ") + "mutation testing (-P" + MUTATION_PROFILE + "): " + why,
                                    lines.subList(Math.max(0, lines.size() - TAIL_LINES), lines.size()));
                        }
                    }
                }
                forgetRemoteOrigins(repository);
                Files.writeString(marker, "{\"preparedAt\":\"" + Instant.now() + "\",\"projects\":" + projects.size() + "}\n",
                        StandardCharsets.UTF_8);
                return new Preparation.Ready(true, (System.nanoTime() - start) / 1_000_000);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot prepare the build repository " + repository, e);
        } finally {
            lock.unlock();
        }
    }

    /** {@code mvn install} of one trusted library project, from a staging copy without its build output. */
    private Optional<Preparation.Failed> install(Sandbox where, Path library, Path workDir, Duration left, Duration timeout) throws IOException {
        String name = library.getFileName().toString();
        Path staged = workDir.resolve("libraries").resolve(name);
        Directories.copy(library, staged);
        Directories.delete(staged.resolve("target"), true);
        List<String> command = new ArrayList<>(List.of(maven, "-B", "-Dstyle.color=never", "-Dmaven.repo.local=" + where.repositoryInside(),
                "-Dmaven.test.skip=true", "install"));
        if (mavenSettings.isPresent()) {
            Files.copy(mavenSettings.get(), staged.resolve(".factory-maven-settings.xml"), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            command.add(1, "--settings=.factory-maven-settings.xml");
        }
        Path log = workDir.resolve("install-" + name + ".log");
        Sandbox.Result r = where.run(new Sandbox.Job(staged, "", command, environment(where), List.of(), workDir.resolve("install-" + name),
                log, left, true));
        if (r.succeeded()) {
            return Optional.empty();
        }
        List<String> lines = MavenDiagnosis.printable(BuildFiles.tailOf(log));
        String why = r.timedOut() ? "timed out after " + timeout.toSeconds() + " s"
                : MavenDiagnosis.reason(lines, SurefireReports.Summary.NONE, r.exitCode(), false);
        return Optional.of(new Preparation.Failed("installing runtime library " + name + " failed: " + why,
                lines.subList(Math.max(0, lines.size() - TAIL_LINES), lines.size())));
    }

    @Override
    public String description() {
        try {
            return "offline Maven builds against " + repository + "; sandbox: " + sandbox.get().description();
        } catch (Sandbox.SandboxUnavailable e) {
            return "no builds: " + e.getMessage();
        }
    }

    /** Every directory with a pom.xml: the module roots and their infra/ programs, parents before children. */
    private static List<Path> projects(Path root) {
        try (Stream<Path> s = Files.walk(root, 3)) {
            return s.filter(p -> p.getFileName().toString().equals("pom.xml") && Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS))
                    .map(Path::getParent).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + root, e);
        }
    }

    private String fingerprint(List<Path> projects, Path root, List<Path> libraries) {
        MessageDigest d = Hashing.sha256();
        d.update(String.join(" ", command(Path.of("repository"), true, true, true)).getBytes(StandardCharsets.UTF_8));
        for (Path library : libraries) {
            try (Stream<Path> s = Files.walk(library)) {
                d.update(("library " + library.getFileName()).getBytes(StandardCharsets.UTF_8));
                for (Path f : s.filter(p -> Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS))
                        .filter(p -> !library.relativize(p).startsWith("target")).sorted().toList()) {
                    d.update(library.relativize(f).toString().getBytes(StandardCharsets.UTF_8));
                    d.update(Files.readAllBytes(f));
                }
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read library " + library, e);
            }
        }
        d.update(String.join(" ", mutationCommand(Path.of("repository"), false, true)).getBytes(StandardCharsets.UTF_8));
        for (Path project : projects) {
            try (Stream<Path> s = Files.walk(project)) {
                for (Path f : s.filter(p -> Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS))
                        .filter(p -> p.getFileName().toString().equals("pom.xml") || project.relativize(p).startsWith(".mvn"))
                        .sorted().toList()) {
                    d.update(root.relativize(f).toString().getBytes(StandardCharsets.UTF_8));
                    d.update(Files.readAllBytes(f));
                }
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read " + project, e);
            }
        }
        return HexFormat.of().formatHex(d.digest()).substring(0, 32);
    }

    /**
     * Drops the records Maven keeps of which remote repository each artifact came from ({@code _remote.repositories}),
     * and failed-download markers: offline builds in the sandbox see no settings or mirrors, and would otherwise refuse
     * artifacts recorded under another repository's id. Also makes the repository readable by the sandbox's user.
     */
    private static void forgetRemoteOrigins(Path repository) throws IOException {
        Files.walkFileTree(repository, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) throws IOException {
                permissions(dir, "rwxr-xr-x");
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                String name = file.getFileName().toString();
                if (name.equals("_remote.repositories") || name.endsWith(".lastUpdated") || name.equals("resolver-status.properties")) {
                    Files.delete(file);
                } else if (attrs.isRegularFile()) {
                    permissions(file, "rw-r--r--");
                }
                return FileVisitResult.CONTINUE;
            }
        });
    }

    private static void permissions(Path p, String perms) throws IOException {
        try {
            Files.setPosixFilePermissions(p, java.nio.file.attribute.PosixFilePermissions.fromString(perms));
        } catch (UnsupportedOperationException e) {
            // not a POSIX file system: nothing to widen
        }
    }
}
