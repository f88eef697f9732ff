package com.connectsoft.factory.app;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/**
 * Where the factory keeps its data and finds its templates, and how it builds. Read from the environment
 * (FACTORY_DATA_DIR, FACTORY_TEMPLATES, FACTORY_MAVEN, FACTORY_BUILD_OFFLINE, FACTORY_BUILD_TIMEOUT_SECONDS).
 */
public record FactorySettings(Path dataDir, Path templatesDir, String maven, boolean offlineBuilds, Duration buildTimeout) {

    public static FactorySettings from(Map<String, String> env, Path workingDir, Path factoryHome) {
        Path data = Optional.ofNullable(env.get("FACTORY_DATA_DIR")).filter(s -> !s.isBlank()).map(Path::of)
                .orElse(workingDir.resolve(".factory-data"));
        Path templates = Optional.ofNullable(env.get("FACTORY_TEMPLATES")).filter(s -> !s.isBlank()).map(Path::of)
                .orElse(factoryHome.resolve("templates"));
        String maven = Optional.ofNullable(env.get("FACTORY_MAVEN")).filter(s -> !s.isBlank()).orElse("mvn");
        boolean offline = !"false".equalsIgnoreCase(env.getOrDefault("FACTORY_BUILD_OFFLINE", "true"));
        Duration timeout = Duration.ofSeconds(Long.parseLong(env.getOrDefault("FACTORY_BUILD_TIMEOUT_SECONDS", "600")));
        return new FactorySettings(data.toAbsolutePath().normalize(), templates.toAbsolutePath().normalize(), maven, offline, timeout);
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
        return new FactorySettings(dir.toAbsolutePath().normalize(), templatesDir, maven, offlineBuilds, buildTimeout);
    }

    public FactorySettings withTemplatesDir(Path dir) {
        return new FactorySettings(dataDir, dir.toAbsolutePath().normalize(), maven, offlineBuilds, buildTimeout);
    }
}
