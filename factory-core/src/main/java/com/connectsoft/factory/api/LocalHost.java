package com.connectsoft.factory.api;

import io.undertow.UndertowOptions;
import io.undertow.connector.ByteBufferPool;
import io.undertow.io.Sender;
import io.undertow.server.DefaultByteBufferPool;
import io.undertow.server.HttpServerExchange;
import io.undertow.server.RequestTooBigException;
import io.undertow.server.protocol.http.HttpOpenListener;
import io.undertow.util.HeaderValues;
import io.undertow.util.Headers;
import io.undertow.util.HttpString;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.xnio.ChannelListener;
import org.xnio.ChannelListeners;
import org.xnio.IoUtils;
import org.xnio.OptionMap;
import org.xnio.Options;
import org.xnio.StreamConnection;
import org.xnio.Xnio;
import org.xnio.XnioExecutor;
import org.xnio.XnioWorker;
import org.xnio.channels.AcceptingChannel;

/**
 * Serves an {@link HttpApi} over HTTP/1.1 on one machine (`./factory serve`, default localhost:7071) with Undertow,
 * and holds under abuse:
 * <ul>
 *   <li>connections are read by a few non-blocking I/O threads; a request's headers must arrive within the header
 *       deadline from its first byte (Undertow's request parse timeout, not extended by further bytes, so a client
 *       sending a byte every few seconds is cut off), its body within the body deadline, and an idle connection is
 *       closed;</li>
 *   <li>connections are limited in total and per client address; headers are limited in size; a body over the limit
 *       is 413 before it is read;</li>
 *   <li>requests run on a bounded request pool; those the API names as work (parsing, planning: their cost depends on
 *       tenant input) also take a place on a small work pool and answer 503 with Retry-After at the work deadline,
 *       the work being interrupted and its place kept until it really ends; a full pool answers 503 at once;</li>
 *   <li>{@code GET /api/health} is answered by the I/O thread itself, so it answers while every pool is full;</li>
 *   <li>every answer carries the request's correlation id; a fault is a logged 500 problem.</li>
 * </ul>
 */
public final class LocalHost implements AutoCloseable {
    private static final Logger LOG = Logger.getLogger(LocalHost.class.getName());
    private static final Logger XNIO = Logger.getLogger("org.xnio");

    static {
        if (XNIO.getLevel() == null) {
            XNIO.setLevel(Level.WARNING); // its version banner is not news
        }
    }
    private static final String HEALTH = "/api/health";
    private static final HttpString CORRELATION = new HttpString(Correlation.HEADER);
    /** How much of a body over the limit is read and dropped so that the client sees the 413 (as Tomcat's maxSwallowSize). */
    private static final long SWALLOW_BYTES = 2L * 1024 * 1024;

