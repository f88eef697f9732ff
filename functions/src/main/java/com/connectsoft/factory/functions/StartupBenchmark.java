package com.connectsoft.factory.functions;

import java.nio.file.Files;
import java.nio.file.Path;
import org.springframework.boot.SpringApplication;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * A cold-start proxy for the function app: how long this JVM takes to start the Spring context the Functions worker
 * would start (every capability bean, the factory on its adapters), measured once per fresh JVM. bench/run.sh runs
 * it several times and reports the median. Prints {@code spring-context-start-ms=<n> jvm-uptime-ms=<n>}.
 */
public final class StartupBenchmark {
    private StartupBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        Path data = Files.createTempDirectory("factory-startup-bench");
        if (System.getProperty("FACTORY_DATA_DIR") == null) {
            System.setProperty("FACTORY_DATA_DIR", data.toString());
        }
        long start = System.nanoTime();
        SpringApplication app = new SpringApplication(FactoryFunctionsApplication.class);
        app.setLogStartupInfo(false);
        try (ConfigurableApplicationContext context = app.run()) {
            long ms = (System.nanoTime() - start) / 1_000_000;
            long uptime = java.lang.management.ManagementFactory.getRuntimeMXBean().getUptime();
            System.out.println("spring-context-start-ms=" + ms + " jvm-uptime-ms=" + uptime + " beans=" + context.getBeanDefinitionCount());
        }
    }
}
