package com.connectsoft.factory.build.adapter;

import com.connectsoft.factory.build.adapter.sandbox.Sandbox;
import com.connectsoft.factory.build.domain.BuildReport;
import com.connectsoft.factory.build.domain.BuildRunner;
import com.connectsoft.factory.platform.files.Directories;
import com.connectsoft.factory.shared.domain.Hashing;
import java.io.IOException;
import java.io.RandomAccessFile;
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
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;
import java.util.stream.Stream;

/**
 * Builds a generated module with {@code mvn verify}, then its {@code infra/} Pulumi program when it has one, each in
 * the build sandbox, offline, against the build repository (read-only there). The module passes when every step
 * passes; a failed one says why in one line.
 *
 * <p>The build repository holds exactly what generated builds resolve: {@link #prepare} runs the same steps on a
 * render of a template's own sample, in the sandbox but with the network and a writable repository, then drops Maven's
 * per-repository download records so the offline builds accept every artifact whatever remote repository (or mirror,
 * from {@code mavenSettings}) it came from. A marker (beside the repository, where no build writes) named by a hash
 * of the prepared build files (every {@code pom.xml} and {@code .mvn/} file, and the commands) makes preparing again
 * a no-op until those change.
 */
public final class MavenBuildRunner implements BuildRunner {
    private static final int TAIL_LINES = 40;
    private static final long MAX_LOG_READ = 2L << 20;
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

    private record Step(String name, String dir) {
        String label() {
            return dir.isEmpty() ? "" : dir + "/ ";
        }
    }

