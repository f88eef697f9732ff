package com.connectsoft.factory.preview.application;

import com.connectsoft.factory.build.domain.BuildPreparation;
import com.connectsoft.factory.capability.ModuleSources;
import com.connectsoft.factory.platform.files.Directories;
import com.connectsoft.factory.preview.domain.ModuleServers;
import com.connectsoft.factory.preview.domain.Relays;
import com.connectsoft.factory.preview.domain.SigningKey;
import com.connectsoft.factory.run.domain.FactoryRun;
import com.connectsoft.factory.run.domain.ModuleResult;
import com.connectsoft.factory.run.domain.Runs;
import com.connectsoft.factory.run.vocabulary.RunStatus;
import com.connectsoft.factory.shared.domain.TenantId;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BiFunction;
import java.util.function.Consumer;

/**
 * Previews a completed run on this machine: each module's sources come from the artifact store, are built offline
 * and served by the module's own local server in the build sandbox (no network but the sandbox's loopback), and get a
 * URL on this machine's loopback through a relay. The session has a development signing key of its own; its public
 * JWKS is every module's {@code AUTH_JWKS_FILE}, and {@link Session#token} mints tokens for any tenant. Nothing is
 * left running when the session is closed. Only the run's own tenant can preview it.
 */
public final class PreviewRun {
    public static final String AUDIENCE = "api://factory-preview";
    private static final long POLL_MS = 250;
    private final Runs runs;
    private final ModuleSources sources;
    private final ModuleServers servers;
    private final Relays relays;
    private final BiFunction<String, String, SigningKey> newKey;
    private final BuildPreparation preparation;
    private final Path workRoot;
    private final Clock clock;

    /**
     * @param newKey makes a session's signing key for an issuer and an audience
     */
    public PreviewRun(Runs runs, ModuleSources sources, ModuleServers servers, Relays relays, BiFunction<String, String, SigningKey> newKey,
                      BuildPreparation preparation, Path workRoot, Clock clock) {
        this.runs = runs;
        this.sources = sources;
        this.servers = servers;
        this.relays = relays;
        this.newKey = newKey;
        this.preparation = preparation;
        this.workRoot = workRoot;
        this.clock = clock;
    }

    /**
     * @param firstPort the first module's port on 127.0.0.1 and the next ones after it; 0: free ports
     * @param limit     how long the modules may run at most
     * @param readyWithin how long building and starting every module may take
     */
    public record Options(int firstPort, Duration limit, Duration readyWithin) {
        public Options {
            if (firstPort < 0 || firstPort > 65535) {
                throw new IllegalArgumentException("--port " + firstPort + " is not a port: give 1-65535, or leave it out for free ports");
            }
        }
    }

    /** A module being previewed: its base URL (ends with /api/) and a route that lists something, for the example call. */
    public record Module(String name, String baseUrl, String exampleUrl, int functions, Path log) {
    }

