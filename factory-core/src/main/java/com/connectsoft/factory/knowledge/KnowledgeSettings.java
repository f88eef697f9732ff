package com.connectsoft.factory.knowledge;

import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/**
 * Where the knowledge index is: Lucene in {@code <data dir>/knowledge} by default, Azure AI Search when
 * FACTORY_SEARCH_ENDPOINT is set (index FACTORY_SEARCH_INDEX, default {@code factory-knowledge}; key FACTORY_SEARCH_KEY,
 * else DefaultAzureCredential). The platform scope's JDL samples come from FACTORY_JDL_SAMPLES, else
 * {@code <factory home>/../shared/samples/jdl} when it exists.
 */
public record KnowledgeSettings(Path luceneDir, Optional<AzureSearch> azure, Optional<Path> jdlSamples) {
    public record AzureSearch(String endpoint, String indexName, Optional<String> apiKey) {
    }

    public static KnowledgeSettings from(Map<String, String> env, Path factoryHome, Path dataDir) {
        Optional<String> endpoint = nonBlank(env, "FACTORY_SEARCH_ENDPOINT");
        endpoint.ifPresent(e -> {
            if (!e.matches("https://[A-Za-z0-9.-]+(:[0-9]+)?/?")) {
                throw new IllegalArgumentException("FACTORY_SEARCH_ENDPOINT is '" + e
                        + "': give the search service's https endpoint, e.g. https://<service>.search.windows.net");
            }
        });
        String index = nonBlank(env, "FACTORY_SEARCH_INDEX").orElse("factory-knowledge");
        if (!index.matches("[a-z0-9][a-z0-9-]{1,126}")) {
            throw new IllegalArgumentException("FACTORY_SEARCH_INDEX is '" + index + "': use lowercase letters, digits and '-'");
        }
        Optional<Path> samples = nonBlank(env, "FACTORY_JDL_SAMPLES").map(Path::of)
                .or(() -> Optional.of(factoryHome.toAbsolutePath().normalize().resolve("../shared/samples/jdl").normalize()));
        return new KnowledgeSettings(dataDir.resolve("knowledge"),
                endpoint.map(e -> new AzureSearch(e, index, nonBlank(env, "FACTORY_SEARCH_KEY"))), samples);
    }

    /** The embedded index in {@code dataDir}, the samples from {@code samples} (tests, benchmarks). */
    public static KnowledgeSettings embedded(Path dataDir, Optional<Path> samples) {
        return new KnowledgeSettings(dataDir.resolve("knowledge"), Optional.empty(), samples);
    }

    private static Optional<String> nonBlank(Map<String, String> env, String name) {
        return Optional.ofNullable(env.get(name)).filter(v -> !v.isBlank());
    }
}
