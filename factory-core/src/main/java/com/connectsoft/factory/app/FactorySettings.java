package com.connectsoft.factory.app;

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
 * FACTORY_BUILD_RUNNER with FACTORY_BUILD_JOBS_* for builds in Azure Container Apps jobs).
 */
public record FactorySettings(Path dataDir, Path templatesDir, BuildSettings build,
                              Optional<String> blobConnectionString, Optional<String> blobEndpoint, String blobContainer,
                              Optional<AzureState> azureState, StepPolicy steps) {

    /**
     * How generated modules are built: with {@code maven}, within {@code timeout}, offline against {@code repository}
     * (the build repository, which the factory fills by preparing each template's sample build online, with
     * {@code mavenSettings} when given: mirrors and proxies), confined by the build sandbox unless {@code sandbox} is
     * {@code off}; at most {@code concurrency} modules at once.
     */
    public record BuildSettings(String maven, Duration timeout, Path repository, Sandbox sandbox, int memoryMb, int diskMb, int uid,
                                Optional<Path> mavenSettings, int concurrency, Optional<BuildJobs> jobs) {
        /** {@code auto}: Linux namespaces, and no builds where they cannot be made; {@code off}: no confinement (trusted use). */
        public enum Sandbox { AUTO, OFF }

        /**
         * FACTORY_BUILD_RUNNER=azure-job: this process never builds generated code; each build goes to a build job (a
         * Container Apps job with no identity) as a {@code BuildJobRequested} message on the build-jobs queue of the
         * Service Bus namespace {@code serviceBusNamespace} (a fully qualified name, signed in with
         * DefaultAzureCredential, or a connection string for local development), with the module's sources as a blob
         * in {@code container} of the artifact storage account.
         */
        public record BuildJobs(String serviceBusNamespace, String container) {
        }

        /** The default build repository: beside the Maven local repository the factory was started with. */
        public static Path defaultRepository() {
            String local = System.getProperty("maven.repo.local", "");
            Path repo = local.isBlank() ? Path.of(System.getProperty("user.home"), ".m2", "repository") : Path.of(local);
            repo = repo.toAbsolutePath().normalize();
            return repo.resolveSibling(repo.getFileName() + "-factory-builds");
        }
    }

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
        BuildSettings build = buildSettings(env);
        StepPolicy steps = StepPolicy.STANDARD
                .withStepTimeout(Duration.ofSeconds(seconds(env, "FACTORY_STEP_TIMEOUT_SECONDS", StepPolicy.STANDARD.stepTimeoutSeconds())))
                .withApprovalTimeout(Duration.ofSeconds(seconds(env, "FACTORY_APPROVAL_TIMEOUT_SECONDS",
                        StepPolicy.STANDARD.approvalTimeoutSeconds())));
        return new FactorySettings(data.toAbsolutePath().normalize(), templates.toAbsolutePath().normalize(), build,
                nonBlank(env, "FACTORY_BLOB_CONNECTION_STRING"), nonBlank(env, "FACTORY_BLOB_ENDPOINT"),
                nonBlank(env, "FACTORY_BLOB_CONTAINER").orElse("artifacts"), azureState(env), steps);
    }

    private static BuildSettings buildSettings(Map<String, String> env) {
        if (env.containsKey("FACTORY_BUILD_OFFLINE")) {
            throw new IllegalArgumentException("FACTORY_BUILD_OFFLINE is no longer a setting: generated modules are always built offline, "
                    + "in the build sandbox, against the build repository the factory prepares online once per template. Remove it.");
        }
        String maven = nonBlank(env, "FACTORY_MAVEN").orElse("mvn");
        Duration timeout = Duration.ofSeconds(seconds(env, "FACTORY_BUILD_TIMEOUT_SECONDS", 600));
        Path repository = nonBlank(env, "FACTORY_BUILD_REPOSITORY").map(Path::of).orElseGet(BuildSettings::defaultRepository)
                .toAbsolutePath().normalize();
        String mode = nonBlank(env, "FACTORY_BUILD_SANDBOX").orElse("auto").trim().toLowerCase(java.util.Locale.ROOT);
        BuildSettings.Sandbox sandbox = switch (mode) {
            case "auto" -> BuildSettings.Sandbox.AUTO;
            case "off" -> BuildSettings.Sandbox.OFF;
            default -> throw new IllegalArgumentException("FACTORY_BUILD_SANDBOX is '" + mode + "': use auto (the default: builds run "
                    + "in Linux namespaces, and are refused where none can be made) or off (no confinement; only for a trusted single user)");
        };
        int memory = (int) Math.min(Integer.MAX_VALUE, whole(env, "FACTORY_BUILD_MEMORY_MB", 3072, 512));
        int disk = (int) Math.min(Integer.MAX_VALUE, whole(env, "FACTORY_BUILD_DISK_MB", 2048, 256));
        int uid = (int) Math.min(Integer.MAX_VALUE, whole(env, "FACTORY_BUILD_UID", 65534, 1));
        Optional<Path> mavenSettings = nonBlank(env, "FACTORY_BUILD_MAVEN_SETTINGS").map(Path::of).map(p -> p.toAbsolutePath().normalize());
        mavenSettings.filter(p -> !java.nio.file.Files.isRegularFile(p)).ifPresent(p -> {
            throw new IllegalArgumentException("FACTORY_BUILD_MAVEN_SETTINGS is '" + p + "', which is not a file: give a Maven settings.xml "
                    + "(mirrors, proxies) for downloading what templates build with");
        });
        int concurrency = (int) Math.min(64, whole(env, "FACTORY_BUILD_CONCURRENCY", Runtime.getRuntime().availableProcessors(), 1));
        return new BuildSettings(maven, timeout, repository, sandbox, memory, disk, uid, mavenSettings, concurrency, buildJobs(env));
    }

    private static Optional<BuildSettings.BuildJobs> buildJobs(Map<String, String> env) {
        String runner = nonBlank(env, "FACTORY_BUILD_RUNNER").orElse("local").trim().toLowerCase(java.util.Locale.ROOT);
        switch (runner) {
            case "local" -> {
                return Optional.empty();
            }
            case "azure-job" -> {
                String namespace = nonBlank(env, "FACTORY_BUILD_JOBS_NAMESPACE").orElseThrow(() -> new IllegalArgumentException(
                        "FACTORY_BUILD_RUNNER is azure-job but FACTORY_BUILD_JOBS_NAMESPACE is not set: give the Service Bus namespace "
                                + "of the build jobs' queues (<name>.servicebus.windows.net; the factory stack exports it as buildJobsNamespace)"));
                if (nonBlank(env, "FACTORY_BLOB_ENDPOINT").isEmpty() && nonBlank(env, "FACTORY_BLOB_CONNECTION_STRING").isEmpty()) {
                    throw new IllegalArgumentException("FACTORY_BUILD_RUNNER is azure-job but neither FACTORY_BLOB_ENDPOINT nor "
                            + "FACTORY_BLOB_CONNECTION_STRING is set: a build job fetches the module's sources from Blob Storage");
                }
                String container = nonBlank(env, "FACTORY_BUILD_JOBS_CONTAINER").orElse("build-jobs").trim();
                if (!container.matches("[a-z0-9](?!.*--)[a-z0-9-]{1,61}[a-z0-9]")) {
                    throw new IllegalArgumentException("FACTORY_BUILD_JOBS_CONTAINER is '" + container + "': give a Blob Storage container "
                            + "name (3-63 lowercase letters, digits and single hyphens), e.g. build-jobs");
                }
                return Optional.of(new BuildSettings.BuildJobs(namespace.trim(), container));
            }
            default -> throw new IllegalArgumentException("FACTORY_BUILD_RUNNER is '" + runner + "': use local (the default: this "
                    + "process builds generated modules in the build sandbox) or azure-job (each build runs in a Container Apps job "
                    + "with no identity; the function app in Azure)");
        }
    }

    private static long whole(Map<String, String> env, String name, long fallback, long min) {
        String v = env.getOrDefault(name, String.valueOf(fallback)).trim();
        try {
            long n = Long.parseLong(v);
            if (n < min) {
                throw new NumberFormatException();
            }
            return n;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + " is '" + v + "': give a whole number, at least " + min + ", e.g. " + fallback);
        }
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