    /**
     * Starts every module of the run and returns when each answers its health route.
     *
     * @throws IllegalArgumentException (bad input: exit 2) for an unknown or unfinished run, a taken port, a module
     *                                  without a local server
     * @throws IllegalStateException    when a module does not come up (its log's last lines in the message)
     */
    public Session start(TenantId tenant, String runId, Options options, Consumer<String> progress) {
        FactoryRun run = runs.find(tenant, runId).orElseThrow(() -> new IllegalArgumentException(
                "run " + runId + " not found for tenant " + tenant.value() + " (see ./factory runs)"));
        if (run.status() != RunStatus.COMPLETED) {
            throw new IllegalArgumentException("run " + runId + " is " + run.status() + ": only a completed run (every module built, "
                    + "tested and committed) can be previewed");
        }
        Path root = workRoot.resolve(tenant.value()).resolve(runId);
        clear(root);
        List<Path> moduleDirs = new ArrayList<>();
        for (ModuleResult m : run.modules()) {
            Path src = root.resolve(m.name()).resolve("src");
            sources.materialize(tenant, m.manifestHash(), src);
            if (servers.localServer(src).isEmpty()) {
                throw new IllegalArgumentException("module " + m.name() + " of run " + runId + " has no local server: it was rendered by "
                        + (m.templateRef() != null ? m.templateRef() : run.templateRef()) + "; ./factory preview runs modules of "
                        + "FunctionsMicroservice 1.4.0 and later (a SpringBootService module runs with java -jar, see its README)");
            }
            moduleDirs.add(src);
        }
        preparation.prepare(run.templateRef()).ifPresent(why -> {
            throw new IllegalStateException("the template's offline builds could not be prepared: " + why);
        });
        SigningKey identity = newKey.apply("https://factory.local/preview/" + runId, AUDIENCE);
        Session session = new Session(identity, tenant.value(), clock);
        try {
            for (int i = 0; i < moduleDirs.size(); i++) {
                String name = run.modules().get(i).name();
                Path src = moduleDirs.get(i);
                Path previewDir = Files.createDirectories(root.resolve(name).resolve("preview"));
                Files.setPosixFilePermissions(previewDir, PosixFilePermissions.fromString("rwxr-xr-x"));
                Files.writeString(previewDir.resolve("jwks.json"), identity.jwks(), StandardCharsets.UTF_8);
                int port = options.firstPort() == 0 ? 0 : options.firstPort() + i;
                if (port > 65535) {
                    throw new IllegalArgumentException("--port " + options.firstPort() + " leaves no port for module " + name);
                }
                Relays.Relay relay;
                try {
                    relay = relays.open(port, previewDir.resolve(ModuleServers.SOCKET), name);
                } catch (Relays.PortTaken e) {
                    throw new IllegalArgumentException(e.getMessage() + ": choose another first port with --port, or leave --port out "
                            + "for free ports");
                }
                session.relays.add(relay);
                Map<String, String> settings = new LinkedHashMap<>();
                settings.put("STORE", "memory");
                settings.put("AUTH_ISSUER", identity.issuer());
                settings.put("AUTH_AUDIENCE", identity.audience());
                Path log = root.resolve(name + ".log");
                progress.accept(name + ": building and starting (log " + log + ")");
                session.running.add(servers.start(name, src, previewDir, settings, log, options.limit()));
                String base = "http://127.0.0.1:" + relay.port() + "/api/";
                List<ModuleServers.HttpFunction> functions = servers.httpFunctions(src);
                String example = functions.stream().filter(f -> f.methods().contains("GET") && f.route().startsWith("v1/")
                        && !f.route().contains("{")).map(ModuleServers.HttpFunction::route).findFirst().map(r -> base + r).orElse(base + "health");
                session.modules.add(new Module(name, base, example, functions.size(), log));
            }
            awaitReady(session, clock.millis() + options.readyWithin().toMillis());
            return session;
        } catch (IOException e) {
            session.close();
            throw new UncheckedIOException("cannot prepare the preview under " + root, e);
        } catch (RuntimeException e) {
            session.close();
            throw e;
        }
    }

    private void awaitReady(Session session, long deadline) {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        for (int i = 0; i < session.modules.size(); i++) {
            Module m = session.modules.get(i);
            ModuleServers.Running running = session.running.get(i);
            while (!healthy(http, m.baseUrl() + "health")) {
                if (running.ended()) {
                    throw new IllegalStateException("module " + m.name() + " did not start (" + running.endedHow() + "); the end of its log:\n  "
                            + String.join("\n  ", servers.logTail(m.log(), 15)));
                }
                if (clock.millis() > deadline) {
                    throw new IllegalStateException("module " + m.name() + " did not answer within the time allowed; its log: " + m.log());
                }
                try {
                    Thread.sleep(POLL_MS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException("interrupted while the modules started", e);
                }
            }
        }
    }

    private static boolean healthy(HttpClient http, String url) {
        try {
            return http.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(5)).GET().build(),
                    HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private static void clear(Path root) {
        try {
            Directories.delete(root, true);
            Files.createDirectories(root);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot clear the preview directory " + root, e);
        }
    }

    /** A running preview: its modules, tokens for any tenant, and {@link #close} to stop everything. */
    public static final class Session implements AutoCloseable {
        private final SigningKey identity;
        private final String tenant;
        private final Clock clock;
        private final List<Module> modules = new ArrayList<>();
        private final List<ModuleServers.Running> running = new ArrayList<>();
        private final List<Relays.Relay> relays = new ArrayList<>();
        private boolean closed;

        Session(SigningKey identity, String tenant, Clock clock) {
            this.identity = identity;
            this.tenant = tenant;
            this.clock = clock;
        }

        public List<Module> modules() {
            return List.copyOf(modules);
        }

        /** The run's tenant. */
        public String tenant() {
            return tenant;
        }

        /** A token of this session for {@code tenantId} with read and write roles, valid for {@code validity}. */
        public String token(String tenantId, Duration validity) {
            return identity.token(tenantId, SigningKey.ALL_ROLES, clock.instant(), validity);
        }

        /** Whether some module's server has ended by itself (not because the session was closed). */
        public synchronized Optional<String> ended() {
            if (closed) {
                return Optional.empty();
            }
            for (int i = 0; i < running.size(); i++) {
                if (running.get(i).ended()) {
                    return Optional.of(modules.get(i).name() + " " + running.get(i).endedHow());
                }
            }
            return Optional.empty();
        }

        /** Stops every module and relay; returns when they are gone. */
        @Override
        public synchronized void close() {
            if (closed) {
                return;
            }
            closed = true;
            running.forEach(ModuleServers.Running::stop);
            relays.forEach(Relays.Relay::close);
        }
    }
}
