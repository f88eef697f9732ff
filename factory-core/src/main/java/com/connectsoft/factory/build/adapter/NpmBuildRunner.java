package com.connectsoft.factory.build.adapter;

import com.connectsoft.factory.build.adapter.sandbox.Sandbox;
import com.connectsoft.factory.build.domain.BuildReport;
import com.connectsoft.factory.build.domain.BuildRunner;
import com.connectsoft.factory.platform.files.Directories;
import com.connectsoft.factory.run.vocabulary.BuildStatus;
import com.connectsoft.factory.shared.domain.Hashing;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
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
import java.util.function.Supplier;
import java.util.stream.Stream;

/**
 * Builds and tests generated npm projects (a web front end) in the build sandbox, offline: {@code npm ci --offline}
 * installs from the npm cache the template's preparation filled (mounted read-only, with no network), then
 * {@code npm run build} and {@code npm test}. Test counts come from the JUnit XML the project's tests write to
 * {@code test-results/} (Vitest's junit reporter), read like Surefire's. Install scripts never run.
 */
public final class NpmBuildRunner implements BuildRunner {
    private static final int TAIL_LINES = 40;
    private static final String STEP = "== ";
    private static final Map<Path, ReentrantLock> PREPARE_LOCKS = new ConcurrentHashMap<>();
    /** npm options of every step: the cache inside the sandbox, no audit, no funding notes, no update check, logs in /tmp. */
    private static final String OPTIONS = "--ignore-scripts --no-audit --no-fund --logs-dir=/tmp/npm-logs";

    /**
     * Node's options in every step: a bounded heap, and WebAssembly bounds checks without the trap handler, whose
     * guard regions reserve about 10 GiB of address space per Wasm memory: where the sandbox bounds each process's address
     * space (no memory cgroup: a user other than root, or a machine without cgroups), Vite's Wasm parsers could not
     * start otherwise ("RangeError: WebAssembly.instantiate(): Out of memory"). Needs Node 20.15 or later.
     */
    static final String NODE_OPTIONS = "--max-old-space-size=1536 --disable-wasm-trap-handler";

    private final String npm;
    private final Path cache;
    private final Supplier<Sandbox> sandbox;

    /**
     * @param npm     the npm executable (a path, or a name found on PATH)
     * @param cache   the npm cache builds install from (read-only to them); preparation fills it
     * @param sandbox where commands run (its repository is {@code cache})
     */
    public NpmBuildRunner(String npm, Path cache, Supplier<Sandbox> sandbox) {
        this.npm = npm;
        this.cache = cache.toAbsolutePath().normalize();
        this.sandbox = sandbox;
    }

    /** The npm cache kept beside a Maven build repository ({@code <repository>-npm}). */
    public static Path cacheBeside(Path repository) {
        return repository.resolveSibling(repository.getFileName() + "-npm");
    }

    private String script(Path cacheInside, boolean offline) {
        String ci = "npm ci " + (offline ? "--offline " : "") + "--cache=" + cacheInside + " " + OPTIONS;
        return "set -e\n"
                + "echo '" + STEP + "npm ci'\n" + ci + "\n"
                + "echo '" + STEP + "npm run build'\nnpm run build --cache=" + cacheInside + " " + OPTIONS + "\n"
                + "echo '" + STEP + "npm test'\nnpm test --cache=" + cacheInside + " " + OPTIONS + "\n";
    }

