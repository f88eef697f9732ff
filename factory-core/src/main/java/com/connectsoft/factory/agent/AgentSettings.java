package com.connectsoft.factory.agent;

import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/**
 * The agents' settings: where their definitions are (the factory home's agents/ and skills/), the chat model when one
 * is configured ({@code FACTORY_AGENT_MODEL_ENDPOINT}, {@code _KEY}, {@code _DEPLOYMENT}, {@code _PROVIDER}), and the
 * token cap of one run ({@code FACTORY_AGENT_RUN_TOKEN_CAP}), and files to record the model's exchanges to or replay them
 * from ({@code FACTORY_AGENT_MODEL_RECORD}, {@code _REPLAY}). Without an endpoint or a replay the deterministic skills work.
 */
public record AgentSettings(Path home, Optional<Model> model, long runTokenCap, Optional<Path> recordTo, Optional<Path> replayFrom) {
    public static final long DEFAULT_RUN_TOKEN_CAP = 200_000;

    /** An OpenAI-compatible chat endpoint: Azure OpenAI (its v1 API) or any other. The key is a secret: never logged. */
    public record Model(Provider provider, String endpoint, String key, String deployment) {
        @Override
        public String toString() {
            return "Model[" + provider + ", " + endpoint + ", " + deployment + "]";
        }
    }

    public enum Provider { AZURE_OPENAI, OPENAI }

    public static AgentSettings from(Map<String, String> env, Path home) {
        String endpoint = env.getOrDefault("FACTORY_AGENT_MODEL_ENDPOINT", "").strip();
        Optional<Model> model = Optional.empty();
        if (!endpoint.isEmpty()) {
            if (!endpoint.startsWith("https://") && !endpoint.startsWith("http://localhost") && !endpoint.startsWith("http://127.0.0.1")) {
                throw new IllegalArgumentException("FACTORY_AGENT_MODEL_ENDPOINT must be an https:// URL (or http://localhost for a local server)");
            }
            String deployment = env.getOrDefault("FACTORY_AGENT_MODEL_DEPLOYMENT", "").strip();
            if (deployment.isEmpty()) {
                throw new IllegalArgumentException("FACTORY_AGENT_MODEL_DEPLOYMENT is needed with FACTORY_AGENT_MODEL_ENDPOINT: the deployment "
                        + "(Azure OpenAI) or model name, e.g. gpt-4o-mini");
            }
            String p = env.getOrDefault("FACTORY_AGENT_MODEL_PROVIDER", endpoint.contains(".openai.azure.com") ? "azure-openai" : "openai");
            Provider provider = switch (p.strip()) {
                case "azure-openai" -> Provider.AZURE_OPENAI;
                case "openai" -> Provider.OPENAI;
                default -> throw new IllegalArgumentException("FACTORY_AGENT_MODEL_PROVIDER is azure-openai or openai, not '" + p + "'");
            };
            model = Optional.of(new Model(provider, endpoint, env.getOrDefault("FACTORY_AGENT_MODEL_KEY", ""), deployment));
        }
        String cap = env.getOrDefault("FACTORY_AGENT_RUN_TOKEN_CAP", String.valueOf(DEFAULT_RUN_TOKEN_CAP)).strip();
        if (!cap.matches("[0-9]{1,12}")) {
            throw new IllegalArgumentException("FACTORY_AGENT_RUN_TOKEN_CAP is a whole number of tokens, not '" + cap + "'");
        }
        Optional<Path> record = Optional.ofNullable(env.get("FACTORY_AGENT_MODEL_RECORD")).filter(v -> !v.isBlank()).map(Path::of);
        Optional<Path> replay = Optional.ofNullable(env.get("FACTORY_AGENT_MODEL_REPLAY")).filter(v -> !v.isBlank()).map(Path::of);
        if (replay.isPresent() && (model.isPresent() || record.isPresent())) {
            throw new IllegalArgumentException("FACTORY_AGENT_MODEL_REPLAY answers from a file: unset FACTORY_AGENT_MODEL_ENDPOINT and "
                    + "FACTORY_AGENT_MODEL_RECORD with it");
        }
        if (record.isPresent() && model.isEmpty()) {
            throw new IllegalArgumentException("FACTORY_AGENT_MODEL_RECORD records a model's exchanges: set FACTORY_AGENT_MODEL_ENDPOINT too");
        }
        return new AgentSettings(home, model, Long.parseLong(cap), record, replay);
    }
}
