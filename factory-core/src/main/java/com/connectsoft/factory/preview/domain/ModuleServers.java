package com.connectsoft.factory.preview.domain;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Runs a generated module's local server (untrusted code) for a preview: built offline and served confined, with no
 * network but its own loopback; the factory reaches it through a Unix domain socket it creates in a directory of the
 * factory's. One tenant's run per call; nothing is shared between modules but what the factory gives each.
 */
public interface ModuleServers {
    /** The socket file's name in the preview directory. */
    String SOCKET = "module.sock";

    /**
     * Starts building and then serving {@code sources} (a module rendered by a template with a local server) with the
     * development settings {@code settings}; the server's socket appears as {@link #SOCKET} in {@code previewDir}.
     * Returns at once; the server runs until {@link Running#stop()} or {@code limit}.
     */
    Running start(String module, Path sources, Path previewDir, Map<String, String> settings, Path log, Duration limit);

    /** The local server's class of a module's sources, or empty for a module rendered without one. */
    Optional<String> localServer(Path sources);

    /** The module's HTTP functions as its sources declare them (empty when they cannot be read). */
    List<HttpFunction> httpFunctions(Path sources);

    /** The last {@code n} printable lines of a server's log (bounded read). */
    List<String> logTail(Path log, int n);

    /** One HTTP function: its name, route (below /api/) and methods. */
    record HttpFunction(String name, String route, Set<String> methods) {
    }

    /** A module's server that was started. */
    interface Running {
        /** Whether the build or the server has ended (then it does not answer). */
        boolean ended();

        /** How it ended, once it has: one line. */
        String endedHow();

        /** Stops the server and everything it started; returns when they are gone. Idempotent. */
        void stop();
    }
}
