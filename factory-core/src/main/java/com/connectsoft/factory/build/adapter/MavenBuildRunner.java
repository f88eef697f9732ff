package com.connectsoft.factory.build.adapter;

import com.connectsoft.factory.build.domain.BuildReport;
import com.connectsoft.factory.build.domain.BuildRunner;
import com.connectsoft.factory.platform.files.Directories;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Runs {@code mvn verify} (offline by default) in a copy of the module, then in its {@code infra/} Pulumi program when
 * it has one, kills the whole process tree at the time limit, and reads the test counts from the Surefire reports of
 * both. The module passes when both builds pass.
 */
public final class MavenBuildRunner implements BuildRunner {
    private static final Pattern COUNTS = Pattern.compile(
            "tests=\"(\\d+)\"|failures=\"(\\d+)\"|errors=\"(\\d+)\"|skipped=\"(\\d+)\"");
    private final String maven;
    private final boolean offline;

    public MavenBuildRunner(String maven, boolean offline) {
        this.maven = maven;
        this.offline = offline;
    }

    @Override
    public BuildReport build(String module, Path sources, Path workDir, Duration timeout) {
        long start = System.nanoTime();
        copy(sources, workDir);
        List<String> command = new ArrayList<>(List.of(maven, "-B", "-q", "-Dstyle.color=never"));
        if (offline) {
            command.add("-o");
        }
        command.add("verify");
        Path log = workDir.resolve("build.log");
        long deadline = System.nanoTime() + timeout.toNanos();
        String status = run(module, command, workDir, log, timeout);
        List<Path> reports = new ArrayList<>(List.of(workDir.resolve("target/surefire-reports")));
        String commands = String.join(" ", command);
        Path infra = workDir.resolve("infra");
        if (BuildReport.PASSED.equals(status) && Files.isRegularFile(infra.resolve("pom.xml"))) {
            Duration left = Duration.ofNanos(Math.max(0, deadline - System.nanoTime()));
            status = left.isZero() ? BuildReport.TIMED_OUT : run(module, command, infra, infra.resolve("build.log"), left);
            reports.add(infra.resolve("target/surefire-reports"));
            commands += " && (cd infra && " + String.join(" ", command) + ")";
            log = BuildReport.PASSED.equals(status) ? log : infra.resolve("build.log");
        }
        int[] counts = new int[4];
        for (Path r : reports) {
            int[] c = counts(r);
            for (int i = 0; i < 4; i++) {
                counts[i] += c[i];
            }
        }
        long ms = (System.nanoTime() - start) / 1_000_000;
        return new BuildReport(module, status, counts[0], counts[1], counts[2], counts[3], ms, commands, tail(log, 40));
    }

    private String run(String module, List<String> command, Path dir, Path log, Duration timeout) {
        ProcessBuilder pb = new ProcessBuilder(command).directory(dir.toFile())
                .redirectErrorStream(true).redirectOutput(log.toFile());
        Map<String, String> env = pb.environment();
        env.putIfAbsent("MAVEN_OPTS", "-XX:TieredStopAtLevel=1 -XX:+UseSerialGC -Xmx512m");
        try {
            Process p = pb.start();
            if (!p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                p.descendants().forEach(ProcessHandle::destroyForcibly);
                p.destroyForcibly();
                p.waitFor(10, TimeUnit.SECONDS);
                return BuildReport.TIMED_OUT;
            }
            return p.exitValue() == 0 ? BuildReport.PASSED : BuildReport.FAILED;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start '" + maven + "' (is Maven on the PATH? set FACTORY_MAVEN)", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while building " + module, e);
        }
    }

    private static int[] counts(Path reports) {
        int[] c = new int[4];
        if (!Files.isDirectory(reports)) {
            return c;
        }
        try (Stream<Path> files = Files.list(reports)) {
            for (Path f : files.filter(x -> x.getFileName().toString().matches("TEST-.*\\.xml")).toList()) {
                String head = Files.readString(f, StandardCharsets.UTF_8);
                int end = head.indexOf('>', head.indexOf("<testsuite"));
                Matcher m = COUNTS.matcher(head.substring(head.indexOf("<testsuite"), end));
                while (m.find()) {
                    for (int g = 1; g <= 4; g++) {
                        if (m.group(g) != null) {
                            c[g - 1] += Integer.parseInt(m.group(g));
                        }
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read test reports in " + reports, e);
        }
        return c;
    }

    private static List<String> tail(Path log, int lines) {
        try {
            List<String> all = Files.exists(log) ? Files.readAllLines(log, StandardCharsets.UTF_8) : List.of();
            return all.subList(Math.max(0, all.size() - lines), all.size());
        } catch (IOException e) {
            return List.of("(build log unreadable: " + e.getMessage() + ")");
        }
    }

    private static void copy(Path from, Path to) {
        try {
            Directories.delete(to, true);
            Files.createDirectories(to);
            Files.walkFileTree(from, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) throws IOException {
                    Files.createDirectories(to.resolve(from.relativize(dir).toString()));
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                    if (!Files.isSymbolicLink(file)) {
                        Files.copy(file, to.resolve(from.relativize(file).toString()), StandardCopyOption.REPLACE_EXISTING,
                                LinkOption.NOFOLLOW_LINKS);
                    }
                    return FileVisitResult.CONTINUE;
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException("cannot prepare the build directory " + to, e);
        }
    }
}
