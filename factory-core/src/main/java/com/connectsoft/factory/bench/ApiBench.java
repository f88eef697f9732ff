package com.connectsoft.factory.bench;

import com.connectsoft.factory.api.FactoryApi;
import com.connectsoft.factory.api.LocalHost;
import com.connectsoft.factory.app.Factory;
import com.connectsoft.factory.run.application.StartRun;
import com.connectsoft.factory.run.application.RunProgress;
import com.connectsoft.factory.shared.domain.TenantId;
import java.io.PrintWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Latency of the local host's run-status endpoint under concurrent clients, on loopback, in a throw-away data
 * directory: one run is opened, then {@code clients} threads each send {@code requests} GETs (after a warm-up).
 */
@Command(name = "api", description = "Measure GET /api/v1/runs/{id} latency on the local host (p50/p99) under concurrent clients.")
final class ApiBench implements Callable<Integer> {
    @CommandLine.ParentCommand
    BenchCli parent;

    @Option(names = "--clients", defaultValue = "50", description = "Concurrent clients (default ${DEFAULT-VALUE}).")
    int clients;

    @Option(names = "--requests", defaultValue = "200", description = "Requests per client (default ${DEFAULT-VALUE}).")
    int requests;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = parent.spec.commandLine().getOut();
        Path data = Files.createTempDirectory("factory-api-bench");
        ExecutorService load = Executors.newFixedThreadPool(clients);
        try (Factory app = Factory.open(parent.settings().withDataDir(data)).dispatchLocally();
             LocalHost host = new LocalHost(new FactoryApi(app, Optional.empty()), "127.0.0.1", 0)) {
            TenantId tenant = TenantId.of("bench");
            app.tenancy().administration().register(tenant, "bench", "developer");
            String key = app.tenancy().administration().issueKey(tenant, java.time.Duration.ofHours(1)).key();
            Path example = Path.of(System.getProperty("factory.home", ".")).resolve("examples/invoicing.blueprint.yaml");
            var start = app.runs().start().start(new StartRun.Request(tenant, example.getFileName().toString(), Files.readAllBytes(example),
                    Optional.of(data.resolve("out")), StartRun.DEFAULT_TEMPLATE), RunProgress.SILENT);
            String runId = ((StartRun.Start.Started) start).opened().runId();
            HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
            HttpRequest get = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + host.port() + "/api/v1/runs/" + runId))
                    .header("X-Api-Key", key).timeout(Duration.ofSeconds(30)).build();
            AtomicInteger errors = new AtomicInteger();
            phase(load, http, get, Math.max(10, requests / 5), errors); // warm-up
            errors.set(0);
            long t0 = System.nanoTime();
            long[] latencies = phase(load, http, get, requests, errors);
            double seconds = (System.nanoTime() - t0) / 1e9;
            Arrays.sort(latencies);
            out.printf("| clients | requests | p50 ms | p99 ms | max ms | requests/s | errors |%n|---:|---:|---:|---:|---:|---:|---:|%n");
            out.printf("| %d | %d | %.2f | %.2f | %.2f | %.0f | %d |%n", clients, latencies.length, pct(latencies, 50), pct(latencies, 99),
                    latencies[latencies.length - 1] / 1e6, latencies.length / seconds, errors.get());
            return errors.get() == 0 ? BenchCli.OK : BenchCli.RUN_FAILED;
        } finally {
            load.shutdownNow();
        }
    }

    private long[] phase(ExecutorService load, HttpClient http, HttpRequest get, int perClient, AtomicInteger errors) throws Exception {
        long[] latencies = new long[clients * perClient];
        Future<?>[] futures = new Future<?>[clients];
        for (int c = 0; c < clients; c++) {
            final int base = c * perClient;
            futures[c] = load.submit(() -> {
                for (int i = 0; i < perClient; i++) {
                    long s = System.nanoTime();
                    try {
                        if (http.send(get, HttpResponse.BodyHandlers.ofByteArray()).statusCode() != 200) {
                            errors.incrementAndGet();
                        }
                    } catch (Exception e) {
                        errors.incrementAndGet();
                    }
                    latencies[base + i] = System.nanoTime() - s;
                }
                return null;
            });
        }
        for (Future<?> f : futures) {
            f.get();
        }
        return latencies;
    }

    private static double pct(long[] sorted, int p) {
        return sorted[Math.min(sorted.length - 1, (int) Math.ceil(p / 100.0 * sorted.length) - 1)] / 1e6;
    }
}
