package com.connectsoft.factory.build.domain;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

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

    /** The FACTORY_BUILD_* and FACTORY_MAVEN settings of the environment, each checked with a clear error. */
    public static BuildSettings from(Map<String, String> env) {
        if (env.containsKey("FACTORY_BUILD_OFFLINE")) {
            throw new IllegalArgumentException("FACTORY_BUILD_OFFLINE is no longer a setting: generated modules are always built offline, "
                    + "in the build sandbox, against the build repository the factory prepares online once per template. Remove it.");
        }
        String maven = nonBlank(env, "FACTORY_MAVEN").orElse("mvn");
        Duration timeout = Duration.ofSeconds(seconds(env, "FACTORY_BUILD_TIMEOUT_SECONDS", 600));
        Path repository = nonBlank(env, "FACTORY_BUILD_REPOSITORY").map(Path::of).orElseGet(BuildSettings::defaultRepository)
                .toAbsolutePath().normalize();
        String mode = nonBlank(env, "FACTORY_BUILD_SANDBOX").orElse("auto").trim().toLowerCase(java.util.Locale.ROOT);
        Sandbox sandbox = switch (mode) {
            case "auto" -> Sandbox.AUTO;
            case "off" -> Sandbox.OFF;
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
        int concurrency = (int) Math.min(64, whole(env, "FACTORY_BUILD_CONCURRENCY",
                defaultConcurrency(Runtime.getRuntime().availableProcessors(), totalMemoryBytes(), memory), 1));
        return new BuildSettings(maven, timeout, repository, sandbox, memory, disk, uid, mavenSettings, concurrency, buildJobs(env));
    }

    /**
     * How many module builds run at once by default: one more than the cores, as many as the memory holds at
     * {@code memoryMbPerBuild} each, at least one. A module build keeps about 1.4 cores busy on average and waits on
     * JVM start-up and I/O in between, so one build more than cores keeps them busy (measured on 2 cores, the clinic
     * example, three at once finished the validate stage sooner than two: docs/benchmarks.md).
     */
    public static int defaultConcurrency(int cores, long memoryBytes, int memoryMbPerBuild) {
        long byMemory = memoryBytes / ((long) memoryMbPerBuild << 20);
        return (int) Math.max(1, Math.min(cores + 1L, byMemory));
    }

    private static long totalMemoryBytes() {
        java.lang.management.OperatingSystemMXBean os = java.lang.management.ManagementFactory.getOperatingSystemMXBean();
        return os instanceof com.sun.management.OperatingSystemMXBean sun ? sun.getTotalMemorySize() : Long.MAX_VALUE;
    }

    private static Optional<BuildJobs> buildJobs(Map<String, String> env) {
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
                return Optional.of(new BuildJobs(namespace.trim(), container));
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

    private static Optional<String> nonBlank(Map<String, String> env, String name) {
        return Optional.ofNullable(env.get(name)).filter(v -> !v.isBlank());
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
}
