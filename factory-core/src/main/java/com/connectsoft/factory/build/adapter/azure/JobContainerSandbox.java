package com.connectsoft.factory.build.adapter.azure;

import com.connectsoft.factory.build.adapter.sandbox.NamespaceSandbox;
import com.connectsoft.factory.build.adapter.sandbox.Sandbox;
import com.connectsoft.factory.platform.files.Directories;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import java.util.stream.Stream;

/**
 * The sandbox inside the build job's container, where Linux namespaces cannot be made (a Container Apps container has
 * no {@code CAP_SYS_ADMIN} and may refuse user namespaces). The job starts as root; each command runs as an
 * unprivileged user ({@code setpriv}: another uid and gid, no supplementary groups, no capabilities, no new
 * privileges) under per-process limits ({@code prlimit}), with exactly the job's environment, in a copy of the
 * sources that only that user may write. What this holds and why it is enough there:
 * <ul>
 *   <li>The job's process keeps the only secrets in the container (its queue connection strings and the request's SAS
 *   URLs) in its own environment and memory, which another uid cannot read ({@code /proc/<pid>/environ} is the owner's
 *   only, {@code ptrace} across uids is denied) — under {@link com.connectsoft.factory.build.adapter.sandbox.Unconfined}
 *   the build would run as the job's own user and could read them, and with the Listen rule take other tenants' requests.</li>
 *   <li>The build repository, the JDK and Maven are root's and read-only to the build; results are collected only after
 *   every process of the build's user is killed, as regular files (no links), bounded in size and number.</li>
 *   <li>Not confined: the network and the container's view of the file system. The container has no identity (nothing to
 *   take from the instance metadata endpoint) and holds nothing of the factory or another tenant; the network is open,
 *   as the container's is.</li>
 * </ul>
 * One command at a time: builds share the home directory Maven is given ({@code /tmp/home}), made fresh for each.
 */
public final class JobContainerSandbox implements Sandbox {
    private static final ReentrantLock ONE_AT_A_TIME = new ReentrantLock();
    private static final Path HOME = Path.of("/tmp/home");
    private static final long MAX_COLLECTED_BYTES = 8L << 20;
    private static final int MAX_COLLECTED_FILES = 200;

    private final NamespaceSandbox.Limits limits;
    private final Path repository;
    private final Path scratch;

    private JobContainerSandbox(NamespaceSandbox.Limits limits, Path repository, Path scratch) {
        this.limits = limits;
        this.repository = repository.toAbsolutePath().normalize();
        this.scratch = scratch.toAbsolutePath().normalize();
    }

    /**
     * A sandbox after a trial: a command must run as {@code limits.uid()} and be unable to read a file only root may read
     * and this process's environment.
     *
     * @throws SandboxUnavailable with what is missing (not root, no setpriv/prlimit, the trial not confined)
     */
    public static JobContainerSandbox create(NamespaceSandbox.Limits limits, Path repository, Path scratch) {
        if (!System.getProperty("os.name", "").toLowerCase(java.util.Locale.ROOT).contains("linux")) {
            throw new SandboxUnavailable("the build job's sandbox needs Linux; this is " + System.getProperty("os.name"));
        }
        if (new com.sun.security.auth.module.UnixSystem().getUid() != 0) {
            throw new SandboxUnavailable("the build job runs as uid " + new com.sun.security.auth.module.UnixSystem().getUid()
                    + ", not root, so it cannot run builds as another user (start the job's container as root)");
        }
        for (String tool : List.of("/usr/bin/setpriv", "/usr/bin/prlimit", "/bin/sh")) {
            if (!Files.isExecutable(Path.of(tool))) {
                throw new SandboxUnavailable(tool + " is missing (package util-linux)");
            }
        }
        if (limits.uid() == 0 || limits.gid() == 0) {
            throw new SandboxUnavailable("builds cannot run as uid or gid 0");
        }
        JobContainerSandbox sandbox = new JobContainerSandbox(limits, repository, scratch);
        sandbox.selfTest();
        return sandbox;
    }

