package com.connectsoft.factory.build.adapter.azure;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.connectsoft.factory.build.adapter.sandbox.NamespaceSandbox;
import com.connectsoft.factory.build.adapter.sandbox.Sandbox;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The build job's container sandbox, for real: commands run as an unprivileged user that cannot read what only the job
 * may (a root-only file standing for its secrets, the job process's environment), cannot write the build repository,
 * leave no process behind, and get nothing collected but regular files. Needs root, setpriv and prlimit (as the job's
 * container has); skipped otherwise, with the reason. Uses a uid no process on this machine has, so that "every
 * process of the build user" is only this test's.
 */
class JobContainerSandboxTest {
    @TempDir
    Path dir;

    private int uid;
    private Path repository;
    private Path secret;

    @BeforeEach
    void requireRoot() throws IOException {
        Assumptions.assumeTrue(new com.sun.security.auth.module.UnixSystem().getUid() == 0, "the job's sandbox needs root (as its container has)");
        Assumptions.assumeTrue(Files.isExecutable(Path.of("/usr/bin/setpriv")) && Files.isExecutable(Path.of("/usr/bin/prlimit")),
                "setpriv and prlimit (util-linux) are not installed");
        uid = freeUid();
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));
        repository = Files.createDirectories(dir.resolve("repository"));
        Files.writeString(repository.resolve("artifact.jar"), "jar");
        secret = Files.writeString(dir.resolve("secret.txt"), "Endpoint=sb://build-ns/;SharedAccessKey=listen-secret");
        Files.setPosixFilePermissions(secret, PosixFilePermissions.fromString("rw-------"));
    }

    /** A uid no process here runs as (other builds on a shared machine run as 65534). */
    private static int freeUid() throws IOException {
        for (int candidate = 47_000 + (int) (ProcessHandle.current().pid() % 900); candidate < 48_000; candidate++) {
            String wanted = String.valueOf(candidate);
            boolean used;
            try (Stream<Path> procs = Files.list(Path.of("/proc"))) {
                used = procs.filter(p -> p.getFileName().toString().matches("[0-9]+")).anyMatch(p -> {
                    try {
                        return Files.readAllLines(p.resolve("status")).stream().anyMatch(l -> l.startsWith("Uid:") && List.of(l.split("\\s+")).contains(wanted));
                    } catch (IOException gone) {
                        return false;
                    }
                });
            }
            if (!used) {
                return candidate;
            }
        }
        throw new IllegalStateException("no free uid in 47000-47999");
    }

    private JobContainerSandbox sandbox() {
        NamespaceSandbox.Limits d = NamespaceSandbox.Limits.DEFAULT;
        return JobContainerSandbox.create(new NamespaceSandbox.Limits(uid, uid, 1024, 256, d.diskMb(), d.tmpMb(), d.openFiles(), d.maxFileMb()),
                repository, dir.resolve("scratch"));
    }

    /** The pids of the processes running as {@code uid}. */
    private static List<String> processesOf(int uid) throws IOException {
        String wanted = String.valueOf(uid);
        try (Stream<Path> procs = Files.list(Path.of("/proc"))) {
            return procs.filter(p -> p.getFileName().toString().matches("[0-9]+")).filter(p -> {
                try {
                    return Files.readAllLines(p.resolve("status")).stream().anyMatch(l -> l.startsWith("Uid:") && List.of(l.split("\\s+")).contains(wanted));
                } catch (IOException gone) {
                    return false;
                }
            }).map(p -> p.getFileName().toString()).toList();
        }
    }

    private Sandbox.Result run(JobContainerSandbox sandbox, String script, Path sources, Duration timeout, String... collect) {
        return sandbox.run(new Sandbox.Job(sources, "", List.of("/bin/sh", "-c", script), Map.of("PATH", "/usr/bin:/bin", "HOME", "/tmp/home"),
                List.of(collect), dir.resolve("out"), dir.resolve("run.log"), timeout));
    }

    @Test
    void theBuildRunsAsAnotherUserWhoCannotReadTheJobsSecretsOrWriteTheRepository() throws IOException {
        Path sources = Files.createDirectories(dir.resolve("src"));
        Files.writeString(sources.resolve("pom.xml"), "<project/>");
        JobContainerSandbox sandbox = sandbox();
        Sandbox.Result r = run(sandbox, String.join("; ",
                "echo uid=$(id -u) gid=$(id -g) groups=$(id -G)",
                "cat " + secret + " && echo READ-SECRET",
                "cat /proc/" + ProcessHandle.current().pid() + "/environ && echo READ-ENVIRON",
                "grep -c . /proc/" + ProcessHandle.current().pid() + "/cmdline >/dev/null && echo cmdline-is-public",
                "echo pwned > " + repository.resolve("artifact.jar") + " && echo WROTE-REPOSITORY",
                "touch " + repository.resolve("new.jar") + " && echo WROTE-REPOSITORY",
                "echo built > target.txt && echo wrote-own-dir",
                "test -w /tmp/home && echo home-writable",
                "env | sort | tr '\\n' ' '; echo",
                "grep CapEff /proc/self/status"), sources, Duration.ofSeconds(30));
        String log = Files.readString(dir.resolve("run.log"), StandardCharsets.UTF_8);
        assertEquals(0, r.exitCode(), log);
        assertTrue(log.contains("uid=" + uid + " gid=" + uid + " groups=" + uid), log);
        assertFalse(log.contains("READ-SECRET") || log.contains("listen-secret"), log);
        assertFalse(log.contains("READ-ENVIRON"), log);
        assertFalse(log.contains("WROTE-REPOSITORY"), log);
        assertTrue(log.contains("wrote-own-dir") && log.contains("home-writable"), log);
        assertTrue(log.contains("CapEff:\t0000000000000000"), "no capabilities: " + log);
        String env = log.lines().filter(l -> l.startsWith("HOME=")).findFirst().orElseThrow(() -> new AssertionError(log));
        java.util.Set<String> names = new java.util.TreeSet<>();
        for (String kv : env.strip().split(" ")) {
            names.add(kv.substring(0, kv.indexOf('=')));
        }
        names.removeAll(java.util.Set.of("PWD", "SHLVL", "_", "OLDPWD"));
        assertEquals(java.util.Set.of("HOME", "PATH"), names, "only the job's environment: " + env);
        assertEquals("jar", Files.readString(repository.resolve("artifact.jar")));
        assertFalse(Files.exists(repository.resolve("new.jar")));
        assertFalse(Files.exists(sources.resolve("target.txt")), "the sources are copied, never changed");
    }

    @Test
    void nothingTheBuildStartedOutlivesItAndOnlyRegularFilesAreCollected() throws Exception {
        Path sources = Files.createDirectories(dir.resolve("src2"));
        JobContainerSandbox sandbox = sandbox();
        Path marker = dir.resolve("late-" + uid);
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxrwxrwx"));
        Sandbox.Result r = run(sandbox, String.join("\n",
                "mkdir -p target/surefire-reports",
                "echo '<testsuite tests=\"1\"/>' > target/surefire-reports/TEST-a.xml",
                "ln -s " + secret + " target/surefire-reports/TEST-b.xml",
                "ln -s /proc/1/environ target/surefire-reports/TEST-c.xml",
                "(sleep 30; touch " + marker + ") &",
                "nohup sh -c 'sleep 30; touch " + marker + "' >/dev/null 2>&1 &",
                "echo started"), sources, Duration.ofSeconds(30), "target/surefire-reports/*.xml");
        assertEquals(0, r.exitCode(), Files.readString(dir.resolve("run.log")));
        assertTrue(Files.isRegularFile(dir.resolve("out/target/surefire-reports/TEST-a.xml")));
        assertFalse(Files.exists(dir.resolve("out/target/surefire-reports/TEST-b.xml")), "a link to a secret is not collected");
        assertFalse(Files.exists(dir.resolve("out/target/surefire-reports/TEST-c.xml")));
        // the build user is this test's alone: any process still running as it outlived the build
        // (killed processes may take a moment to be reaped; one that survived sleeps for 30 s)
        long reaped = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        while (!processesOf(uid).isEmpty() && System.nanoTime() < reaped) {
            Thread.sleep(20);
        }
        assertEquals(List.of(), processesOf(uid), "a background process outlived the build");
        assertFalse(Files.exists(marker));

        long t0 = System.nanoTime();
        Sandbox.Result slow = run(sandbox, "sleep 60 & sleep 60", sources, Duration.ofSeconds(2));
        assertTrue(slow.timedOut());
        assertTrue(System.nanoTime() - t0 < 20_000_000_000L, "stopped at its limit");
    }

    @Test
    void itNeverDownloadsAndRefusesToRunAsRoot() {
        JobContainerSandbox sandbox = sandbox();
        assertThrows(Sandbox.SandboxUnavailable.class, () -> sandbox.run(new Sandbox.Job(dir, "", List.of("true"), Map.of(), List.of(),
                dir.resolve("o"), dir.resolve("l.log"), Duration.ofSeconds(5), true)));
        NamespaceSandbox.Limits d = NamespaceSandbox.Limits.DEFAULT;
        assertThrows(Sandbox.SandboxUnavailable.class, () -> JobContainerSandbox.create(new NamespaceSandbox.Limits(0, 0, d.memoryMb(),
                d.processes(), d.diskMb(), d.tmpMb(), d.openFiles(), d.maxFileMb()), repository, dir.resolve("s")));
    }
}
