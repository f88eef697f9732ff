package com.connectsoft.factory.preview.domain;

import java.io.IOException;
import java.nio.file.Path;

/** Gives a module's Unix socket a TCP port on this machine's loopback. */
public interface Relays {
    /**
     * Listens on 127.0.0.1:{@code port} ({@code 0}: a free port) and relays each connection to {@code socket}.
     *
     * @throws PortTaken when the port is in use
     */
    Relay open(int port, Path socket, String name) throws IOException;

    /** A listening relay. */
    interface Relay extends AutoCloseable {
        int port();

        @Override
        void close();
    }

    /** The port is in use by another program. */
    final class PortTaken extends IOException {
        public PortTaken(int port) {
            super("port " + port + " on 127.0.0.1 is taken by another program");
        }
    }
}
