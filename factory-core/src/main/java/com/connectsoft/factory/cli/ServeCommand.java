package com.connectsoft.factory.cli;

import com.connectsoft.factory.api.FactoryApi;
import com.connectsoft.factory.api.LocalHost;
import com.connectsoft.factory.api.WebApp;
import com.connectsoft.factory.app.Factory;
import com.connectsoft.factory.app.FactorySettings;
import com.connectsoft.factory.platform.secrets.SecretsSelection;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "serve", description = "Serve the HTTP API (/api/v1) on this machine until stopped.")
final class ServeCommand extends FactoryCommand {
    @Option(names = "--port", defaultValue = "7071", description = "Port (default ${DEFAULT-VALUE}).")
    int port;

    @Option(names = "--host", defaultValue = "127.0.0.1", description = "Address to listen on (default ${DEFAULT-VALUE}).")
    String host;

    @Option(names = "--web-dir", description = "The built marketplace web app served at / (default: marketplace-web/dist of the factory).")
    Path webDir;

    @Override
    public Integer call() throws Exception {
        int unfinished;
        Path home = Path.of(System.getProperty("factory.home", "."));
        WebApp web;
        try (Factory factory = openRunning();
             LocalHost server = new LocalHost(web = new WebApp(new FactoryApi(factory, SecretsSelection.adminKey(
                     FactorySettings.withLocalSettings(System.getenv(), home))),
                     webDir != null ? webDir : home.resolve("marketplace-web").resolve("dist")), host, port)) {
            out().printf("factory API on http://%s:%d/api/v1 (OpenAPI: /api/openapi.json); store and bus: %s. Ctrl-C stops.%n",
                    host, server.port(), factory.platformDescription());
            out().printf(web.built() ? "marketplace and studio on http://%s:%d/%n"
                    : "the web app is not built (%3$s has no index.html): ./factory serve builds it when npm is on the PATH%n",
                    host, server.port(), web.root());
            if (factory.tracing().enabled()) {
                out().printf("traces: %s%n", factory.tracing().description());
            }
            unfinished = factory.runs().queries().unfinished().size();
            if (unfinished > 0) {
                out().printf("continuing %d unfinished run(s)%n", unfinished);
            }
            CountDownLatch stop = new CountDownLatch(1);
            Runtime.getRuntime().addShutdownHook(new Thread(stop::countDown));
            stop.await();
            return FactoryCli.OK;
        }
    }
}