    /** The host's limits; {@link #defaults()} are what `./factory serve` uses (README, "Limits of the local host"). */
    public record Limits(Duration headerDeadline, Duration bodyDeadline, Duration idleTimeout, Duration keepAliveTimeout,
                         int maxConnections, int maxConnectionsPerClient, int maxHeaderBytes, long maxBodyBytes,
                         int requestThreads, int requestQueue, int workThreads, int workQueue, Duration workDeadline, int ioThreads) {
        public Limits {
            for (Duration d : List.of(headerDeadline, bodyDeadline, idleTimeout, keepAliveTimeout, workDeadline)) {
                if (d.isNegative() || d.isZero()) {
                    throw new IllegalArgumentException("every deadline and timeout of the local host must be positive");
                }
            }
            if (maxConnections < 1 || maxConnectionsPerClient < 1 || maxHeaderBytes < 1024 || maxBodyBytes < 1 || requestThreads < 1
                    || requestQueue < 0 || workThreads < 1 || workQueue < 0 || ioThreads < 1) {
                throw new IllegalArgumentException("the local host's connection, size and pool limits must be positive");
            }
        }

        public static Limits defaults() {
            return new Limits(Duration.ofSeconds(10), Duration.ofSeconds(30), Duration.ofSeconds(60), Duration.ofSeconds(30),
                    1000, 200, 16 * 1024, 2L * 1024 * 1024, 16, 64, 4, 4, Duration.ofSeconds(30), 2);
        }

        public Limits withHeaderDeadline(Duration d) {
            return new Limits(d, bodyDeadline, idleTimeout, keepAliveTimeout, maxConnections, maxConnectionsPerClient, maxHeaderBytes,
                    maxBodyBytes, requestThreads, requestQueue, workThreads, workQueue, workDeadline, ioThreads);
        }

        public Limits withBodyDeadline(Duration d) {
            return new Limits(headerDeadline, d, idleTimeout, keepAliveTimeout, maxConnections, maxConnectionsPerClient, maxHeaderBytes,
                    maxBodyBytes, requestThreads, requestQueue, workThreads, workQueue, workDeadline, ioThreads);
        }

        public Limits withKeepAliveTimeout(Duration d) {
            return new Limits(headerDeadline, bodyDeadline, idleTimeout, d, maxConnections, maxConnectionsPerClient, maxHeaderBytes,
                    maxBodyBytes, requestThreads, requestQueue, workThreads, workQueue, workDeadline, ioThreads);
        }

        public Limits withConnections(int total, int perClient) {
            return new Limits(headerDeadline, bodyDeadline, idleTimeout, keepAliveTimeout, total, perClient, maxHeaderBytes,
                    maxBodyBytes, requestThreads, requestQueue, workThreads, workQueue, workDeadline, ioThreads);
        }

        public Limits withRequests(int threads, int queue) {
            return new Limits(headerDeadline, bodyDeadline, idleTimeout, keepAliveTimeout, maxConnections, maxConnectionsPerClient,
                    maxHeaderBytes, maxBodyBytes, threads, queue, workThreads, workQueue, workDeadline, ioThreads);
        }

        public Limits withWork(int threads, int queue, Duration deadline) {
            return new Limits(headerDeadline, bodyDeadline, idleTimeout, keepAliveTimeout, maxConnections, maxConnectionsPerClient,
                    maxHeaderBytes, maxBodyBytes, requestThreads, requestQueue, threads, queue, deadline, ioThreads);
        }
    }

    /** A bounded pool: a place is taken before a task is queued and given back when the task has really ended. */
    private static final class Lane {
        final ThreadPoolExecutor executor;
        final Semaphore places;

        Lane(String name, int threads, int queue) {
            AtomicInteger n = new AtomicInteger();
            this.executor = new ThreadPoolExecutor(threads, threads, 0, TimeUnit.MILLISECONDS, new LinkedBlockingQueue<>(), r -> {
                Thread t = new Thread(r, name + "-" + n.incrementAndGet());
                t.setDaemon(true);
                return t;
            });
            this.places = new Semaphore(threads + queue);
        }
    }

    /** Work that gives its place back once: when it ends, or when it is cancelled before it started. */
    private static final class WorkTask extends FutureTask<FactoryApi.Response> {
        private final AtomicBoolean started = new AtomicBoolean();
        private final Semaphore places;

        WorkTask(java.util.concurrent.Callable<FactoryApi.Response> work, Semaphore places) {
            super(work);
            this.places = places;
        }

        @Override
        public void run() {
            if (!started.compareAndSet(false, true)) {
                return;
            }
            try {
                super.run();
            } finally {
                places.release();
            }
        }

        @Override
        protected void done() {
            if (isCancelled() && started.compareAndSet(false, true)) {
                places.release();
            }
        }
    }

    private final HttpApi api;
    private final Limits limits;
    private final XnioWorker worker;
    private final AcceptingChannel<StreamConnection> server;
    private final Lane requests;
    private final Lane work;
    private final Map<InetAddress, Integer> perClient = new ConcurrentHashMap<>();
    private final AtomicInteger connections = new AtomicInteger();
    private final AtomicLong lastRefusalLogged = new AtomicLong();

    public LocalHost(HttpApi api, String host, int port) throws IOException {
        this(api, host, port, Limits.defaults());
    }

