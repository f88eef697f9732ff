package com.connectsoft.factory.app;

import com.connectsoft.factory.build.domain.BuildSettings;
import java.nio.file.Path;
import com.connectsoft.factory.orchestration.StepPolicy;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/**
 * Where the factory keeps its data and finds its templates, and how it builds. Read from the environment
 * (FACTORY_DATA_DIR, FACTORY_TEMPLATES, the FACTORY_BUILD_* and FACTORY_MAVEN settings of {@link BuildSettings}, and
 * FACTORY_BLOB_CONNECTION_STRING or FACTORY_BLOB_ENDPOINT with FACTORY_BLOB_CONTAINER for artifact bytes in Blob Storage,
 * FACTORY_COSMOS_* with FACTORY_SERVICEBUS_NAMESPACE for state in Cosmos DB and events through Service Bus,
 * FACTORY_STEP_TIMEOUT_SECONDS and FACTORY_APPROVAL_TIMEOUT_SECONDS for how long a run waits for a step and an approval,
 * FACTORY_APPROVAL_ESCALATE_AFTER_SECONDS (0: never) and FACTORY_APPROVAL_ESCALATION_GROUP for when and to whom an
 * unanswered approval escalates,
 * FACTORY_BUILD_RUNNER with FACTORY_BUILD_JOBS_* for builds in Azure Container Apps jobs).
 */