    private void selfTest() {
        Path dir;
        Path probe;
        try {
            ensureScratch();
            dir = Files.createTempDirectory(scratch, "self-test-");
            probe = Files.writeString(dir.resolve("probe"), "root-only-" + UUID.randomUUID(), StandardCharsets.UTF_8);
            Files.setPosixFilePermissions(probe, PosixFilePermissions.fromString("rw-------"));
            Files.createDirectories(dir.resolve("src"));
        } catch (IOException e) {
            throw new SandboxUnavailable("cannot prepare " + scratch + " for the sandbox: " + e.getMessage());
        }
        try {
            Path log = dir.resolve("self-test.log");
            Result r = run(new Job(dir.resolve("src"), "", List.of("/bin/sh", "-c", "id -u; cat " + probe + " 2>/dev/null; cat /proc/"
                    + ProcessHandle.current().pid() + "/environ 2>/dev/null | head -c 64; true"), Map.of("PATH", "/usr/bin:/bin"),
                    List.of(), dir.resolve("out"), log, Duration.ofSeconds(30)));
            String out = Files.readString(log, StandardCharsets.UTF_8).trim();
            if (!r.succeeded() || !out.equals(String.valueOf(limits.uid()))) {
                throw new SandboxUnavailable("a trial command was not confined as expected (exit " + r.exitCode() + "): "
                        + (out.length() > 200 ? out.substring(0, 200) : out).replaceAll("\\s+", " "));
            }
        } catch (IOException e) {
            throw new SandboxUnavailable("the trial command left no log: " + e.getMessage());
        } finally {
            try {
                Directories.delete(dir, true);
            } catch (IOException ignored) {
                // scratch space of the job's own
            }
        }
    }

    private void ensureScratch() throws IOException {
        Files.createDirectories(scratch);
        // the build's user may pass through to its own directory, but list nothing
        Files.setPosixFilePermissions(scratch, PosixFilePermissions.fromString("rwx--x--x"));
    }