    public LocalHost(HttpApi api, String host, int port, Limits limits) throws IOException {
        this.api = api;
        this.limits = limits;
        this.requests = new Lane("factory-http-request", limits.requestThreads(), limits.requestQueue());
        this.work = new Lane("factory-http-work", limits.workThreads(), limits.workQueue());
        Xnio xnio = Xnio.getInstance(LocalHost.class.getClassLoader());
        this.worker = xnio.createWorker(OptionMap.builder()
                .set(Options.WORKER_NAME, "factory-http")
                .set(Options.WORKER_IO_THREADS, limits.ioThreads())
                .set(Options.WORKER_TASK_CORE_THREADS, 1)
                .set(Options.WORKER_TASK_MAX_THREADS, 2)
                .set(Options.TCP_NODELAY, true)
                .getMap());
        OptionMap serverOptions = OptionMap.builder()
                .set(UndertowOptions.REQUEST_PARSE_TIMEOUT, millis(limits.headerDeadline()))
                .set(UndertowOptions.NO_REQUEST_TIMEOUT, millis(limits.keepAliveTimeout()))
                .set(UndertowOptions.IDLE_TIMEOUT, millis(limits.idleTimeout()))
                .set(UndertowOptions.MAX_HEADER_SIZE, limits.maxHeaderBytes())
                .set(UndertowOptions.MAX_HEADERS, 100)
                .set(UndertowOptions.MAX_PARAMETERS, 100)
                .set(UndertowOptions.MAX_ENTITY_SIZE, limits.maxBodyBytes())
                .set(UndertowOptions.BUFFER_PIPELINED_DATA, true)
                .getMap();
        ByteBufferPool buffers = new DefaultByteBufferPool(false, 16 * 1024);
        HttpOpenListener open = new HttpOpenListener(buffers, serverOptions);
        open.setRootHandler(this::handle);
        ChannelListener<AcceptingChannel<StreamConnection>> accept = ChannelListeners.openListenerAdapter(connection -> admit(open, connection));
        try {
            this.server = worker.createStreamConnectionServer(new InetSocketAddress(host, port), accept, OptionMap.builder()
                    .set(Options.TCP_NODELAY, true)
                    .set(Options.REUSE_ADDRESSES, true)
                    .set(Options.BACKLOG, 128)
                    .getMap());
        } catch (IOException | RuntimeException e) {
            worker.shutdownNow();
            requests.executor.shutdownNow();
            work.executor.shutdownNow();
            throw e;
        }
        server.resumeAccepts();
    }

    public int port() {
        return server.getLocalAddress(InetSocketAddress.class).getPort();
    }

    public Limits limits() {
        return limits;
    }

    /** Takes a connection when the total and the client's own limit allow it, else closes it at once. */
    private void admit(HttpOpenListener open, StreamConnection connection) {
        InetSocketAddress peer = connection.getPeerAddress(InetSocketAddress.class);
        InetAddress address = peer == null ? InetAddress.getLoopbackAddress() : peer.getAddress();
        boolean overTotal = connections.incrementAndGet() > limits.maxConnections();
        int mine = perClient.merge(address, 1, Integer::sum);
        AtomicBoolean released = new AtomicBoolean();
        Runnable release = () -> {
            if (released.compareAndSet(false, true)) {
                connections.decrementAndGet();
                perClient.computeIfPresent(address, (k, n) -> n <= 1 ? null : n - 1);
            }
        };
        if (overTotal || mine > limits.maxConnectionsPerClient()) {
            release.run();
            IoUtils.safeClose(connection);
            long now = System.nanoTime();
            long last = lastRefusalLogged.get();
            if (now - last > TimeUnit.SECONDS.toNanos(10) && lastRefusalLogged.compareAndSet(last, now)) {
                LOG.log(Level.WARNING, "connection-refused client={0} reason={1} (logged at most every 10 s)",
                        new Object[] {address.getHostAddress(), overTotal ? "total-limit" : "client-limit"});
            }
            return;
        }
        open.handleEvent(connection);
        ChannelListener<? super StreamConnection> undertows = connection.getCloseListener();
        connection.setCloseListener(c -> {
            release.run();
            if (undertows != null) {
                ChannelListeners.invokeChannelListener(c, undertows);
            }
        });
        if (!connection.isOpen()) {
            release.run();
        }
    }

