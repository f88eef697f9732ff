package com.connectsoft.factory.build.adapter.sandbox;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Memory and process-count limits for one sandboxed build through the kernel's control groups, where this process
 * may create them (cgroup v2, or the v1 {@code memory} and {@code pids} controllers). Where it may not,
 * {@link #NONE} creates nothing and the sandbox falls back to per-process limits.
 */
abstract class Cgroups {
    /** A group made for one build: the {@code cgroup.procs} files its first process joins. */
    record Group(List<Path> dirs, List<Path> procsFiles) {
        /** Removes the group (after every process in it has ended); a group the kernel still holds is left behind. */
        void remove() {
            for (Path d : dirs) {
                for (int attempt = 0; attempt < 50; attempt++) {
                    try {
                        Files.deleteIfExists(d);
                        break;
                    } catch (IOException e) {
                        sleepBriefly();
                    }
                }
            }
        }
    }

    static final Cgroups NONE = new Cgroups() {
        @Override
        Optional<Group> create(String name, long memoryBytes, int processes) {
            return Optional.empty();
        }
    };

    abstract Optional<Group> create(String name, long memoryBytes, int processes);

    private static Cgroups detected;

    /**
     * The cgroup layout of this machine, tried once per process by making and removing a group. Sandboxes made at the
     * same moment (the Maven and the npm one, as two modules start building) share the answer: probing concurrently
     * under one group name made one of them see no cgroups, and its builds ran under per-process limits instead.
     */
    static synchronized Cgroups detect() {
        if (detected == null) {
            detected = probe();
        }
        return detected;
    }

    private static Cgroups probe() {
        Path fs = Path.of("/sys/fs/cgroup");
        List<Cgroups> candidates = new ArrayList<>();
        if (Files.isRegularFile(fs.resolve("cgroup.controllers"))) {
            own("").ifPresent(p -> candidates.add(new V2(fs.resolve(strip(p)))));
        }
        if (Files.isDirectory(fs.resolve("memory")) && Files.isDirectory(fs.resolve("pids"))) {
            Optional<String> memory = own("memory");
            Optional<String> pids = own("pids");
            if (memory.isPresent() && pids.isPresent()) {
                candidates.add(new V1(fs.resolve("memory").resolve(strip(memory.get())), fs.resolve("pids").resolve(strip(pids.get()))));
            }
        }
        for (Cgroups c : candidates) {
            Optional<Group> trial = c.create("factory-probe-" + ProcessHandle.current().pid(), 64L << 20, 16);
            if (trial.isPresent()) {
                trial.get().remove();
                return c;
            }
        }
        return NONE;
    }

    private static String strip(String path) {
        return path.startsWith("/") ? path.substring(1) : path;
    }

    /** This process's group in the hierarchy of {@code controller} ("" for the v2 unified hierarchy). */
    private static Optional<String> own(String controller) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/cgroup"), StandardCharsets.UTF_8)) {
                String[] parts = line.split(":", 3);
                if (parts.length == 3 && (controller.isEmpty() ? parts[0].equals("0") && parts[1].isEmpty()
                        : List.of(parts[1].split(",")).contains(controller))) {
                    return Optional.of(parts[2]);
                }
            }
        } catch (IOException e) {
            return Optional.empty();
        }
        return Optional.empty();
    }

    private static boolean write(Path file, String value) {
        try {
            Files.writeString(file, value, StandardCharsets.US_ASCII);
            return true;
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }

    private static void sleepBriefly() {
        try {
            Thread.sleep(20);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static final class V2 extends Cgroups {
        private final Path parent;

        V2(Path parent) {
            this.parent = parent;
        }

        @Override
        Optional<Group> create(String name, long memoryBytes, int processes) {
            Path dir = parent.resolve(name);
            try {
                Files.createDirectory(dir);
            } catch (IOException | RuntimeException e) {
                return Optional.empty();
            }
            Group g = new Group(List.of(dir), List.of(dir.resolve("cgroup.procs")));
            if (write(dir.resolve("memory.max"), String.valueOf(memoryBytes)) && write(dir.resolve("pids.max"), String.valueOf(processes))) {
                write(dir.resolve("memory.swap.max"), "0");
                return Optional.of(g);
            }
            g.remove();
            return Optional.empty();
        }
    }

    private static final class V1 extends Cgroups {
        private final Path memoryParent;
        private final Path pidsParent;

        V1(Path memoryParent, Path pidsParent) {
            this.memoryParent = memoryParent;
            this.pidsParent = pidsParent;
        }

        @Override
        Optional<Group> create(String name, long memoryBytes, int processes) {
            Path memory = memoryParent.resolve(name);
            Path pids = pidsParent.resolve(name);
            List<Path> made = new ArrayList<>();
            try {
                made.add(Files.createDirectory(memory));
                made.add(Files.createDirectory(pids));
            } catch (IOException | RuntimeException e) {
                new Group(made, List.of()).remove();
                return Optional.empty();
            }
            Group g = new Group(List.of(memory, pids), List.of(memory.resolve("cgroup.procs"), pids.resolve("cgroup.procs")));
            if (write(memory.resolve("memory.limit_in_bytes"), String.valueOf(memoryBytes))
                    && write(pids.resolve("pids.max"), String.valueOf(processes))) {
                write(memory.resolve("memory.memsw.limit_in_bytes"), String.valueOf(memoryBytes));
                return Optional.of(g);
            }
            g.remove();
            return Optional.empty();
        }
    }
}
