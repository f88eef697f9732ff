package com.connectsoft.factory.app;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/**
 * Where the factory keeps its data and finds its templates, and how it builds. Read from the environment
 * (FACTORY_DATA_DIR, FACTORY_TEMPLATES, FACTORY_MAVEN, FACTORY_BUILD_OFFLINE, FACTORY_BUILD_TIMEOUT_SECONDS, and
 * FACTORY_BLOB_CONNECTION_STRING or FACTORY_BLOB_ENDPOINT with FACTORY_BLOB_CONTAINER for artifact bytes in Blob Storage).
 */
public record FactorySettings(Path dataDir, Path templatesDir, String maven, boolean offlineBuilds, Duration buildTimeout,
                              Optional<String> blobConnectionString, Optional<String> blobEndpoint, String blobContainer) {

    /** Whether artifact bytes go to Azure Blob Storage rather than the data directory. */
    public boolean usesBlobStorage() {
        return blobConnectionString.isPresent() || blobEndpoint.isPresent();
    }

    public static FactorySettings from(Map<String, String> env, Path workingDir, Path factoryHome) {
        Path data = Optional.ofNullable(env.get("FACTORY_DATA_DIR")).filter(s -> !s.isBlank()).map(Path::of)
                .orElse(workingDir.resolve(".factory-data"));
        Path templates = Optional.ofNullable(env.get("FACTORY_TEMPLATES")).filter(s -> !s.isBlank()).map(Path::of)
                .orElse(factoryHome.resolve("templates"));
        String maven = Optional.ofNullable(env.get("FACTORY_MAVEN")).filter(s -> !s.isBlank()).orElse("mvn");
        boolean offline = !"false".equalsIgnoreCase(env.getOrDefault("FACTORY_BUILD_OFFLINE", "true"));
        Duration timeout = Duration.ofSeconds(Long.parseLong(env.getOrDefault("FACTORY_BUILD_TIMEOUT_SECONDS", "600")));
        return new FactorySettings(data.toAbsolutePath().normalize(), templates.toAbsolutePath().normalize(), maven, offline, timeout,
                nonBlank(env, "FACTORY_BLOB_CONNECTION_STRING"), nonBlank(env, "FACTORY_BLOB_ENDPOINT"),
                nonBlank(env, "FACTORY_BLOB_CONTAINER").orElse("artifacts"));
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
        return new FactorySettings(dir.toAbsolutePath().normalize(), templatesDir, maven, offlineBuilds, buildTimeout,
                blobConnectionString, blobEndpoint, blobContainer);
    }

    public FactorySettings withTemplatesDir(Path dir) {
        return new FactorySettings(dataDir, dir.toAbsolutePath().normalize(), maven, offlineBuilds, buildTimeout,
                blobConnectionString, blobEndpoint, blobContainer);
    }
}