    /** On an I/O thread: health at once; otherwise read the body (without blocking) under its deadline, then dispatch. */
    private void handle(HttpServerExchange ex) {
        String correlationId = Correlation.of(Optional.ofNullable(ex.getRequestHeaders().getFirst(CORRELATION)));
        ex.getResponseHeaders().put(CORRELATION, correlationId);
        if (HEALTH.equals(ex.getRequestPath()) && ex.getRequestMethod().toString().equals("GET")) {
            send(ex, FactoryApi.Response.json(200, Map.of("status", "UP")));
            return;
        }
        long declared = ex.getRequestContentLength();
        if (declared > limits.maxBodyBytes()) {
            refuseTooLarge(ex, declared);
            return;
        }
        ex.setMaxEntitySize(limits.maxBodyBytes());
        AtomicBoolean settled = new AtomicBoolean();
        XnioExecutor.Key deadline = ex.isRequestComplete() ? XnioExecutor.Key.IMMEDIATE : ex.getIoThread().executeAfter(() -> {
            if (settled.compareAndSet(false, true)) {
                closeAfter(ex, FactoryApi.problem(408, "the request body did not arrive within " + limits.bodyDeadline().toSeconds()
                        + " s", List.of(), Map.of()));
            }
        }, millis(limits.bodyDeadline()), TimeUnit.MILLISECONDS);
        ex.getRequestReceiver().setMaxBufferSize((int) Math.min(Integer.MAX_VALUE, limits.maxBodyBytes()));
        ex.getRequestReceiver().receiveFullBytes((e, body) -> {
            if (settled.compareAndSet(false, true)) {
                deadline.remove();
                dispatch(e, body, correlationId);
            }
        }, (e, error) -> {
            if (settled.compareAndSet(false, true)) {
                deadline.remove();
                if (error instanceof RequestTooBigException) {
                    tooLarge(e);
                } else {
                    IoUtils.safeClose(e.getConnection());
                }
            }
        });
    }

    private void dispatch(HttpServerExchange ex, byte[] body, String correlationId) {
        String method = ex.getRequestMethod().toString();
        String path = ex.getRequestPath();
        Map<String, String> query;
        try {
            query = query(ex.getQueryString());
        } catch (IllegalArgumentException e) {
            send(ex, FactoryApi.problem(400, "the query string is not valid URL encoding", List.of(), Map.of()));
            return;
        }
        Map<String, String> headers = new HashMap<>();
        for (HeaderValues values : ex.getRequestHeaders()) {
            headers.put(values.getHeaderName().toString(), String.join(",", values));
        }
        headers.put(Correlation.HEADER, correlationId);
        InetSocketAddress source = ex.getSourceAddress();
        FactoryApi.Request request = new FactoryApi.Request(method, path, headers, query, body,
                source == null || source.getAddress() == null ? FactoryApi.Request.UNKNOWN_CLIENT : source.getAddress().getHostAddress());
        boolean isWork = api.isWork(method, path);
        if (isWork && !work.places.tryAcquire()) {
            busy(ex, "the factory is busy parsing and planning other requests");
            return;
        }
        if (!requests.places.tryAcquire()) {
            if (isWork) {
                work.places.release();
            }
            busy(ex, "the factory is busy with other requests");
            return;
        }
        ex.dispatch(requests.executor, () -> {
            FactoryApi.Response response;
            try {
                response = isWork ? underDeadline(request, correlationId) : api.handle(request);
            } catch (Throwable t) {
                LOG.log(Level.SEVERE, "host-fault correlationId={0} method={1} exception={2}",
                        new Object[] {correlationId, method, t.getClass().getName()});
                response = FactoryApi.problem(500, "the factory failed to answer this request; it was logged with correlation id "
                        + correlationId, List.of(), Map.of("correlationId", correlationId));
            } finally {
                requests.places.release();
            }
            // the answer is written by the connection's I/O thread: finishing an exchange from a pool thread makes the
            // I/O thread spin on the connection's state while that thread waits for a core
            FactoryApi.Response answer = response;
            ex.dispatch(ex.getIoThread(), () -> send(ex, answer));
        });
    }

