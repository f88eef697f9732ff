package com.connectsoft.factory.build.adapter.sandbox;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * A sandbox made of Linux namespaces with the tools every Debian-like system has (util-linux's {@code unshare},
 * {@code setpriv}, {@code prlimit}, {@code chroot}): a private mount namespace whose root holds only read-only views of
 * the system and the Maven repository plus a size-limited {@code /build}; a network namespace whose only interface is
 * its own loopback (brought up when a job asks: builds, mutation testing, previews);
 * a pid namespace (everything dies with the build); an unprivileged user (as root) or a user namespace without
 * capabilities (as any other user); per-process limits, and memory and process-count limits through cgroups where
 * the machine lets the factory create them. See {@code build/sandbox.sh}.
 */
public final class NamespaceSandbox implements Sandbox {
    private static final String SCRIPT = script();
    private static final Path REPOSITORY_INSIDE = Path.of("/repository");

    private final Limits limits;
    private final Path repository;
    private final boolean userNamespace;
    private final Set<Path> readOnlyPaths;
    private final Path scratch;
    private final Cgroups cgroups;

    /**
     * How much a build may use. {@code uid}/{@code gid} are the unprivileged user builds run as when the factory runs
     * as root (65534, nobody, by default).
     */
    public record Limits(int uid, int gid, int memoryMb, int processes, int diskMb, int tmpMb, int openFiles, int maxFileMb) {
        public static final Limits DEFAULT = new Limits(65534, 65534, 3072, 1024, 2048, 512, 4096, 512);
    }

    private NamespaceSandbox(Limits limits, Path repository, boolean userNamespace, Set<Path> readOnlyPaths, Path scratch,
                             Cgroups cgroups) {
        this.limits = limits;
        this.repository = Objects.requireNonNull(repository, "repository");
        this.userNamespace = userNamespace;
        this.readOnlyPaths = Set.copyOf(readOnlyPaths);
        this.scratch = scratch;
        this.cgroups = cgroups;
    }

    /**
     * A sandbox for this machine, after checking that one can be made: a trial command must run confined (no network,
     * the expected user, the repository read-only). {@code repository} is the Maven repository commands read;
     * {@code readOnlyPaths} are extra host directories they need (a JDK or Maven outside /usr); {@code scratch} is a
     * directory of the factory's where sandbox roots are mounted.
     *
     * @throws SandboxUnavailable with what is missing
     */
    public static NamespaceSandbox create(Limits limits, Path repository, Set<Path> readOnlyPaths, Path scratch) {
        if (!System.getProperty("os.name", "").toLowerCase(java.util.Locale.ROOT).contains("linux")) {
            throw new SandboxUnavailable("the build sandbox needs Linux namespaces; this is " + System.getProperty("os.name"));
        }
        for (String tool : List.of("/usr/bin/unshare", "/usr/bin/setpriv", "/usr/bin/prlimit", "/usr/sbin/chroot")) {
            if (!Files.isExecutable(Path.of(tool))) {
                throw new SandboxUnavailable(tool + " is missing (package util-linux / coreutils)");
            }
        }
        boolean root = new com.sun.security.auth.module.UnixSystem().getUid() == 0;
        Set<Path> paths = new LinkedHashSet<>();
        for (Path p : readOnlyPaths) {
            Path real = realPath(p);
            if (!real.startsWith("/usr") && !real.startsWith("/etc")) {
                paths.add(real);
            }
        }
        NamespaceSandbox sandbox = new NamespaceSandbox(limits, repository, !root, paths, scratch, root ? Cgroups.detect() : Cgroups.NONE);
        sandbox.selfTest();
        return sandbox;
    }

    private static Path realPath(Path p) {
        try {
            return p.toRealPath();
        } catch (IOException e) {
            return p.toAbsolutePath().normalize();
        }
    }

