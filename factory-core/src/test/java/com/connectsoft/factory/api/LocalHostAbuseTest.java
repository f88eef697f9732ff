package com.connectsoft.factory.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.connectsoft.factory.platform.json.Json;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.logging.SimpleFormatter;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The local host under the attacks of issue 13, on real sockets: slow headers, slow bodies, a connection flood, work
 * that never ends, every request thread taken, faults. The API behind it is a small stand-in whose routes block on
 * demand, so each case is exact; the health route must answer within 1 s throughout.
 */
class LocalHostAbuseTest {
    private static final Duration HEALTHY = Duration.ofSeconds(1);

    /** Routes: /read answers at once; /read/block and /work/block wait for {@link #release}; /fault throws. */
    static final class StandIn implements HttpApi {
        final CountDownLatch release = new CountDownLatch(1);
        final AtomicInteger interrupted = new AtomicInteger();
        final AtomicInteger blockedNow = new AtomicInteger();
        volatile boolean ignoreInterrupts;

        @Override
        public FactoryApi.Response handle(FactoryApi.Request r) {
            switch (r.path()) {
                case "/read", "/work/quick" -> {
                    return FactoryApi.Response.json(200, Map.of("ok", true, "bytes", r.body().length));
                }
                case "/read/block", "/work/block" -> {
                    blockedNow.incrementAndGet();
                    try {
                        while (true) {
                            try {
                                if (release.await(30, TimeUnit.SECONDS)) {
                                    return FactoryApi.Response.json(200, Map.of("ok", true));
                                }
                                return FactoryApi.Response.json(500, Map.of("ok", false));
                            } catch (InterruptedException e) {
                                interrupted.incrementAndGet();
                                if (!ignoreInterrupts) {
                                    Thread.currentThread().interrupt();
                                    throw new IllegalStateException("interrupted");
                                }
                            }
                        }
                    } finally {
                        blockedNow.decrementAndGet();
                    }
                }
                case "/fault" -> throw new IllegalStateException("secret-payload-" + new String(r.body(), StandardCharsets.UTF_8));
                default -> {
                    return FactoryApi.Response.json(404, Map.of());
                }
            }
        }

        @Override
        public boolean isWork(String method, String path) {
            return path.startsWith("/work");
        }
    }

