package com.connectsoft.factory.preview;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.connectsoft.factory.preview.adapter.UnixSocketRelay;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The relay from a loopback port to a module's Unix socket. */
class UnixSocketRelayTest {
    @TempDir
    Path dir;

    /** A Unix socket server that answers each connection with what it read, upper-cased, then closes. */
    private static Thread upperCaseServer(ServerSocketChannel server) {
        Thread t = new Thread(() -> {
            while (server.isOpen()) {
                try (SocketChannel c = server.accept()) {
                    ByteBuffer b = ByteBuffer.allocate(1024);
                    while (c.read(b) >= 0) {
                        // until the client shuts its output
                    }
                    b.flip();
                    String text = StandardCharsets.UTF_8.decode(b).toString().toUpperCase();
                    c.write(StandardCharsets.UTF_8.encode(text));
                } catch (java.io.IOException e) {
                    return;
                }
            }
        });
        t.setDaemon(true);
        t.start();
        return t;
    }

    private static String roundTrip(int port, String text) throws Exception {
        try (Socket s = new Socket(InetAddress.getLoopbackAddress(), port)) {
            s.setSoTimeout(10_000);
            OutputStream out = s.getOutputStream();
            out.write(text.getBytes(StandardCharsets.UTF_8));
            s.shutdownOutput();
            InputStream in = s.getInputStream();
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    @Test
    void relaysBothWaysEvenToASocketWhosePathIsTooLongForLinux() throws Exception {
        Path deep = Files.createDirectories(dir.resolve("a".repeat(60)).resolve("b".repeat(60)));
        Path socket = deep.resolve("module.sock");
        assertTrue(socket.toString().length() > 108, "longer than sun_path");
        Path shortPath = Files.createTempDirectory(Path.of("/tmp"), "relay-test-");
        Files.createSymbolicLink(shortPath.resolve("d"), deep);
        try (ServerSocketChannel server = ServerSocketChannel.open(StandardProtocolFamily.UNIX)) {
            server.bind(UnixDomainSocketAddress.of(shortPath.resolve("d/module.sock")));
            upperCaseServer(server);
            try (UnixSocketRelay relay = UnixSocketRelay.open(0, socket, "test")) {
                assertEquals("GET /API/HEALTH", roundTrip(relay.port(), "get /api/health"));
                assertEquals("SECOND", roundTrip(relay.port(), "second"), "one connection after another");
            }
        } finally {
            Files.deleteIfExists(shortPath.resolve("d/module.sock"));
            Files.deleteIfExists(shortPath.resolve("d"));
            Files.deleteIfExists(shortPath);
        }
    }

    @Test
    void aTakenPortIsSaidSoAndAClosedRelayNoLongerListens() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            var e = assertThrows(com.connectsoft.factory.preview.domain.Relays.PortTaken.class, () -> UnixSocketRelay.open(taken.getLocalPort(), dir.resolve("s.sock"), "t"));
            assertEquals("port " + taken.getLocalPort() + " on 127.0.0.1 is taken by another program", e.getMessage());
        }
        UnixSocketRelay relay = UnixSocketRelay.open(0, dir.resolve("s.sock"), "t");
        int port = relay.port();
        relay.close();
        assertThrows(java.net.ConnectException.class, () -> new Socket(InetAddress.getLoopbackAddress(), port).close());
    }

    /**
     * Closing only signals the thread blocked in accept; until that call returns the kernel keeps the socket listening.
     * {@code close} returns after it has: a connection right after never lands (tried many times, as the gap is short).
     */
    @Test
    void noConnectionIsAcceptedOnceCloseHasReturned() throws Exception {
        for (int i = 0; i < 300; i++) {
            UnixSocketRelay relay = UnixSocketRelay.open(0, dir.resolve("s.sock"), "t");
            int port = relay.port();
            Thread.sleep(2); // the accepting thread is blocked in accept by now
            relay.close();
            int attempt = i;
            assertThrows(java.net.ConnectException.class, () -> new Socket(InetAddress.getLoopbackAddress(), port).close(),
                    () -> "attempt " + attempt + ": port " + port + " still accepted a connection after close");
        }
    }
}
