package com.connectsoft.factory.cli;

import com.connectsoft.factory.app.Factory;
import com.connectsoft.factory.preview.application.PreviewRun;
import com.connectsoft.factory.shared.domain.TenantId;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "preview", description = "Run every module of a completed run on this machine (built and served in the build sandbox, "
        + "development mode: data in memory, a signing key of this session) and print each module's URL and a working curl; "
        + "Ctrl-C stops them all.")
final class PreviewCommand extends FactoryCommand {
    private static final Duration TOKEN_VALIDITY = Duration.ofHours(8);

    @Parameters(index = "0", description = "Run id (a completed run).")
    String runId;

    @Mixin
    TenantOption tenant;

    @Option(names = "--port", defaultValue = "0", description = "Port of the first module on 127.0.0.1; the others take the next ones "
            + "(default: free ports).")
    int port;

    @Option(names = "--token-for", paramLabel = "TENANT", description = "Also print a token for this tenant (repeatable): to see that "
            + "another tenant cannot reach the run's tenant's data.")
    List<String> otherTenants = new ArrayList<>();

    @Option(names = "--hours", defaultValue = "8", description = "Stop the modules after this many hours (default ${DEFAULT-VALUE}).")
    int hours;

    @Override
    public Integer call() {
        TenantId t = tenant.resolve(settings());
        for (String other : otherTenants) {
            try {
                TenantId.of(other);
            } catch (IllegalArgumentException e) {
                err().println("error: --token-for " + other + ": " + e.getMessage());
                return FactoryCli.BAD_INPUT;
            }
        }
        if (hours < 1 || hours > 24) {
            err().println("error: --hours " + hours + ": give 1 to 24");
            return FactoryCli.BAD_INPUT;
        }
        // not openRunning(): a preview must not pick up and resume the data directory's unfinished runs meanwhile
        try (Factory factory = open().onNotice(line -> {
            err().println("factory: " + line);
            err().flush();
        })) {
            PreviewRun.Session session;
            try {
                Duration limit = Duration.ofHours(hours);
                session = factory.preview().start(t, runId, new PreviewRun.Options(port, limit, settings().build().timeout()), line -> {
                    err().println("factory: " + line);
                    err().flush();
                });
            } catch (IllegalArgumentException e) {
                err().println("error: " + e.getMessage());
                return FactoryCli.BAD_INPUT;
            } catch (IllegalStateException e) {
                err().println("error: " + e.getMessage());
                return FactoryCli.RUN_FAILED;
            }
            CountDownLatch stopped = new CountDownLatch(1);
            Thread hook = new Thread(() -> {
                session.close();
                stopped.countDown();
            }, "preview-stop");
            Runtime.getRuntime().addShutdownHook(hook);
            print(session, t);
            try {
                while (!stopped.await(1, TimeUnit.SECONDS)) {
                    var ended = session.ended();
                    if (ended.isPresent()) {
                        err().println("error: module " + ended.get() + "; stopping the preview");
                        session.close();
                        Runtime.getRuntime().removeShutdownHook(hook);
                        return FactoryCli.RUN_FAILED;
                    }
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } finally {
                session.close();
            }
            return FactoryCli.OK;
        }
    }

    private void print(PreviewRun.Session session, TenantId t) {
        String token = session.token(t.value(), TOKEN_VALIDITY);
        out().printf("Preview of run %s for tenant %s: %d modules, data in memory; Ctrl-C stops them all.%n%n", runId, t.value(),
                session.modules().size());
        for (PreviewRun.Module m : session.modules()) {
            out().printf("  %-14s %s  (%d functions; OpenAPI at %sopenapi.json; log %s)%n", m.name(), m.baseUrl(), m.functions(), m.baseUrl(), m.log());
            out().printf("    curl -H \"Authorization: Bearer $TOKEN\" %s%n", m.exampleUrl());
        }
        out().printf("%nTOKEN=%s%n  (tenant %s, roles Data.Read and Data.Write, valid %d h; signed by this session's key only)%n", token, t.value(),
                TOKEN_VALIDITY.toHours());
        for (String other : otherTenants) {
            out().printf("%nTOKEN_%s=%s%n  (tenant %s: the same calls with it see none of %s's data)%n", other.replaceAll("[^A-Za-z0-9]", "_").toUpperCase(),
                    session.token(other, TOKEN_VALIDITY), other, t.value());
        }
        if (otherTenants.isEmpty()) {
            out().printf("%nA token for another tenant: add --token-for <tenant> (it sees none of %s's data).%n", t.value());
        }
        out().flush();
    }
}
