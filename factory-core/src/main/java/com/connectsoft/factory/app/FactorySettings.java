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

    public FactorySettings withDataDir(Path dir) {
        return new FactorySettings(dir.toAbsolutePath().normalize(), templatesDir, maven, offlineBuilds, buildTimeout);
    }

    public FactorySettings withTemplatesDir(Path dir) {
        return new FactorySettings(dataDir, dir.toAbsolutePath().normalize(), maven, offlineBuilds, buildTimeout);
    }
}