    /** Runs tenant-input work on the work pool and waits at most the work deadline; past it, 503 and the work is interrupted. */
    private FactoryApi.Response underDeadline(FactoryApi.Request request, String correlationId) throws Exception {
        WorkTask task = new WorkTask(() -> api.handle(request), work.places);
        work.executor.execute(task);
        try {
            return task.get(millis(limits.workDeadline()), TimeUnit.MILLISECONDS);
        } catch (TimeoutException | InterruptedException e) {
            task.cancel(true);
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            LOG.log(Level.WARNING, "work-deadline correlationId={0} method={1} deadline={2}s (the work was interrupted)",
                    new Object[] {correlationId, request.method(), limits.workDeadline().toSeconds()});
            long retry = Math.max(1, limits.workDeadline().toSeconds());
            return FactoryApi.problem(503, "the request did not finish within " + limits.workDeadline().toSeconds()
                    + " s and was interrupted; what it had committed stays (see GET /api/v1/runs or /api/v1/blueprints/{id}); "
                    + "retry later", List.of(), Map.of())
                    .withHeader("Retry-After", String.valueOf(retry));
        } catch (ExecutionException e) {
            throw e.getCause() instanceof Exception cause ? cause : new IllegalStateException(e.getCause());
        }
    }

    /**
     * 413 for a declared body over the limit. A client sends its body before it reads the answer, so a body that is
     * not much over the limit is read and dropped first (without a thread, under the body deadline): closing with
     * unread bytes would reset the connection and lose the answer. A body far over the limit is answered at once.
     */
    private void refuseTooLarge(HttpServerExchange ex, long declared) {
        if (declared > limits.maxBodyBytes() + SWALLOW_BYTES) {
            tooLarge(ex);
            return;
        }
        ex.setMaxEntitySize(declared);
        AtomicBoolean settled = new AtomicBoolean();
        XnioExecutor.Key deadline = ex.getIoThread().executeAfter(() -> {
            if (settled.compareAndSet(false, true)) {
                IoUtils.safeClose(ex.getConnection());
            }
        }, millis(limits.bodyDeadline()), TimeUnit.MILLISECONDS);
        ex.getRequestReceiver().receivePartialBytes((e, chunk, last) -> {
            if (last && settled.compareAndSet(false, true)) {
                deadline.remove();
                tooLarge(e);
            }
        }, (e, error) -> {
            if (settled.compareAndSet(false, true)) {
                deadline.remove();
                IoUtils.safeClose(e.getConnection());
            }
        });
    }

    private static void busy(HttpServerExchange ex, String why) {
        send(ex, FactoryApi.problem(503, why + "; retry shortly", List.of(), Map.of()).withHeader("Retry-After", "1"));
    }

    private void tooLarge(HttpServerExchange ex) {
        closeAfter(ex, FactoryApi.problem(413, "the body is larger than " + limits.maxBodyBytes() / (1024 * 1024) + " MiB",
                List.of(), Map.of()));
    }

    private static void send(HttpServerExchange ex, FactoryApi.Response response) {
        write(ex, response).send(ByteBuffer.wrap(response.body()));
    }

    /** Answers, then closes the connection: what is left of the request is never read. */
    private static void closeAfter(HttpServerExchange ex, FactoryApi.Response response) {
        ex.setPersistent(false);
        write(ex, response).send(ByteBuffer.wrap(response.body()));
    }

    private static Sender write(HttpServerExchange ex, FactoryApi.Response response) {
        ex.setStatusCode(response.status());
        response.headers().forEach((k, v) -> ex.getResponseHeaders().put(new HttpString(k), v));
        ex.getResponseHeaders().put(Headers.CONTENT_LENGTH, response.body().length);
        return ex.getResponseSender();
    }

    private static Map<String, String> query(String raw) {
        Map<String, String> q = new HashMap<>();
        if (raw == null || raw.isEmpty()) {
            return q;
        }
        for (String pair : raw.split("&")) {
            List<String> kv = List.of(pair.split("=", 2));
            q.put(URLDecoder.decode(kv.get(0), StandardCharsets.UTF_8), kv.size() > 1 ? URLDecoder.decode(kv.get(1), StandardCharsets.UTF_8) : "");
        }
        return q;
    }

    private static int millis(Duration d) {
        return (int) Math.min(Integer.MAX_VALUE, d.toMillis());
    }

    @Override
    public void close() {
        IoUtils.safeClose(server);
        worker.shutdownNow();
        requests.executor.shutdownNow();
        work.executor.shutdownNow();
    }
}