    @Override
    public Result run(Job job) {
        if (job.downloads()) {
            throw new SandboxUnavailable("the build job's sandbox only builds; its build repository is prepared when its image is built");
        }
        ONE_AT_A_TIME.lock();
        long start = System.nanoTime();
        Path root = null;
        try {
            ensureScratch();
            root = Files.createTempDirectory(scratch, "run-");
            Files.setPosixFilePermissions(root, PosixFilePermissions.fromString("rwx--x--x"));
            Path build = root.resolve("build");
            com.connectsoft.factory.platform.files.Directories.copy(job.sources(), build);
            ownTree(build);
            freshHome();
            Files.createDirectories(job.output());
            Files.createDirectories(job.log().toAbsolutePath().getParent());
            Path dir = job.workDir().isEmpty() ? build : build.resolve(job.workDir());
            List<String> command = new ArrayList<>(List.of("/usr/bin/prlimit"));
            command.addAll(prlimit(job.timeout()));
            command.addAll(List.of("--", "/usr/bin/setpriv", "--reuid=" + limits.uid(), "--regid=" + limits.gid(), "--clear-groups",
                    "--no-new-privs", "--inh-caps=-all", "--ambient-caps=-all", "--bounding-set=-all", "--", "/usr/bin/env", "-i"));
            job.environment().forEach((k, v) -> command.add(k + "=" + v));
            command.addAll(job.command());
            ProcessBuilder pb = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true)
                    .redirectOutput(job.log().toFile()).redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()));
            pb.environment().clear();
            pb.environment().put("PATH", "/usr/sbin:/usr/bin:/sbin:/bin");
            Process p;
            try {
                p = pb.start();
            } catch (IOException e) {
                throw new SandboxUnavailable("cannot start /usr/bin/prlimit: " + e.getMessage());
            }
            boolean done = p.waitFor(job.timeout().toMillis(), TimeUnit.MILLISECONDS);
            if (!done) {
                p.destroyForcibly();
                p.waitFor(10, TimeUnit.SECONDS);
            }
            killEverythingOfTheBuildUser();
            collect(build, job.collect(), job.output());
            return new Result(done ? p.exitValue() : -1, !done, (System.nanoTime() - start) / 1_000_000);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot prepare the sandbox under " + scratch, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            killEverythingOfTheBuildUser();
            throw new IllegalStateException("interrupted while a sandboxed command ran", e);
        } finally {
            try {
                if (root != null) {
                    Directories.delete(root, true);
                }
                Directories.delete(HOME, true);
            } catch (IOException ignored) {
                // the next run starts from a fresh directory; the container ends with the job
            } finally {
                ONE_AT_A_TIME.unlock();
            }
        }
    }

    private List<String> prlimit(Duration timeout) {
        long cpuSeconds = Math.max(60, timeout.toSeconds() * Runtime.getRuntime().availableProcessors());
        return List.of("--cpu=" + cpuSeconds, "--nofile=" + limits.openFiles(), "--fsize=" + ((long) limits.maxFileMb() << 20), "--core=0",
                "--nproc=" + limits.processes(), "--as=" + (((long) limits.memoryMb() * 2) << 20));
    }

    /** Kills every process of the build's user (as that user: {@code kill -9 -1}, which reaches all of them) until none is left. */
    private void killEverythingOfTheBuildUser() {
        for (int attempt = 0; attempt < 100 && anyProcessOfTheBuildUser(); attempt++) {
            try {
                Process k = new ProcessBuilder("/usr/bin/setpriv", "--reuid=" + limits.uid(), "--regid=" + limits.gid(), "--clear-groups",
                        "/bin/sh", "-c", "kill -9 -1").redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
                k.waitFor(5, TimeUnit.SECONDS);
                Thread.sleep(20);
            } catch (IOException e) {
                throw new SandboxUnavailable("cannot stop the build's processes: " + e.getMessage());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    private boolean anyProcessOfTheBuildUser() {
        try (Stream<Path> procs = Files.list(Path.of("/proc"))) {
            for (Path p : procs.filter(d -> d.getFileName().toString().matches("[0-9]+")).toList()) {
                try {
                    for (String line : Files.readAllLines(p.resolve("status"), StandardCharsets.ISO_8859_1)) {
                        if (line.startsWith("Uid:")) {
                            if (line.split("\\s+")[1].equals(String.valueOf(limits.uid()))) {
                                return true;
                            }
                            break;
                        }
                    }
                } catch (IOException gone) {
                    // the process ended while we looked
                }
            }
            return false;
        } catch (IOException e) {
            return false;
        }
    }

    private void freshHome() throws IOException {
        Directories.delete(HOME, true);
        Files.createDirectories(HOME.getParent());
        Files.createDirectory(HOME);
        Files.setPosixFilePermissions(HOME, PosixFilePermissions.fromString("rwx------"));
        own(HOME);
    }

    private void ownTree(Path dir) throws IOException {
        Files.walkFileTree(dir, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path d, BasicFileAttributes attrs) throws IOException {
                own(d);
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFile(Path f, BasicFileAttributes attrs) throws IOException {
                own(f);
                return FileVisitResult.CONTINUE;
            }
        });
    }

    private void own(Path p) throws IOException {
        Files.setAttribute(p, "unix:uid", limits.uid(), LinkOption.NOFOLLOW_LINKS);
        Files.setAttribute(p, "unix:gid", limits.gid(), LinkOption.NOFOLLOW_LINKS);
    }

    /** Regular files under {@code build} matching a pattern, at most 200 of at most 8 MiB each, into {@code output}. */
    private static void collect(Path build, List<String> patterns, Path output) throws IOException {
        List<PathMatcher> matchers = patterns.stream().map(p -> FileSystems.getDefault().getPathMatcher("glob:" + p)).toList();
        int[] count = {0};
        Files.walkFileTree(build, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult visitFile(Path f, BasicFileAttributes attrs) throws IOException {
                Path rel = build.relativize(f);
                if (attrs.isRegularFile() && attrs.size() <= MAX_COLLECTED_BYTES && count[0] < MAX_COLLECTED_FILES
                        && matchers.stream().anyMatch(m -> m.matches(rel))) {
                    count[0]++;
                    Path target = output.resolve(rel.toString());
                    Files.createDirectories(target.getParent());
                    Files.copy(f, target, StandardCopyOption.REPLACE_EXISTING, LinkOption.NOFOLLOW_LINKS);
                }
                return FileVisitResult.CONTINUE;
            }
        });
    }

    @Override
    public Path repositoryInside() {
        return repository;
    }

    @Override
    public boolean confined() {
        return true;
    }

    @Override
    public String description() {
        return "the build job's container: uid " + limits.uid() + " without capabilities (the job's secrets out of its reach), "
                + limits.memoryMb() + " MiB address space per process, " + limits.processes() + " processes; network not confined "
                + "(the container has no identity)";
    }
}
