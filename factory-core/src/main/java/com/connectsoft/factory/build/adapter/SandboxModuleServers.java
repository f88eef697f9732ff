package com.connectsoft.factory.build.adapter;

import com.connectsoft.factory.build.adapter.sandbox.Sandbox;
import com.connectsoft.factory.preview.domain.ModuleServers;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;

/**
 * The preview's module servers, in the build sandbox, through the build runner: each module is built offline and its local server
 * ({@code <package>.local.LocalServer}, from its test sources) run in the sandbox's preview mode, on a thread of its own.
 */
public final class SandboxModuleServers implements ModuleServers {
    /**
     * The port the server listens on: any free one (0). The factory reaches it only through its Unix socket, so the
     * port never matters, and with the sandbox off (the host's loopback) modules cannot collide.
     */
    static final int PORT_INSIDE = 0;
    private final MavenBuildRunner runner;

    public SandboxModuleServers(MavenBuildRunner runner) {
        this.runner = runner;
    }

    @Override
    public Optional<String> localServer(Path sources) {
        Path tests = sources.resolve("src/test/java");
        if (!Files.isDirectory(tests, LinkOption.NOFOLLOW_LINKS)) {
            return Optional.empty();
        }
        try (Stream<Path> s = Files.walk(tests, 12)) {
            return s.filter(p -> p.getFileName().toString().equals("LocalServer.java") && p.getParent().getFileName().toString().equals("local"))
                    .map(p -> tests.relativize(p).toString().replace('/', '.').replaceAll("\\.java$", "")).sorted().findFirst();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + tests, e);
        }
    }

    @Override
    public Running start(String module, Path sources, Path previewDir, Map<String, String> settings, Path log, Duration limit) {
        String main = localServer(sources).orElseThrow(() -> new IllegalArgumentException("module " + module + " has no local server "
                + "(src/test/java/…/local/LocalServer.java): it was rendered by a template version before 1.4.0; generate the run again"));
        AtomicReference<String> ended = new AtomicReference<>();
        Thread thread = new Thread(() -> {
            try {
                Sandbox.Result r = runner.serve(sources, main, PORT_INSIDE, settings, previewDir, log.getParent().resolve("work-" + module), log, limit);
                ended.set(r.timedOut() ? "stopped at its time limit" : "ended with exit code " + r.exitCode());
            } catch (RuntimeException e) {
                ended.set("could not start: " + e.getMessage());
            }
        }, "preview-" + module);
        thread.setDaemon(true);
        thread.start();
        return new Running() {
            @Override
            public boolean ended() {
                return !thread.isAlive();
            }

            @Override
            public String endedHow() {
                String how = ended.get();
                return how == null ? "running" : how;
            }

            @Override
            public void stop() {
                thread.interrupt();
                try {
                    thread.join(Duration.ofSeconds(30).toMillis());
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        };
    }

    @Override
    public List<HttpFunction> httpFunctions(Path sources) {
        FunctionBindings.Read read = FunctionBindings.declared(sources.resolve("src/main/java"));
        if (!(read instanceof FunctionBindings.Read.Functions f)) {
            return List.of();
        }
        return f.byName().values().stream().filter(fn -> fn.trigger().equals("httpTrigger"))
                .map(fn -> new HttpFunction(fn.name(), fn.route(), fn.methods())).toList();
    }

    @Override
    public List<String> logTail(Path log, int n) {
        if (!Files.isRegularFile(log)) {
            return List.of();
        }
        try (java.io.RandomAccessFile f = new java.io.RandomAccessFile(log.toFile(), "r")) {
            long from = Math.max(0, f.length() - 65_536);
            byte[] bytes = new byte[(int) (f.length() - from)];
            f.seek(from);
            f.readFully(bytes);
            List<String> lines = new String(bytes, java.nio.charset.StandardCharsets.UTF_8).lines()
                    .map(l -> l.replaceAll("\\p{Cntrl}", "")).toList();
            return lines.subList(Math.max(0, lines.size() - n), lines.size());
        } catch (IOException e) {
            return List.of();
        }
    }
}