public record FactorySettings(Path dataDir, Path templatesDir, BuildSettings build,
                              Optional<String> blobConnectionString, Optional<String> blobEndpoint, String blobContainer,
                              Optional<AzureState> azureState, StepPolicy steps) {

    /**
     * State in Cosmos DB and events through Service Bus. They go together: transactions put their events in the
     * tenant's Cosmos DB outbox, which is forwarded to Service Bus; a Service Bus namespace is a fully qualified name
     * (signed in with DefaultAzureCredential) or a connection string; without {@code cosmosKey} Cosmos DB is reached
     * with DefaultAzureCredential too.
     */
    public record AzureState(String cosmosEndpoint, Optional<String> cosmosKey, String cosmosDatabase, String cosmosContainer,
                             String serviceBusNamespace) {
    }

    /** The same settings with another step policy (step timeout, approval deadline). */
    public FactorySettings withSteps(StepPolicy policy) {
        return new FactorySettings(dataDir, templatesDir, build, blobConnectionString, blobEndpoint, blobContainer, azureState, policy);
    }

    /** The same settings with other build settings. */
    public FactorySettings withBuild(BuildSettings b) {
        return new FactorySettings(dataDir, templatesDir, b, blobConnectionString, blobEndpoint, blobContainer, azureState, steps);
    }

    /** Whether artifact bytes go to Azure Blob Storage rather than the data directory. */
    public boolean usesBlobStorage() {
        return blobConnectionString.isPresent() || blobEndpoint.isPresent();
    }

    public static FactorySettings from(Map<String, String> env, Path workingDir, Path factoryHome) {
        Path data = Optional.ofNullable(env.get("FACTORY_DATA_DIR")).filter(s -> !s.isBlank()).map(Path::of)
                .orElse(workingDir.resolve(".factory-data"));
        Path templates = Optional.ofNullable(env.get("FACTORY_TEMPLATES")).filter(s -> !s.isBlank()).map(Path::of)
                .orElse(factoryHome.resolve("templates"));
        BuildSettings build = BuildSettings.from(env);
        StepPolicy steps = StepPolicy.STANDARD
                .withStepTimeout(Duration.ofSeconds(seconds(env, "FACTORY_STEP_TIMEOUT_SECONDS", StepPolicy.STANDARD.stepTimeoutSeconds())))
                .withApprovalTimeout(Duration.ofSeconds(seconds(env, "FACTORY_APPROVAL_TIMEOUT_SECONDS",
                        StepPolicy.STANDARD.approvalTimeoutSeconds())));
        if (env.containsKey("FACTORY_APPROVAL_ESCALATE_AFTER_SECONDS") || env.containsKey("FACTORY_APPROVAL_ESCALATION_GROUP")) {
            try {
                boolean never = "0".equals(env.getOrDefault("FACTORY_APPROVAL_ESCALATE_AFTER_SECONDS", "").trim());
                steps = steps.withEscalation(Duration.ofSeconds(never ? 0
                                : seconds(env, "FACTORY_APPROVAL_ESCALATE_AFTER_SECONDS", Math.max(1, steps.escalateAfterSeconds()))),
                        env.getOrDefault("FACTORY_APPROVAL_ESCALATION_GROUP", steps.escalationGroup()));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("FACTORY_APPROVAL_ESCALATE_AFTER_SECONDS: " + e.getMessage()
                        + " (set it below FACTORY_APPROVAL_TIMEOUT_SECONDS, or 0 for no escalation)");
            }
        }
        return new FactorySettings(data.toAbsolutePath().normalize(), templates.toAbsolutePath().normalize(), build,
                nonBlank(env, "FACTORY_BLOB_CONNECTION_STRING"), nonBlank(env, "FACTORY_BLOB_ENDPOINT"),
                nonBlank(env, "FACTORY_BLOB_CONTAINER").orElse("artifacts"), azureState(env), steps);
    }

    private static long seconds(Map<String, String> env, String name, long fallback) {
        String v = env.getOrDefault(name, String.valueOf(fallback)).trim();
        try {
            long n = Long.parseLong(v);
            if (n < 1) {
                throw new NumberFormatException();
            }
            return n;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + " is '" + v + "': give a whole number of seconds, at least 1, e.g. " + fallback);
        }
    }

    private static Optional<AzureState> azureState(Map<String, String> env) {
        Optional<String> cosmos = nonBlank(env, "FACTORY_COSMOS_ENDPOINT");
        Optional<String> serviceBus = nonBlank(env, "FACTORY_SERVICEBUS_NAMESPACE");
        if (cosmos.isEmpty() && serviceBus.isEmpty()) {
            return Optional.empty();
        }
        if (cosmos.isEmpty() || serviceBus.isEmpty()) {
            String set = cosmos.isPresent() ? "FACTORY_COSMOS_ENDPOINT" : "FACTORY_SERVICEBUS_NAMESPACE";
            String missing = cosmos.isPresent() ? "FACTORY_SERVICEBUS_NAMESPACE" : "FACTORY_COSMOS_ENDPOINT";
            throw new IllegalArgumentException(set + " is set but " + missing + " is not: state in Cosmos DB and events through "
                    + "Service Bus go together (a transaction's events leave through its Cosmos DB outbox). Set both, or neither "
                    + "for the embedded store and bus.");
        }
        if (!cosmos.get().matches("https?://.+")) {
            throw new IllegalArgumentException("FACTORY_COSMOS_ENDPOINT is '" + cosmos.get()
                    + "': give the account's https endpoint, e.g. https://<account>.documents.azure.com:443/");
        }
        return Optional.of(new AzureState(cosmos.get(), nonBlank(env, "FACTORY_COSMOS_KEY"),
                nonBlank(env, "FACTORY_COSMOS_DATABASE").orElse("factory"), nonBlank(env, "FACTORY_COSMOS_CONTAINER").orElse("factory"),
                serviceBus.get()));
    }

    private static Optional<String> nonBlank(Map<String, String> env, String name) {
        return Optional.ofNullable(env.get(name)).filter(v -> !v.isBlank());
    }

    /**
     * The settings of a command-line process: this environment and the factory home's local.settings.json, relative
     * to the working directory, with the command's {@code --data-dir} and {@code --templates} over them when given.
     */
    public static FactorySettings forCommandLine(Path dataDir, Path templatesDir) {
        Path home = Path.of(System.getProperty("factory.home", "."));
        FactorySettings s = from(withLocalSettings(System.getenv(), home), Path.of("").toAbsolutePath(), home);
        s = dataDir != null ? s.withDataDir(dataDir) : s;
        return templatesDir != null ? s.withTemplatesDir(templatesDir) : s;
    }

    /**
     * The environment over the {@code Values} of {@code <factory home>/local.settings.json}, when that file exists
     * (the same file format as an Azure Functions app; see local.settings.sample.json).
     */
    public static Map<String, String> withLocalSettings(Map<String, String> env, Path factoryHome) {
        Path file = factoryHome.resolve("local.settings.json");
        if (!java.nio.file.Files.isRegularFile(file)) {
            return env;
        }
        Map<String, String> merged = new java.util.HashMap<>();
        try {
            com.connectsoft.factory.platform.json.Json.read(java.nio.file.Files.readString(file)).path("Values").fields()
                    .forEachRemaining(e -> merged.put(e.getKey(), e.getValue().asText()));
        } catch (java.io.IOException | RuntimeException e) {
            throw new IllegalArgumentException(file + " is not valid JSON: " + e.getMessage()
                    + " (copy local.settings.sample.json and edit its Values)");
        }
        merged.putAll(env);
        return merged;
    }

    public FactorySettings withDataDir(Path dir) {
        return new FactorySettings(dir.toAbsolutePath().normalize(), templatesDir, build, blobConnectionString, blobEndpoint,
                blobContainer, azureState, steps);
    }

    public FactorySettings withTemplatesDir(Path dir) {
        return new FactorySettings(dataDir, dir.toAbsolutePath().normalize(), build, blobConnectionString, blobEndpoint,
                blobContainer, azureState, steps);
    }
}