    /**
     * Runs {@code id -u} and a network probe inside, as a build runs (its own loopback up); fails when either shows the
     * sandbox is not in force: another user, any network interface but the loopback, a writable repository. A machine
     * without {@code ip} (iproute2) fails here, saying so.
     */
    private void selfTest() {
        Path dir;
        try {
            dir = Files.createDirectories(scratch).resolve("self-test");
            com.connectsoft.factory.platform.files.Directories.delete(dir, true);
            Files.createDirectories(dir.resolve("src"));
        } catch (IOException e) {
            throw new SandboxUnavailable("cannot prepare " + scratch + " for the sandbox: " + e.getMessage());
        }
        Path log = dir.resolve("self-test.log");
        Result r = run(new Job(dir.resolve("src"), "", List.of("/bin/sh", "-c",
                "id -u; echo $(sed -n '3,$s/^ *\\([^:]*\\):.*/\\1/p' /proc/net/dev); test -w /repository && echo repository-writable; true"),
                Map.of("PATH", "/usr/bin:/bin"), List.of(), dir.resolve("out"), log, Duration.ofSeconds(30), false, true));
        String out;
        try {
            out = Files.readString(log, StandardCharsets.UTF_8).trim();
        } catch (IOException e) {
            out = "";
        }
        if (!r.succeeded()) {
            throw new SandboxUnavailable("a trial command could not run in the sandbox (exit " + r.exitCode() + "): "
                    + abbreviate(out));
        }
        List<String> lines = out.lines().toList();
        String expectedUid = userNamespace ? "0" : String.valueOf(limits.uid());
        if (lines.size() < 2 || !lines.get(0).equals(expectedUid) || !lines.get(1).equals("lo") || out.contains("repository-writable")) {
            throw new SandboxUnavailable("a trial command was not confined as expected: " + abbreviate(out));
        }
    }

    private static String abbreviate(String s) {
        String one = s.replaceAll("\\s+", " ");
        return one.length() <= 300 ? one : one.substring(0, 299) + "…";
    }

    @Override
    public Result run(Job job) {
        return run(job, null);
    }

    @Override
    public Result serve(Job job, Path previewDir) {
        if (job.downloads()) {
            throw new IllegalArgumentException("a preview server never downloads");
        }
        Map<String, String> environment = new java.util.LinkedHashMap<>(job.environment());
        environment.put("PREVIEW_DIR", PREVIEW_INSIDE);
        return run(new Job(job.sources(), job.workDir(), job.command(), environment, job.collect(), job.output(), job.log(), job.timeout()),
                previewDir.toAbsolutePath());
    }

    private static final String PREVIEW_INSIDE = "/preview";

