package com.connectsoft.factory.generation.application;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;

/** The dependency and plugin versions the factory is built with; generated services pin the same ones. */
public final class FactoryVersions {
    private FactoryVersions() {
    }

    public static Map<String, String> load() {
        try (InputStream in = FactoryVersions.class.getResourceAsStream("/factory-versions.properties")) {
            if (in == null) {
                throw new IllegalStateException("factory-versions.properties is missing: build the factory with Maven");
            }
            Properties p = new Properties();
            p.load(in);
            Map<String, String> out = new TreeMap<>();
            p.stringPropertyNames().forEach(k -> out.put(k, p.getProperty(k)));
            out.values().stream().filter(v -> v.contains("${")).findAny().ifPresent(v -> {
                throw new IllegalStateException("factory-versions.properties was not filtered by the build: " + v);
            });
            return Map.copyOf(out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
