package com.connectsoft.factory.preview.adapter;

import java.io.IOException;
import com.connectsoft.factory.preview.domain.Relays;
import java.net.BindException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.Path;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;

/**
 * Relays connections to a TCP port on this machine's loopback to a Unix domain socket: how a module's server, which
 * has no network but its own loopback in the sandbox, gets a {@code http://127.0.0.1:port} URL. Bytes only; at most
 * {@value #MAX_CONNECTIONS} connections at once (more are closed at once).
 */
public final class UnixSocketRelay implements Relays.Relay {
    static final int MAX_CONNECTIONS = 64;
    /** Linux's limit on a socket path (sun_path, 108 bytes with its terminating NUL), with room to spare. */
    static final int MAX_SOCKET_PATH = 100;
    /** How long {@link #close} waits for the relay's threads to end. */
    static final java.time.Duration CLOSE_WAIT = java.time.Duration.ofSeconds(5);
    private final ServerSocketChannel listener;
    private final Path socket;
    private final Path shortcut;
    private final ExecutorService threads;
    private final Semaphore open = new Semaphore(MAX_CONNECTIONS);
    private final java.util.concurrent.Future<?> accepting;

    private UnixSocketRelay(ServerSocketChannel listener, Path socket, Path shortcut, String name) {
        this.listener = listener;
        this.socket = socket;
        this.shortcut = shortcut;
        this.threads = Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "preview-relay-" + name);
            t.setDaemon(true);
            return t;
        });
        accepting = threads.submit(this::acceptLoop);
    }

    /**
     * Listens on 127.0.0.1:{@code port} ({@code 0}: a free port) and relays to {@code socket}.
     *
     * @throws Relays.PortTaken when the port is in use
     */
    public static UnixSocketRelay open(int port, Path socket, String name) throws IOException {
        Path target = socket.toAbsolutePath();
        Path shortcut = null;
        if (target.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8).length > MAX_SOCKET_PATH) {
            // a socket path longer than sun_path cannot be connected to: reach it through a short link of our own
            shortcut = java.nio.file.Files.createTempDirectory(Path.of(System.getProperty("java.io.tmpdir")), "factory-preview-");
            java.nio.file.Files.createSymbolicLink(shortcut.resolve("m"), target.getParent());
            target = shortcut.resolve("m").resolve(target.getFileName());
            if (target.toString().length() > MAX_SOCKET_PATH) {
                throw new IOException("cannot make a short enough path to " + socket + " (set java.io.tmpdir to a short directory)");
            }
        }
        ServerSocketChannel listener = ServerSocketChannel.open();
        try {
            listener.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 64);
        } catch (BindException e) {
            listener.close();
            removeShortcut(shortcut);
            throw new Relays.PortTaken(port);
        }
        return new UnixSocketRelay(listener, target, shortcut, name);
    }

    @Override
    public int port() {
        try {
            return ((InetSocketAddress) listener.getLocalAddress()).getPort();
        } catch (IOException e) {
            throw new IllegalStateException("the relay is closed", e);
        }
    }

    private void acceptLoop() {
        while (listener.isOpen()) {
            SocketChannel client;
            try {
                client = listener.accept();
            } catch (IOException e) {
                return;
            }
            if (!open.tryAcquire()) {
                close(client);
                continue;
            }
            threads.submit(() -> {
                try (SocketChannel c = client; SocketChannel server = SocketChannel.open(StandardProtocolFamily.UNIX)) {
                    server.connect(UnixDomainSocketAddress.of(socket));
                    var back = threads.submit(() -> pump(server, c));
                    pump(c, server);
                    back.get();
                } catch (IOException | java.util.concurrent.ExecutionException e) {
                    // the module is not (or no longer) listening: the client sees its connection closed
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                } finally {
                    open.release();
                }
            });
        }
    }

    private static void pump(SocketChannel from, SocketChannel to) {
        ByteBuffer buffer = ByteBuffer.allocate(16 * 1024);
        try {
            while (from.read(buffer) >= 0) {
                buffer.flip();
                while (buffer.hasRemaining()) {
                    to.write(buffer);
                }
                buffer.clear();
            }
            to.shutdownOutput();
        } catch (IOException e) {
            close(to);
            close(from);
        }
    }

    private static void close(SocketChannel c) {
        try {
            c.close();
        } catch (IOException ignored) {
            // already closed
        }
    }

    /**
     * Stops listening and ends every relayed connection; returns when the port is closed. Closing the channel only
     * signals a thread blocked in {@code accept}, and the kernel keeps the socket listening until that call returns, so
     * this waits for the accepting thread (a connection made in between would otherwise still be accepted).
     */
    @Override
    public void close() {
        try {
            listener.close();
        } catch (IOException ignored) {
            // closing a listening socket
        }
        threads.shutdownNow();
        try {
            accepting.get(CLOSE_WAIT.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS);
            threads.awaitTermination(CLOSE_WAIT.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException | java.util.concurrent.CancellationException e) {
            // the accept loop ends by itself once the channel is closed; a relay that does not is left to the daemon threads
        }
        removeShortcut(shortcut);
    }

    private static void removeShortcut(Path shortcut) {
        if (shortcut == null) {
            return;
        }
        try {
            java.nio.file.Files.deleteIfExists(shortcut.resolve("m"));
            java.nio.file.Files.deleteIfExists(shortcut);
        } catch (IOException ignored) {
            // an empty directory and a link in the temporary directory
        }
    }
}
