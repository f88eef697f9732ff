package com.connectsoft.factory.build;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.connectsoft.factory.build.adapter.sandbox.NamespaceSandbox;
import com.connectsoft.factory.build.adapter.sandbox.Sandbox;
import java.io.InputStream;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The build sandbox on this machine, with a hostile program in place of a generated module's tests: every attempt on
 * the factory (its environment, its data, the network, the file system outside the build, other processes, more than
 * the limits allow) fails, and nothing the program starts outlives it.
 */
class BuildSandboxTest {
    @TempDir
    Path dir;
    private Path repository;
    private Path sources;

    @BeforeEach
    void setUp() throws Exception {
        repository = Files.createDirectories(dir.resolve("repository"));
        Files.writeString(repository.resolve("artifact.jar"), "jar");
        sources = Files.createDirectories(dir.resolve("sources"));
        try (InputStream in = getClass().getResourceAsStream("/sandbox/Probe.java")) {
            Files.write(sources.resolve("Probe.java"), in.readAllBytes());
        }
    }

    private NamespaceSandbox sandbox(NamespaceSandbox.Limits limits) {
        try {
            return NamespaceSandbox.create(limits, repository, Set.of(Path.of(System.getProperty("java.home"))), dir.resolve("scratch"));
        } catch (Sandbox.SandboxUnavailable e) {
            Assumptions.abort("no build sandbox can be made on this machine: " + e.getMessage());
            throw e;
        }
    }

    private static Map<String, String> environment() {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("PATH", System.getProperty("java.home") + "/bin:/usr/bin:/bin");
        env.put("HOME", "/tmp/home");
        env.put("LANG", "C.UTF-8");
        return env;
    }

    /** A preview server's sandbox adds only its own loopback and one writable directory: the same attacks still fail. */
    @Test
    void inPreviewModeAHostileProgramStillReachesNothingButItsOwnLoopbackAndThePreviewDirectory() throws Exception {
        Path data = Files.createDirectories(dir.resolve("data/git/other-tenant"));
        Path secret = Files.writeString(dir.resolve("data/secret.txt"), "FACTORY_ADMIN_KEY=s3cr3t");
        Path preview = Files.createDirectories(dir.resolve("preview"));
        Files.writeString(sources.resolve("Own.java"), """
                import java.net.*;
                import java.nio.file.*;
                public class Own {
                    public static void main(String[] a) throws Exception {
                        try (ServerSocket s = new ServerSocket(8080, 5, InetAddress.getLoopbackAddress()); Socket c = new Socket("127.0.0.1", 8080)) {
                            System.out.println("own-loopback: ALLOWED");
                        }
                        Files.writeString(Path.of(System.getenv("PREVIEW_DIR"), "written.txt"), "from the sandbox");
                        System.out.println("preview-dir: " + System.getenv("PREVIEW_DIR"));
                    }
                }
                """);
        AtomicInteger connections = new AtomicInteger();
        try (ServerSocket server = new ServerSocket(0, 50, java.net.InetAddress.getLoopbackAddress())) {
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
            Path log = dir.resolve("probe.log");
            Sandbox.Result r = sandbox(NamespaceSandbox.Limits.DEFAULT).serve(new Sandbox.Job(sources, "", List.of("/bin/sh", "-c",
                    "java Own.java && exec java Probe.java \"$@\"", "probe", secret.toString(), data.getParent().toString(),
                    String.valueOf(server.getLocalPort()), dir.resolve("outside/pwned.txt").toString(), UUID.randomUUID().toString()),
                    environment(), List.of(), dir.resolve("out"), log, Duration.ofSeconds(120)), preview);
            String out = Files.readString(log, StandardCharsets.UTF_8);
            assertEquals(0, r.exitCode(), out);
            Map<String, String> outcome = out.lines().filter(l -> l.contains(": ")).collect(Collectors.toMap(
                    l -> l.substring(0, l.indexOf(": ")), l -> l.substring(l.indexOf(": ") + 2), (a, b) -> a));
            for (String attempt : List.of("environment", "read-secret", "list-host-dir", "connect-loopback", "resolve-dns", "write-var-tmp",
                    "write-repository", "write-usr", "write-root-fs", "see-host-processes", "read-shadow", "run-as-root")) {
                assertTrue(outcome.getOrDefault(attempt, "").startsWith("BLOCKED"), attempt + " was not blocked: " + outcome.get(attempt)
                        + "\n" + out);
            }
            assertEquals("ALLOWED", outcome.get("own-loopback"), out);
            assertEquals("/preview", outcome.get("preview-dir"), out);
        }
        assertEquals(0, connections.get(), "nothing reached the factory's loopback");
        assertEquals("from the sandbox", Files.readString(preview.resolve("written.txt")));
    }

