package com.connectsoft.factory.build.adapter.sandbox;

import com.connectsoft.factory.platform.files.Directories;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * No confinement: the command runs as the factory's own user, with the factory's view of the file system and the
 * network, in a copy of the sources under the output directory. Only the environment is cleared. This is the
 * documented opt-out ({@code FACTORY_BUILD_SANDBOX=off}) for a trusted single user on a machine where no sandbox can be
 * made; it is never chosen by itself. The factory also uses it for its own trusted work: preparing a template's sample
 * build, which must reach the network.
 */
public final class Unconfined implements Sandbox {
    private final Path repository;
    private final String why;

    public Unconfined(Path repository, String why) {
        this.repository = repository.toAbsolutePath().normalize();
        this.why = why;
    }

    @Override
    public Result run(Job job) {
        long start = System.nanoTime();
        copy(job.sources(), job.output());
        Path dir = job.workDir().isEmpty() ? job.output() : job.output().resolve(job.workDir());
        try {
            Files.createDirectories(job.log().toAbsolutePath().getParent());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        List<String> command = new java.util.ArrayList<>(List.of("/bin/sh", "-c", "umask 022 && exec \"$@\"", "sh"));
        command.addAll(job.command());
        ProcessBuilder pb = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true)
                .redirectOutput(job.log().toFile());
        Map<String, String> env = pb.environment();
        env.clear();
        env.putAll(job.environment());
        Process p;
        try {
            p = pb.start();
        } catch (IOException e) {
            throw new SandboxUnavailable("cannot start " + job.command().get(0) + ": " + e.getMessage());
        }
        try {
            boolean done = p.waitFor(job.timeout().toMillis(), TimeUnit.MILLISECONDS);
            if (!done) {
                p.descendants().forEach(ProcessHandle::destroyForcibly);
                p.destroyForcibly();
                p.waitFor(10, TimeUnit.SECONDS);
            }
            return new Result(done ? p.exitValue() : -1, !done, (System.nanoTime() - start) / 1_000_000);
        } catch (InterruptedException e) {
            p.descendants().forEach(ProcessHandle::destroyForcibly);
            p.destroyForcibly();
            Thread.currentThread().interrupt();
            return new Result(-1, false, (System.nanoTime() - start) / 1_000_000);
        }
    }

    /** Unconfined, the server shares the factory's network; it is stopped when the calling thread is interrupted. */
    @Override
    public Result serve(Job job, Path previewDir) {
        Map<String, String> environment = new java.util.LinkedHashMap<>(job.environment());
        environment.put("PREVIEW_DIR", previewDir.toAbsolutePath().toString());
        Job withDir = new Job(job.sources(), job.workDir(), job.command(), environment, job.collect(), job.output(), job.log(), job.timeout());
        return run(withDir);
    }

    @Override
    public Path repositoryInside() {
        return repository;
    }

    @Override
    public boolean confined() {
        return false;
    }

    @Override
    public String description() {
        return "none (" + why + "): builds run as the factory's user, with its file system and network";
    }

    /** Copies {@code from} into {@code to} (emptied first), skipping symbolic links. */
    static void copy(Path from, Path to) {
        try {
            Directories.delete(to, true);
            Directories.copy(from, to);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot prepare the build directory " + to, e);
        }
    }
}