    private final StandIn api = new StandIn();
    private final List<AutoCloseable> closing = new ArrayList<>();
    private final ExecutorService pool = Executors.newCachedThreadPool();
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(2)).build();
    private LocalHost host;

    private LocalHost start(LocalHost.Limits limits) throws IOException {
        host = new LocalHost(api, "127.0.0.1", 0, limits);
        return host;
    }

    @AfterEach
    void stop() throws Exception {
        api.release.countDown();
        for (AutoCloseable c : closing) {
            try {
                c.close();
            } catch (Exception ignored) {
                // already closed by the server
            }
        }
        pool.shutdownNow();
        if (host != null) {
            host.close();
        }
    }

    private HttpResponse<String> get(String path, Duration timeout, String... headers) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + host.port() + path)).timeout(timeout);
        for (int i = 0; i < headers.length; i += 2) {
            b.header(headers[i], headers[i + 1]);
        }
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** The slowest of a series of health probes; a failed probe is reported with its cause. */
    record Probes(int count, Duration worst, String failure) {
        boolean healthy() {
            return failure == null && worst.compareTo(HEALTHY) < 0;
        }
    }

    /** Probes the health route until {@code done}, one request every 50 ms (after one unmeasured call that warms the client). */
    private Future<Probes> probeHealth(AtomicBoolean done) throws Exception {
        get("/api/health", Duration.ofSeconds(5));
        return pool.submit(() -> {
            long worst = 0;
            int probes = 0;
            String failure = null;
            while (!done.get() || probes < 3) {
                long t0 = System.nanoTime();
                try {
                    HttpResponse<String> r = get("/api/health", HEALTHY);
                    if (r.statusCode() != 200) {
                        failure = "status " + r.statusCode();
                    }
                } catch (IOException e) {
                    failure = e.toString();
                }
                worst = Math.max(worst, System.nanoTime() - t0);
                probes++;
                Thread.sleep(50);
            }
            return new Probes(probes, Duration.ofNanos(worst), failure);
        });
    }

    private Socket connect(String from) throws IOException {
        Socket s = new Socket();
        closing.add(s);
        if (from != null) {
            s.bind(new InetSocketAddress(from, 0));
        }
        s.connect(new InetSocketAddress("127.0.0.1", host.port()), 2000);
        return s;
    }

    /**
     * Sends {@code text} a byte every {@code pace}, reading between bytes; returns how long after the first byte the
     * server closed the connection (or what it answered first), or null if it never did within {@code giveUp}.
     */
    private static Duration trickle(Socket s, String text, Duration pace, Duration giveUp, StringBuilder answer) throws IOException {
        s.setSoTimeout((int) pace.toMillis());
        OutputStream out = s.getOutputStream();
        InputStream in = s.getInputStream();
        long t0 = System.nanoTime();
        byte[] bytes = text.getBytes(StandardCharsets.US_ASCII);
        for (int i = 0; System.nanoTime() - t0 < giveUp.toNanos(); i++) {
            try {
                out.write(bytes[i % bytes.length]);
                out.flush();
            } catch (IOException e) {
                return Duration.ofNanos(System.nanoTime() - t0);
            }
            try {
                byte[] buf = new byte[512];
                int n = in.read(buf);
                if (n < 0) {
                    return Duration.ofNanos(System.nanoTime() - t0);
                }
                answer.append(new String(buf, 0, n, StandardCharsets.US_ASCII));
                while ((n = in.read(buf)) > 0) {
                    answer.append(new String(buf, 0, n, StandardCharsets.US_ASCII));
                }
                return Duration.ofNanos(System.nanoTime() - t0);
            } catch (SocketTimeoutException e) {
                // still open: next byte
            } catch (IOException e) {
                return Duration.ofNanos(System.nanoTime() - t0);
            }
        }
        return null;
    }

    @Test
    void slowHeadersAreCutOffAtTheHeaderDeadlineWhileHealthAnswers() throws Exception {
        Duration deadline = Duration.ofSeconds(2);
        start(LocalHost.Limits.defaults().withHeaderDeadline(deadline));
        AtomicBoolean done = new AtomicBoolean();
        Future<Probes> health = probeHealth(done);
        List<Future<Duration>> slow = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            Socket s = connect(null);
            // an endless request line and headers, one byte every 200 ms: never complete
            slow.add(pool.submit(() -> trickle(s, "GET /read HTTP/1.1\r\nHost: x\r\nX-Slow: aaaaaaaaaaaaaaaaaaaaaaaaaaaa",
                    Duration.ofMillis(200), Duration.ofSeconds(8), new StringBuilder())));
        }
        for (Future<Duration> f : slow) {
            Duration closedAfter = f.get(20, TimeUnit.SECONDS);
            assertTrue(closedAfter != null, "a slow client was never cut off");
            assertTrue(closedAfter.compareTo(deadline.plusMillis(1500)) < 0, "cut off after " + closedAfter);
            assertTrue(closedAfter.compareTo(deadline.minusMillis(300)) > 0, "cut off too early: " + closedAfter);
        }
        done.set(true);
        Probes probes = health.get(10, TimeUnit.SECONDS);
        System.out.printf("health under 40 slow-header clients: %d probes, slowest %d ms%n", probes.count(), probes.worst().toMillis());
        assertTrue(probes.healthy(), "health under 40 slow clients: " + probes);
        assertEquals(200, get("/read", HEALTHY).statusCode());
    }

    @Test
    void slowBodiesTakeNoThreadAndAreCutOffAtTheBodyDeadline() throws Exception {
        Duration deadline = Duration.ofSeconds(2);
        start(LocalHost.Limits.defaults().withBodyDeadline(deadline).withRequests(2, 0));
        AtomicBoolean done = new AtomicBoolean();
        Future<Probes> health = probeHealth(done);
        List<Future<Duration>> slow = new ArrayList<>();
        List<StringBuilder> answers = new ArrayList<>();
        for (int i = 0; i < 32; i++) {
            Socket s = connect(null);
            s.getOutputStream().write("POST /read HTTP/1.1\r\nHost: x\r\nContent-Length: 100000\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            StringBuilder answer = new StringBuilder();
            answers.add(answer);
            slow.add(pool.submit(() -> trickle(s, "x", Duration.ofMillis(200), Duration.ofSeconds(8), answer)));
        }
        // while 32 bodies trickle in, two request threads are enough for everyone else
        for (int i = 0; i < 5; i++) {
            assertEquals(200, get("/read", HEALTHY).statusCode());
        }
        for (int i = 0; i < slow.size(); i++) {
            Duration closedAfter = slow.get(i).get(20, TimeUnit.SECONDS);
            assertTrue(closedAfter != null && closedAfter.compareTo(deadline.plusMillis(1500)) < 0, "slow body cut off after " + closedAfter);
            assertTrue(answers.get(i).toString().startsWith("HTTP/1.1 408"), answers.get(i).toString());
        }
        done.set(true);
        Probes probes = health.get(10, TimeUnit.SECONDS);
        System.out.printf("health under 32 slow bodies: %d probes, slowest %d ms%n", probes.count(), probes.worst().toMillis());
        assertTrue(probes.healthy(), probes.toString());
    }

    @Test
    void aConnectionFloodIsCappedPerClientAndInTotalAndOthersStillAnswer() throws Exception {
        start(LocalHost.Limits.defaults().withConnections(24, 16).withKeepAliveTimeout(Duration.ofSeconds(2)));
        AtomicBoolean done = new AtomicBoolean();
        Future<Probes> health = probeHealth(done);
        waitUntil(() -> !done.get(), "the probe is running"); // it holds its own connection from 127.0.0.1
        long t0 = System.nanoTime();
        List<Socket> flood = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            flood.add(connect("127.0.0.2"));
        }
        List<Socket> second = new ArrayList<>();
        for (int i = 0; i < 16; i++) {
            second.add(connect("127.0.0.3"));
        }
        int refusedFlood = closedWithin(flood, Duration.ofMillis(800));
        int refusedSecond = closedWithin(second, Duration.ofMillis(200));
        assertEquals(100 - 16, refusedFlood, "one address gets 16 connections");
        assertTrue(refusedSecond >= 16 - (24 - 16), "the total of 24 leaves at most 8 for the next address; refused " + refusedSecond);
        // the accepted ones never send a request: closed at the keep-alive timeout
        assertEquals(16, closedWithin(flood, Duration.ofSeconds(5)));
        assertTrue(System.nanoTime() - t0 > TimeUnit.MILLISECONDS.toNanos(1800), "idle connections were kept for their timeout");
        done.set(true);
        Probes probes = health.get(10, TimeUnit.SECONDS);
        System.out.printf("health under a connection flood: %d probes, slowest %d ms%n", probes.count(), probes.worst().toMillis());
        assertTrue(probes.healthy(), probes.toString());
        Socket again = connect("127.0.0.2");
        again.getOutputStream().write("GET /read HTTP/1.1\r\nHost: x\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
        again.setSoTimeout(2000);
        assertTrue(new String(again.getInputStream().readNBytes(12), StandardCharsets.US_ASCII).startsWith("HTTP/1.1 200"),
                "places are given back when connections close");
    }

    /** How many of the sockets the server closed within {@code wait} (counted ones are removed from the list). */
    private static int closedWithin(List<Socket> sockets, Duration wait) throws IOException {
        long end = System.nanoTime() + wait.toNanos();
        int closed = 0;
        for (var it = sockets.iterator(); it.hasNext(); ) {
            Socket s = it.next();
            long left = Math.max(1, TimeUnit.NANOSECONDS.toMillis(end - System.nanoTime()));
            s.setSoTimeout((int) left);
            try {
                if (s.getInputStream().read() < 0) {
                    closed++;
                    it.remove();
                }
            } catch (SocketTimeoutException e) {
                // still open
            } catch (IOException e) {
                closed++;
                it.remove();
            }
        }
        return closed;
    }

    @Test
    void workOverItsDeadlineIs503WhileHealthAndReadsAnswerAndAFullWorkPoolRefusesAtOnce() throws Exception {
        Duration deadline = Duration.ofSeconds(1);
        start(LocalHost.Limits.defaults().withWork(2, 0, deadline));
        AtomicBoolean done = new AtomicBoolean();
        Future<Probes> health = probeHealth(done);
        List<CompletableFuture<HttpResponse<String>>> calls = new ArrayList<>();
        long t0 = System.nanoTime();
        for (int i = 0; i < 6; i++) {
            calls.add(http.sendAsync(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + host.port() + "/work/block"))
                    .timeout(Duration.ofSeconds(10)).POST(HttpRequest.BodyPublishers.ofString("{}")).build(), HttpResponse.BodyHandlers.ofString()));
        }
        for (int i = 0; i < 5; i++) {
            long r0 = System.nanoTime();
            assertEquals(200, get("/read", HEALTHY).statusCode());
            assertTrue(System.nanoTime() - r0 < HEALTHY.toNanos());
        }
        int atDeadline = 0;
        int refused = 0;
        for (CompletableFuture<HttpResponse<String>> c : calls) {
            HttpResponse<String> r = c.get(10, TimeUnit.SECONDS);
            assertEquals(503, r.statusCode(), r.body());
            assertEquals("application/problem+json", r.headers().firstValue("Content-Type").orElseThrow());
            assertTrue(r.headers().firstValue("Retry-After").isPresent());
            if (r.body().contains("did not finish within")) {
                atDeadline++;
            } else {
                refused++;
            }
        }
        long took = System.nanoTime() - t0;
        assertEquals(2, atDeadline, "two places on the work pool");
        assertEquals(4, refused, "the others are refused at once");
        assertTrue(took < deadline.plusSeconds(2).toNanos(), "answered at the deadline, not later");
        waitUntil(() -> api.interrupted.get() == 2 && api.blockedNow.get() == 0, "the work over its deadline was interrupted");
        assertEquals(200, postWork("/work/quick").statusCode(), "the interrupted work gave its places back");
        done.set(true);
        Probes probes = health.get(10, TimeUnit.SECONDS);
        System.out.printf("health under a saturated work pool: %d probes, slowest %d ms%n", probes.count(), probes.worst().toMillis());
        assertTrue(probes.healthy(), probes.toString());
    }

    @Test
    void workThatIgnoresItsInterruptKeepsItsPlaceSoTheWorkPoolStaysBounded() throws Exception {
        api.ignoreInterrupts = true;
        start(LocalHost.Limits.defaults().withWork(1, 0, Duration.ofMillis(500)));
        assertEquals(503, postWork("/work/block").statusCode());
        waitUntil(() -> api.interrupted.get() >= 1, "interrupted");
        HttpResponse<String> next = postWork("/work/quick");
        assertEquals(503, next.statusCode());
        assertTrue(next.body().contains("busy"), next.body());
        assertEquals(200, get("/read", HEALTHY).statusCode());
        api.release.countDown();
        waitUntil(() -> api.blockedNow.get() == 0, "the stubborn work ended");
        waitUntil(() -> {
            try {
                return postWork("/work/quick").statusCode() == 200;
            } catch (Exception e) {
                return false;
            }
        }, "its place came back when it ended");
    }

    @Test
    void whenEveryRequestThreadIsTakenHealthAnswersAndTheRestAreToldToRetry() throws Exception {
        start(LocalHost.Limits.defaults().withRequests(2, 1));
        List<CompletableFuture<HttpResponse<String>>> calls = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            calls.add(http.sendAsync(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + host.port() + "/read/block"))
                    .timeout(Duration.ofSeconds(20)).build(), HttpResponse.BodyHandlers.ofString()));
        }
        waitUntil(() -> api.blockedNow.get() == 2, "two request threads blocked");
        waitUntil(() -> calls.stream().filter(CompletableFuture::isDone).count() == 17, "17 refused at once");
        for (CompletableFuture<HttpResponse<String>> c : calls) {
            if (c.isDone()) {
                assertEquals(503, c.get().statusCode());
                assertEquals("1", c.get().headers().firstValue("Retry-After").orElseThrow());
            }
        }
        long t0 = System.nanoTime();
        assertEquals(200, get("/api/health", HEALTHY).statusCode());
        assertTrue(System.nanoTime() - t0 < HEALTHY.toNanos());
        api.release.countDown();
        int ok = 0;
        for (CompletableFuture<HttpResponse<String>> c : calls) {
            ok += c.get(10, TimeUnit.SECONDS).statusCode() == 200 ? 1 : 0;
        }
        assertEquals(3, ok, "the two running and the one queued finish");
    }

    @Test
    void aFaultIsALogged500ProblemWithTheCorrelationIdAndNoPayloadInTheLog() throws Exception {
        start(LocalHost.Limits.defaults());
        List<String> log = capture(Logger.getLogger(LocalHost.class.getName()));
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + host.port() + "/fault"))
                .header("X-Correlation-Id", "case-42.a").POST(HttpRequest.BodyPublishers.ofString("tenant-data")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(500, r.statusCode());
        assertEquals("application/problem+json", r.headers().firstValue("Content-Type").orElseThrow());
        assertEquals("case-42.a", r.headers().firstValue("X-Correlation-Id").orElseThrow());
        assertEquals("case-42.a", Json.read(r.body()).get("correlationId").asText());
        assertFalse(r.body().contains("secret") || r.body().contains("tenant-data"), r.body());
        String line = log.stream().filter(l -> l.contains("case-42.a")).findFirst().orElseThrow(() -> new AssertionError(log));
        assertTrue(line.contains("method=POST") && line.contains("java.lang.IllegalStateException"), line);
        assertFalse(log.stream().anyMatch(l -> l.contains("secret") || l.contains("tenant-data")), log.toString());

        HttpResponse<String> minted = get("/read", HEALTHY, "X-Correlation-Id", "x".repeat(100));
        assertTrue(minted.headers().firstValue("X-Correlation-Id").orElseThrow().startsWith("corr-"), "a malformed id is replaced");
    }

    @Test
    void oversizedBodiesAre413AndOversizedHeadersAreRefused() throws Exception {
        start(LocalHost.Limits.defaults());
        HttpResponse<String> big = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + host.port() + "/read"))
                .POST(HttpRequest.BodyPublishers.ofByteArray(new byte[2 * 1024 * 1024 + 1])).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(413, big.statusCode());
        assertEquals(200, http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + host.port() + "/read"))
                .POST(HttpRequest.BodyPublishers.ofByteArray(new byte[2 * 1024 * 1024])).build(), HttpResponse.BodyHandlers.ofString())
                .statusCode(), "exactly 2 MiB is accepted");

        Socket huge = connect(null);
        huge.setSoTimeout(3000);
        huge.getOutputStream().write("POST /read HTTP/1.1\r\nHost: x\r\nContent-Length: 104857600\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
        assertTrue(new String(huge.getInputStream().readNBytes(12), StandardCharsets.US_ASCII).startsWith("HTTP/1.1 413"),
                "100 MiB announced is refused before a byte of it is read");

        Socket s = connect(null);
        s.setSoTimeout(3000);
        s.getOutputStream().write(("GET /read HTTP/1.1\r\nHost: x\r\nX-Big: " + "a".repeat(20_000) + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
        String answer;
        try {
            answer = new String(s.getInputStream().readAllBytes(), StandardCharsets.US_ASCII);
        } catch (IOException reset) {
            answer = "reset";
        }
        assertFalse(answer.startsWith("HTTP/1.1 200"), "20 KB of headers is refused: " + answer);
    }

    private HttpResponse<String> postWork(String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + host.port() + path)).timeout(Duration.ofSeconds(10))
                .POST(HttpRequest.BodyPublishers.ofString("{}")).build(), HttpResponse.BodyHandlers.ofString());
    }

    /** Loggers a test listens to, held so that they are not collected (and replaced) before the code under test logs. */
    private static final List<Logger> LISTENED = new java.util.concurrent.CopyOnWriteArrayList<>();

    static List<String> capture(Logger logger) {
        LISTENED.add(logger);
        List<String> lines = new java.util.concurrent.CopyOnWriteArrayList<>();
        SimpleFormatter f = new SimpleFormatter();
        logger.addHandler(new Handler() {
            @Override
            public void publish(LogRecord record) {
                lines.add(f.formatMessage(record));
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        });
        return lines;
    }

    static void waitUntil(java.util.function.BooleanSupplier condition, String what) throws InterruptedException {
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > end) {
                throw new AssertionError("not within 10 s: " + what);
            }
            Thread.sleep(20);
        }
    }
}