    /**
     * A non-loopback address of this machine (the factory's host as other machines see it), or a documentation address
     * (TEST-NET-1) when it has none.
     */
    static String hostAddress() throws java.net.SocketException {
        return java.util.Collections.list(java.net.NetworkInterface.getNetworkInterfaces()).stream()
                .filter(i -> {
                    try {
                        return i.isUp() && !i.isLoopback();
                    } catch (java.net.SocketException e) {
                        return false;
                    }
                })
                .flatMap(i -> java.util.Collections.list(i.getInetAddresses()).stream())
                .filter(a -> a instanceof java.net.Inet4Address && !a.isLoopbackAddress())
                .map(java.net.InetAddress::getHostAddress).findFirst().orElse("192.0.2.1");
    }

    /**
     * Builds run with the sandbox's own loopback up (a module's tests serve and call its local server): that loopback is
     * the only interface, and the factory's host stays out of reach, by its loopback and by its network address.
     */
    @Test
    void withItsOwnLoopbackUpABuildStillReachesNothingOutsideTheSandbox() throws Exception {
        Path data = Files.createDirectories(dir.resolve("data/git/other-tenant"));
        Path secret = Files.writeString(dir.resolve("data/secret.txt"), "FACTORY_ADMIN_KEY=s3cr3t");
        String host = hostAddress();
        Files.writeString(sources.resolve("Net.java"), """
                import java.net.*;
                import java.util.*;
                public class Net {
                    public static void main(String[] a) throws Exception {
                        List<String> names = new ArrayList<>();
                        for (NetworkInterface i : Collections.list(NetworkInterface.getNetworkInterfaces())) {
                            names.add(i.getName() + (i.isUp() ? "(up)" : "(down)"));
                        }
                        System.out.println("interfaces: " + String.join(" ", names));
                        try (ServerSocket s = new ServerSocket(8080, 5, InetAddress.getLoopbackAddress()); Socket c = new Socket("127.0.0.1", 8080)) {
                            System.out.println("own-loopback: ALLOWED");
                        }
                        try (Socket c = new Socket()) {
                            c.connect(new InetSocketAddress(a[0], Integer.parseInt(a[1])), 2000);
                            System.out.println("connect-host-address: ALLOWED");
                        } catch (Exception e) {
                            System.out.println("connect-host-address: BLOCKED " + e);
                        }
                    }
                }
                """);
        AtomicInteger connections = new AtomicInteger();
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
            String port = String.valueOf(server.getLocalPort());
            Path log = dir.resolve("probe.log");
            Sandbox.Result r = sandbox(NamespaceSandbox.Limits.DEFAULT).run(new Sandbox.Job(sources, "", List.of("/bin/sh", "-c",
                    "java Net.java \"$1\" \"$3\" && exec java Probe.java \"$2\" \"$4\" \"$3\" \"$5\" \"$6\"", "probe", host,
                    secret.toString(), port, data.getParent().toString(), dir.resolve("outside/pwned.txt").toString(), UUID.randomUUID().toString()),
                    environment(), List.of(), dir.resolve("out"), log, Duration.ofSeconds(120), false, true));
            String out = Files.readString(log, StandardCharsets.UTF_8);
            assertEquals(0, r.exitCode(), out);
            Map<String, String> outcome = out.lines().filter(l -> l.contains(": ")).collect(Collectors.toMap(
                    l -> l.substring(0, l.indexOf(": ")), l -> l.substring(l.indexOf(": ") + 2), (a, b) -> a));
            assertEquals("lo(up)", outcome.get("interfaces"), "the loopback is the only interface, and it is up:\n" + out);
            assertEquals("ALLOWED", outcome.get("own-loopback"), out);
            assertTrue(outcome.getOrDefault("connect-host-address", "").startsWith("BLOCKED"), "the host at " + host + ":\n" + out);
            for (String attempt : List.of("environment", "read-secret", "list-host-dir", "connect-loopback", "resolve-dns", "write-var-tmp",
                    "write-repository", "write-usr", "write-root-fs", "see-host-processes", "read-shadow", "run-as-root")) {
                assertTrue(outcome.getOrDefault(attempt, "").startsWith("BLOCKED"), attempt + " was not blocked: " + outcome.get(attempt)
                        + "\n" + out);
            }
        }
        assertEquals(0, connections.get(), "nothing reached the factory's host, by its loopback or its address");
    }

    @Test
    void aHostileProgramCannotReachTheFactoryItsDataTheNetworkOrTheFileSystem() throws Exception {
        Path data = Files.createDirectories(dir.resolve("data/git/other-tenant"));
        Path secret = Files.writeString(dir.resolve("data/secret.txt"), "FACTORY_ADMIN_KEY=s3cr3t");
        Path outside = dir.resolve("outside/pwned.txt");
        String marker = UUID.randomUUID().toString();
        AtomicInteger connections = new AtomicInteger();
        try (ServerSocket server = new ServerSocket(0, 50, java.net.InetAddress.getLoopbackAddress())) {
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
            Path log = dir.resolve("probe.log");
            Sandbox.Result r = sandbox(NamespaceSandbox.Limits.DEFAULT).run(new Sandbox.Job(sources, "", List.of("java", "Probe.java",
                    secret.toString(), data.getParent().toString(), String.valueOf(server.getLocalPort()), outside.toString(), marker),
                    environment(), List.of("*.txt"), dir.resolve("out"), log, Duration.ofSeconds(120)));
            String out = Files.readString(log, StandardCharsets.UTF_8);
            assertEquals(0, r.exitCode(), out);
            Map<String, String> outcome = out.lines().filter(l -> l.contains(": ")).collect(Collectors.toMap(
                    l -> l.substring(0, l.indexOf(": ")), l -> l.substring(l.indexOf(": ") + 2), (a, b) -> a));
            for (String attempt : List.of("environment", "read-secret", "list-host-dir", "list-root-home", "connect-loopback",
                    "resolve-dns", "write-var-tmp", "write-repository", "write-usr", "write-root-fs", "see-host-processes", "read-shadow",
                    "run-as-root")) {
                assertTrue(outcome.getOrDefault(attempt, "").startsWith("BLOCKED"), attempt + " was not blocked: " + outcome.get(attempt)
                        + "\n" + out);
            }
            assertTrue(outcome.get("write-build-dir").startsWith("ALLOWED"), out);
            assertEquals("done", outcome.get("probe"), out);
        }
        assertEquals(0, connections.get(), "nothing reached the factory's loopback");
        assertFalse(Files.exists(outside), "nothing was written outside the build (the sandbox's /tmp is its own)");
        assertFalse(Files.exists(Path.of("/var/tmp/pwned-" + marker)));
        assertFalse(Files.exists(repository.resolve("pwned.txt")));
        assertEquals(Set.of("artifact.jar"), Files.list(repository).map(p -> p.getFileName().toString()).collect(Collectors.toSet()));
        assertEquals("mine", Files.readString(dir.resolve("out/own.txt")), "what the build wrote in its own directory is collected");
        assertTrue(ProcessHandle.allProcesses().noneMatch(p -> p.info().commandLine().orElse("").contains(marker)),
                "a process the build started outlived it");
    }

    @Test
    void theCommandSeesExactlyTheEnvironmentItIsGiven() throws Exception {
        Path log = dir.resolve("env.log");
        Sandbox.Result r = sandbox(NamespaceSandbox.Limits.DEFAULT).run(new Sandbox.Job(sources, "", List.of("/usr/bin/env"),
                environment(), List.of(), dir.resolve("out"), log, Duration.ofSeconds(30)));
        assertEquals(0, r.exitCode());
        assertEquals(environment().entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()).sorted().toList(),
                Files.readAllLines(log).stream().sorted().toList());
    }

    @Test
    void aBuildOverItsDiskOrMemoryLimitFailsAndOneOverItsTimeIsKilled() throws Exception {
        NamespaceSandbox small = sandbox(new NamespaceSandbox.Limits(65534, 65534, 512, 256, 16, 16, 1024, 64));
        Path log = dir.resolve("disk.log");
        Sandbox.Result disk = small.run(new Sandbox.Job(sources, "", List.of("/bin/sh", "-c",
                "head -c 40000000 /dev/zero > /build/big && echo wrote-all"), environment(), List.of(), dir.resolve("out"), log,
                Duration.ofSeconds(30)));
        assertTrue(disk.exitCode() != 0 && !Files.readString(log).contains("wrote-all"), "a 40 MB file fit in a 16 MiB build directory");

        Files.writeString(sources.resolve("Hog.java"), """
                public class Hog {
                    public static void main(String[] a) {
                        java.util.List<byte[]> kept = new java.util.ArrayList<>();
                        for (int mb = 64; mb <= 1536; mb += 64) {
                            byte[] b = new byte[64 << 20];
                            java.util.Arrays.fill(b, (byte) 1);
                            kept.add(b);
                            System.out.println("allocated " + mb + " MB");
                        }
                    }
                }
                """);
        Path memLog = dir.resolve("memory.log");
        Sandbox.Result memory = small.run(new Sandbox.Job(sources, "", List.of("java", "-Xmx2g", "-XX:+UseSerialGC", "Hog.java"),
                environment(), List.of(), dir.resolve("out"), memLog, Duration.ofSeconds(60)));
        assertTrue(memory.exitCode() != 0 && !Files.readString(memLog).contains("allocated 1536 MB"),
                "1.5 GB were allocated under a 512 MiB limit: " + Files.readString(memLog));

        long start = System.nanoTime();
        Sandbox.Result slow = small.run(new Sandbox.Job(sources, "", List.of("/bin/sh", "-c", "sleep 120"), environment(), List.of(),
                dir.resolve("out"), dir.resolve("slow.log"), Duration.ofSeconds(2)));
        assertTrue(slow.timedOut());
        assertTrue(Duration.ofNanos(System.nanoTime() - start).toSeconds() < 20, "the time limit was not enforced");
    }
}