    private static List<Step> steps(Path sources) {
        List<Step> steps = new ArrayList<>(List.of(new Step("module", "")));
        if (Files.isRegularFile(sources.resolve("infra/pom.xml"), LinkOption.NOFOLLOW_LINKS)) {
            steps.add(new Step("infra", "infra"));
        }
        return steps;
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

    private List<String> command(Path repositoryInside, boolean offline, Path pom) {
        List<String> c = new ArrayList<>(List.of(maven, "-B", "-Dstyle.color=never", "-Dmaven.repo.local=" + repositoryInside));
        if (offline) {
            // the tests' forked JVMs live for seconds: the quick JIT and the serial collector spend a third less CPU on
            // them, which is what lets a run's modules build side by side on few cores. A pom that sets argLine itself
            // (a property, the plugin's configuration, an agent such as JaCoCo's) keeps it: -D would override it.
            if (!mentionsArgLine(pom)) {
                c.add("-DargLine=" + TEST_JVM_OPTIONS);
            }
            c.add("-o");
        }
        c.add("verify");
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
        long deadline = start + timeout.toNanos();
        reset(workDir);
        List<String> commands = new ArrayList<>();
        SurefireReports.Summary tests = SurefireReports.Summary.NONE;
        com.connectsoft.factory.run.vocabulary.BuildStatus status = com.connectsoft.factory.run.vocabulary.BuildStatus.PASSED;
        String reason = "";
        List<String> tail = List.of();
        StringBuilder fullLog = new StringBuilder();
        Sandbox confined;
        try {
            confined = sandbox.get();
        } catch (Sandbox.SandboxUnavailable e) {
            return new BuildReport(module, com.connectsoft.factory.run.vocabulary.BuildStatus.FAILED, 0, 0, 0, 0, 0, "", "refused to build: " + e.getMessage(), List.of(), null);
        }
        for (Step step : steps(sources)) {
            Duration left = Duration.ofNanos(Math.max(0, deadline - System.nanoTime()));
            List<String> command = command(confined.repositoryInside(), true, sources.resolve(step.dir()).resolve("pom.xml"));
            commands.add((step.dir().isEmpty() ? "" : "(cd " + step.dir() + " && ") + shell(command)
                    + (step.dir().isEmpty() ? "" : ")"));
            if (left.isZero()) {
                status = com.connectsoft.factory.run.vocabulary.BuildStatus.TIMED_OUT;
                reason = step.label() + "not started: the build's " + timeout.toSeconds() + " s were used up";
                break;
            }
            Path log = workDir.resolve(step.name() + ".log");
            Sandbox.Result result;
            try {
                result = confined.run(new Sandbox.Job(step.dir().isEmpty() ? sources : sources.resolve(step.dir()), "", command,
                        environment(confined), List.of("target/surefire-reports/*.xml"), workDir.resolve(step.name()), log, left));
            } catch (Sandbox.SandboxUnavailable e) {
                status = com.connectsoft.factory.run.vocabulary.BuildStatus.FAILED;
                reason = "the build sandbox could not run: " + e.getMessage();
                break;
            }
            List<String> lines = MavenDiagnosis.printable(tailOf(log));
            fullLog.append("== ").append(step.dir().isEmpty() ? "module" : step.dir() + "/").append(": ")
                    .append(shell(command)).append('\n');
            lines.forEach(l -> fullLog.append(l).append('\n'));
            SurefireReports.Summary stepTests = SurefireReports.read(workDir.resolve(step.name()).resolve("target/surefire-reports"));
            tests = tests.plus(stepTests);
            if (!result.succeeded()) {
                status = result.timedOut() ? com.connectsoft.factory.run.vocabulary.BuildStatus.TIMED_OUT : com.connectsoft.factory.run.vocabulary.BuildStatus.FAILED;
                reason = step.label() + (result.timedOut() ? "timed out after " + timeout.toSeconds()
                        + " s (FACTORY_BUILD_TIMEOUT_SECONDS)" : "build failed: " + MavenDiagnosis.reason(lines, stepTests, result.exitCode(), true));
                tail = lines.subList(Math.max(0, lines.size() - TAIL_LINES), lines.size());
                break;
            }
        }
        write(workDir.resolve("build.log"), fullLog.toString());
        long ms = (System.nanoTime() - start) / 1_000_000;
        return new BuildReport(module, status, tests.tests(), tests.failures(), tests.errors(), tests.skipped(), ms,
                String.join(" && ", commands), reason, tail, null);
    }

    @Override
    public Preparation prepare(Path trustedSources, Path workDir, Duration timeout, Runnable starting) {
        long start = System.nanoTime();
        List<Path> projects = projects(trustedSources);
        if (projects.isEmpty()) {
            return new Preparation.Failed("no Maven project (pom.xml) in " + trustedSources, List.of());
        }
        String fingerprint = fingerprint(projects, trustedSources);
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
                reset(workDir);
                int n = 0;
                for (Path project : projects) {
                    Path log = workDir.resolve("prepare-" + (n++) + ".log");
                    Duration left = Duration.ofNanos(Math.max(1_000_000, deadline - System.nanoTime()));
                    List<String> command = command(where.repositoryInside(), false, null);
                    if (mavenSettings.isPresent()) {
                        Files.copy(mavenSettings.get(), project.resolve(".factory-maven-settings.xml"),
                                java.nio.file.StandardCopyOption.REPLACE_EXISTING);
                        command.add(1, "--settings=.factory-maven-settings.xml");
                    }
                    Sandbox.Result r = where.run(new Sandbox.Job(project, "", command, environment(where), List.of("target/surefire-reports/*.xml"),
                            workDir.resolve("prepare-" + n), log, left, true));
                    if (!r.succeeded()) {
                        List<String> lines = MavenDiagnosis.printable(tailOf(log));
                        String at = trustedSources.relativize(project).toString();
                        String why = r.timedOut() ? "timed out after " + timeout.toSeconds() + " s"
                                : MavenDiagnosis.reason(lines, SurefireReports.read(workDir.resolve("prepare-" + n)
                                        .resolve("target/surefire-reports")), r.exitCode(), false);
                        return new Preparation.Failed((at.isEmpty() ? "" : at + "/ ") + why,
                                lines.subList(Math.max(0, lines.size() - TAIL_LINES), lines.size()));
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

    private String fingerprint(List<Path> projects, Path root) {
        MessageDigest d = Hashing.sha256();
        d.update(String.join(" ", command(Path.of("repository"), true, null)).getBytes(StandardCharsets.UTF_8));
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

    private static void reset(Path dir) {
        try {
            Directories.delete(dir, true);
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot prepare the build directory " + dir, e);
        }
    }

    private static void write(Path file, String text) {
        try {
            Files.writeString(file, text, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }

    /** The last 2 MiB of a log, as lines. */
    private static List<String> tailOf(Path log) {
        if (!Files.isRegularFile(log)) {
            return List.of();
        }
        try (RandomAccessFile f = new RandomAccessFile(log.toFile(), "r")) {
            long from = Math.max(0, f.length() - MAX_LOG_READ);
            byte[] bytes = new byte[(int) (f.length() - from)];
            f.seek(from);
            f.readFully(bytes);
            List<String> lines = new String(bytes, StandardCharsets.UTF_8).lines().toList();
            return from > 0 && !lines.isEmpty() ? lines.subList(1, lines.size()) : lines;
        } catch (IOException e) {
            return List.of("(build log unreadable: " + e.getMessage() + ")");
        }
    }
}