    private Map<String, String> environment(Sandbox where) {
        Map<String, String> env = new LinkedHashMap<>();
        Path bin = Path.of(npm).getParent();
        env.put("PATH", (bin != null ? bin + ":" : "") + "/usr/local/bin:/usr/bin:/bin");
        env.put("HOME", where.confined() ? "/tmp/home" : System.getProperty("user.home"));
        env.put("LANG", "C.UTF-8");
        env.put("TZ", "UTC");
        env.put("CI", "true");
        env.put("NO_COLOR", "1");
        env.put("npm_config_update_notifier", "false");
        env.put("NODE_OPTIONS", NODE_OPTIONS);
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
            return new BuildReport(module, BuildStatus.FAILED, 0, 0, 0, 0, 0, "", "refused to build: " + e.getMessage(), List.of(), null);
        }
        String shown = "npm ci --offline && npm run build && npm test";
        Path log = workDir.resolve("module.log");
        Path output = workDir.resolve("module");
        Sandbox.Result result;
        try {
            result = confined.run(new Sandbox.Job(sources, "", List.of("/bin/sh", "-c", script(confined.repositoryInside(), true)),
                    environment(confined), List.of("test-results/*.xml"), output, log, timeout));
        } catch (Sandbox.SandboxUnavailable e) {
            return new BuildReport(module, BuildStatus.FAILED, 0, 0, 0, 0, (System.nanoTime() - start) / 1_000_000, shown,
                    "the build sandbox could not run: " + e.getMessage(), List.of(), null);
        }
        List<String> lines = MavenDiagnosis.printable(BuildFiles.tailOf(log));
        BuildFiles.write(workDir.resolve("build.log"), "== " + shown + "\n" + String.join("\n", lines) + (lines.isEmpty() ? "" : "\n"));
        SurefireReports.Summary tests = SurefireReports.read(output.resolve("test-results"));
        BuildStatus status = BuildStatus.PASSED;
        String reason = "";
        List<String> tail = List.of();
        if (!result.succeeded()) {
            status = result.timedOut() ? BuildStatus.TIMED_OUT : BuildStatus.FAILED;
            reason = result.timedOut() ? "timed out after " + timeout.toSeconds() + " s (FACTORY_BUILD_TIMEOUT_SECONDS)"
                    : reason(lines, tests, result.exitCode());
            tail = lines.subList(Math.max(0, lines.size() - TAIL_LINES), lines.size());
        }
        return new BuildReport(module, status, tests.tests(), tests.failures(), tests.errors(), tests.skipped(),
                (System.nanoTime() - start) / 1_000_000, shown, reason, tail, null);
    }

    /** Why an npm build failed, in one line: the step, and what in its output says why. */
    static String reason(List<String> lines, SurefireReports.Summary tests, int exitCode) {
        String step = "";
        int from = 0;
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).startsWith(STEP)) {
                step = lines.get(i).substring(STEP.length());
                from = i + 1;
            }
        }
        List<String> out = lines.subList(from, lines.size());
        switch (step) {
            case "npm ci" -> {
                Optional<String> missing = out.stream().filter(l -> l.contains("ENOTCACHED") || l.contains("only-if-cached")).findFirst();
                if (missing.isPresent()) {
                    return "npm ci failed: a dependency is not in the prepared npm cache (offline build): "
                            + first(out, "request to ").orElse(missing.get());
                }
                return "npm ci failed: " + first(out, "npm error").orElse("exit " + exitCode);
            }
            case "npm run build" -> {
                return "npm run build failed: " + first(out, "error TS").or(() -> cause(out)).orElse("exit " + exitCode);
            }
            case "npm test" -> {
                int failed = tests.failures() + tests.errors();
                if (failed > 0) {
                    return failed + " of " + tests.tests() + " tests failed: " + tests.failed().stream().limit(3)
                            .map(SurefireReports.FailedTest::describe).reduce((a, b) -> a + "; " + b).orElse("");
                }
                return "npm test failed: " + cause(out).orElse("exit " + exitCode);
            }
            default -> {
                return "build failed before npm ran (exit " + exitCode + ")" + (lines.isEmpty() ? "" : ": " + shorten(lines.get(lines.size() - 1)));
            }
        }
    }

    /** Words that say what went wrong in any casing: "error during build:", "Error: ...", "RangeError", "FATAL ERROR", "npm ERR!". */
    private static final java.util.regex.Pattern FAILURE = java.util.regex.Pattern.compile(
            "(?i)(error|ERR!|fatal|killed|signal SIG|out of memory|cannot find|not found|EACCES|ENOSPC|EMFILE|EAGAIN)");

    /**
     * What in a step's output says why it failed: the first line naming an error (with the line after it when that line
     * only introduces it, as Vite's "error during build:" does), else the last line the step printed.
     */
    static Optional<String> cause(List<String> out) {
        for (int i = 0; i < out.size(); i++) {
            String line = out.get(i).strip();
            if (!line.isEmpty() && FAILURE.matcher(line).find()) {
                if (line.endsWith(":") && i + 1 < out.size() && !out.get(i + 1).isBlank()) {
                    line = line + " " + out.get(i + 1).strip();
                }
                return Optional.of(shorten(line));
            }
        }
        for (int i = out.size() - 1; i >= 0; i--) {
            if (!out.get(i).isBlank()) {
                return Optional.of(shorten(out.get(i).strip()));
            }
        }
        return Optional.empty();
    }

    private static Optional<String> first(List<String> lines, String containing) {
        return lines.stream().filter(l -> l.contains(containing)).findFirst().map(l -> shorten(l.strip()));
    }

    private static String shorten(String s) {
        return s.length() <= 200 ? s : s.substring(0, 199) + "…";
    }

    @Override
    public Preparation prepare(Path trustedSources, Path workDir, Duration timeout, Runnable starting) {
        long start = System.nanoTime();
        List<Path> projects = projects(trustedSources);
        if (projects.isEmpty()) {
            return new Preparation.Failed("no npm project (package.json with package-lock.json) in " + trustedSources, List.of());
        }
        Path markers = cache.resolveSibling(cache.getFileName() + ".prepared");
        Path marker = markers.resolve(fingerprint(projects, trustedSources));
        if (Files.isRegularFile(marker)) {
            return new Preparation.Ready(false, 0);
        }
        ReentrantLock lock = PREPARE_LOCKS.computeIfAbsent(cache, r -> new ReentrantLock());
        lock.lock();
        try {
            Files.createDirectories(markers);
            Files.createDirectories(cache);
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
                int n = 0;
                for (Path project : projects) {
                    Path log = workDir.resolve("prepare-" + (n++) + ".log");
                    Duration left = Duration.ofNanos(Math.max(1_000_000, deadline - System.nanoTime()));
                    Path output = workDir.resolve("prepare-" + n);
                    Sandbox.Result r = where.run(new Sandbox.Job(project, "", List.of("/bin/sh", "-c", script(where.repositoryInside(), false)),
                            environment(where), List.of("test-results/*.xml"), output, log, left, true));
                    if (!r.succeeded()) {
                        List<String> lines = MavenDiagnosis.printable(BuildFiles.tailOf(log));
                        String at = trustedSources.relativize(project).toString();
                        String why = r.timedOut() ? "timed out after " + timeout.toSeconds() + " s"
                                : reason(lines, SurefireReports.read(output.resolve("test-results")), r.exitCode());
                        return new Preparation.Failed((at.isEmpty() ? "" : at + "/ ") + why,
                                lines.subList(Math.max(0, lines.size() - TAIL_LINES), lines.size()));
                    }
                }
                readable(cache);
                Files.writeString(marker, "{\"preparedAt\":\"" + Instant.now() + "\",\"projects\":" + projects.size() + "}\n",
                        StandardCharsets.UTF_8);
                return new Preparation.Ready(true, (System.nanoTime() - start) / 1_000_000);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot prepare the npm cache " + cache, e);
        } finally {
            lock.unlock();
        }
    }

    /** Whether {@code sources} (a module, or a folder of rendered modules) holds an npm project. */
    public static boolean holdsProject(Path sources) {
        return !projects(sources).isEmpty();
    }

    /** Every directory (the root or one level down) with a package.json and its package-lock.json. */
    private static List<Path> projects(Path root) {
        List<Path> out = new ArrayList<>();
        if (isProject(root)) {
            out.add(root);
            return out;
        }
        if (!Files.isDirectory(root, LinkOption.NOFOLLOW_LINKS)) {
            return out;
        }
        try (Stream<Path> s = Files.list(root)) {
            s.filter(p -> Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS)).filter(NpmBuildRunner::isProject).sorted().forEach(out::add);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + root, e);
        }
        return out;
    }

    private static boolean isProject(Path dir) {
        return Files.isRegularFile(dir.resolve("package.json"), LinkOption.NOFOLLOW_LINKS)
                && Files.isRegularFile(dir.resolve("package-lock.json"), LinkOption.NOFOLLOW_LINKS);
    }

    private String fingerprint(List<Path> projects, Path root) {
        MessageDigest d = Hashing.sha256();
        d.update(script(Path.of("cache"), false).getBytes(StandardCharsets.UTF_8));
        for (Path project : projects) {
            for (String name : List.of("package.json", "package-lock.json")) {
                Path f = project.resolve(name);
                try {
                    d.update(root.relativize(f).toString().getBytes(StandardCharsets.UTF_8));
                    d.update(Files.readAllBytes(f));
                } catch (IOException e) {
                    throw new UncheckedIOException("cannot read " + f, e);
                }
            }
        }
        return "npm-" + HexFormat.of().formatHex(d.digest()).substring(0, 32);
    }

    /** Lets the sandbox's user read what preparation wrote (it wrote as that user; other tools may have left it narrower). */
    private static void readable(Path dir) throws IOException {
        try (Stream<Path> all = Files.walk(dir)) {
            for (Path p : all.toList()) {
                try {
                    Files.setPosixFilePermissions(p, java.nio.file.attribute.PosixFilePermissions.fromString(
                            Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS) ? "rwxr-xr-x" : "rw-r--r--"));
                } catch (UnsupportedOperationException | IOException e) {
                    // not POSIX, or a file another process just replaced: builds read what they can
                }
            }
        }
    }

    @Override
    public String description() {
        try {
            return "offline npm builds against " + cache + "; sandbox: " + sandbox.get().description();
        } catch (Sandbox.SandboxUnavailable e) {
            return "no npm builds: " + e.getMessage();
        }
    }
}