    private Result run(Job job, Path previewDir) {
        long start = System.nanoTime();
        Path root;
        try {
            Files.createDirectories(scratch);
            root = Files.createTempDirectory(scratch, "root-");
            Files.createDirectories(job.output());
            Files.createDirectories(job.log().toAbsolutePath().getParent());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot prepare the sandbox under " + scratch, e);
        }
        Optional<Cgroups.Group> group = cgroups.create("factory-build-" + root.getFileName(), (long) limits.memoryMb() << 20,
                limits.processes());
        List<String> command = new ArrayList<>();
        if (previewDir != null) {
            // a server outlives a build by hours: if the factory dies without stopping it (kill -9), unshare gets
            // SIGKILL too, and with it the whole sandbox (--kill-child)
            command.addAll(List.of("/usr/bin/setpriv", "--pdeathsig", "KILL", "--"));
        }
        command.addAll(List.of("/usr/bin/unshare", "--mount", "--pid", "--ipc", "--uts"));
        if (!job.downloads()) {
            command.add("--net");
        }
        if (userNamespace) {
            command.addAll(List.of("--user", "--map-root-user"));
        }
        command.addAll(List.of("--fork", "--kill-child", "--propagation", "private", "/bin/sh", "-c", SCRIPT, "sandbox"));
        List<String> inner = new ArrayList<>(List.of("/usr/bin/env", "-i", "-C", "/build"
                + (job.workDir().isEmpty() ? "" : "/" + job.workDir())));
        job.environment().forEach((k, v) -> inner.add(k + "=" + v));
        inner.addAll(job.command());
        command.addAll(inner);
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(job.log().toFile());
        Map<String, String> env = pb.environment();
        env.clear();
        env.put("PATH", "/usr/sbin:/usr/bin:/sbin:/bin");
        env.put("SBX_ROOT", root.toString());
        env.put("SBX_SOURCES", job.sources().toAbsolutePath().toString());
        env.put("SBX_OUTPUT", job.output().toAbsolutePath().toString());
        env.put("SBX_COLLECT", String.join(" ", job.collect()));
        env.put("SBX_REPOSITORY", repository.toAbsolutePath().toString());
        env.put("SBX_REPOSITORY_WRITABLE", job.downloads() ? "yes" : "no");
        env.put("SBX_LOOPBACK", job.loopback() && !job.downloads() ? "yes" : "no");
        env.put("SBX_RO_PATHS", String.join(" ", readOnlyPaths.stream().map(Path::toString).toList()));
        env.put("SBX_UID", userNamespace ? "" : String.valueOf(limits.uid()));
        env.put("SBX_GID", userNamespace ? "" : String.valueOf(limits.gid()));
        env.put("SBX_DISK_MB", String.valueOf(limits.diskMb()));
        env.put("SBX_TMP_MB", String.valueOf(limits.tmpMb()));
        env.put("SBX_CGROUPS", group.map(g -> String.join(" ", g.procsFiles().stream().map(Path::toString).toList())).orElse(""));
        env.put("SBX_PRLIMIT", prlimit(job.timeout(), group.isPresent()));
        env.put("SBX_PREVIEW_DIR", previewDir == null ? "" : previewDir.toString());
        Process[] process = new Process[1];
        try {
            Process p = pb.start();
            process[0] = p;
            boolean done = p.waitFor(job.timeout().toMillis(), TimeUnit.MILLISECONDS);
            if (!done) {
                p.descendants().forEach(ProcessHandle::destroyForcibly);
                p.destroyForcibly();
                p.waitFor(10, TimeUnit.SECONDS);
            }
            return new Result(done ? p.exitValue() : -1, !done, (System.nanoTime() - start) / 1_000_000);
        } catch (IOException e) {
            throw new SandboxUnavailable("cannot start /usr/bin/unshare: " + e.getMessage());
        } catch (InterruptedException e) {
            // stopped from outside (a preview ending): unshare's death kills the sandbox's pid 1 (--kill-child), and
            // with it every process of the sandbox's pid namespace
            stop(process);
            Thread.currentThread().interrupt();
            return new Result(-1, false, (System.nanoTime() - start) / 1_000_000);
        } finally {
            group.ifPresent(Cgroups.Group::remove);
            try {
                Files.deleteIfExists(root);
            } catch (IOException ignored) {
                // the mount point of a sandbox whose namespace is gone: an empty directory under the scratch root
            }
        }
    }

    private static void stop(Process[] process) {
        Process p = process[0];
        if (p == null) {
            return;
        }
        p.descendants().forEach(ProcessHandle::destroyForcibly);
        p.destroyForcibly();
        try {
            p.waitFor(10, TimeUnit.SECONDS);
        } catch (InterruptedException again) {
            Thread.currentThread().interrupt();
        }
    }

    private String prlimit(Duration timeout, boolean cgroupLimits) {
        long cpuSeconds = Math.max(60, timeout.toSeconds() * Runtime.getRuntime().availableProcessors());
        List<String> options = new ArrayList<>(List.of("--cpu=" + cpuSeconds, "--nofile=" + limits.openFiles(),
                "--fsize=" + ((long) limits.maxFileMb() << 20), "--core=0"));
        if (!userNamespace) {
            options.add("--nproc=" + limits.processes());
        }
        if (!cgroupLimits) {
            // without a memory cgroup, bound each process's address space (a JVM reserves several times its heap)
            options.add("--as=" + (((long) limits.memoryMb() * 2) << 20));
        }
        return String.join(" ", options);
    }

    @Override
    public Path repositoryInside() {
        return REPOSITORY_INSIDE;
    }

    @Override
    public boolean confined() {
        return true;
    }

    @Override
    public String description() {
        return "Linux namespaces (mount, network, pid, ipc, uts" + (userNamespace ? ", user" : "") + "), "
                + (userNamespace ? "no capabilities" : "uid " + limits.uid()) + ", no network but its own loopback, " + limits.memoryMb() + " MiB"
                + (cgroups == Cgroups.NONE ? " address space per process" : " memory") + ", " + limits.processes() + " processes, "
                + limits.diskMb() + " MiB disk";
    }

    private static String script() {
        try (InputStream in = NamespaceSandbox.class.getResourceAsStream("/build/sandbox.sh")) {
            if (in == null) {
                throw new IllegalStateException("build/sandbox.sh is missing from the factory's classpath");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
