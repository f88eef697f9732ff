package com.connectsoft.factory.infra;

import com.pulumi.Config;
import com.pulumi.Context;
import java.util.Map;
import java.util.Optional;

/**
 * The stack's configuration (Pulumi.&lt;stack&gt;.yaml, namespace {@code connectsoft-factory}): environment name,
 * sizes and alert thresholds. Every value has a default a dev stack can live with.
 *
 * @param environment      tag and name part: dev, prod, ...
 * @param alertEmail       who the alert rules notify (empty: alerts fire in the portal only)
 * @param functionPackage  the built function app folder that the stack uploads and runs from (empty: publish it yourself)
 * @param searchSku        Azure AI Search tier (free, basic, standard)
 * @param purgeProtection  Key Vault purge protection (on in prod; it cannot be turned off again)
 * @param deadLetterAlertThreshold dead-lettered messages in the namespace that raise an alert
 * @param failureRatePercent       failed capability invocations (percent, 15 minutes) that raise an alert
 * @param runDurationMinutes       a run taking longer than this raises an alert
 * @param entraAudience    the factory API's Entra ID app registration: its application (client) id, which v2.0 access
 *                         tokens carry as {@code aud} (comma-separated if several are accepted); empty turns Entra ID
 *                         sign-in off, leaving tenant API keys
 * @param buildJob         the build job (a Container Apps job with no identity) that builds and tests generated modules
 * @param web              the web app: where its build is, and its Entra ID sign-in
 */
public record StackSettings(String environment, String alertEmail, Optional<String> functionPackage, String searchSku,
                            boolean purgeProtection, int deadLetterAlertThreshold, int failureRatePercent, int runDurationMinutes,
                            String entraAudience, BuildJob buildJob, Web web) {

    /**
     * The web app (marketplace-web): the built directory the stack uploads ({@code webDist}, relative to the stack's
     * directory; default {@value #DEFAULT_WEB_DIST}; empty: upload nothing), and its Entra ID sign-in, which the function app
     * publishes at {@code GET /api/v1/auth/config}: the single-page app registration's client id ({@code entraSpaClientId},
     * empty: tenant API keys only; needs {@code entraAudience}) and the directory ({@code entraTenantId}: a directory id, or
     * {@code organizations}, the default).
     */
    public record Web(Optional<String> dist, String spaClientId, String entraTenant) {
        /** The authority MSAL signs in with. */
        public String authority() {
            return "https://login.microsoftonline.com/" + entraTenant;
        }
    }

    static final String DEFAULT_WEB_DIST = "../marketplace-web/dist";
    private static final String GUID = "[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}";

    /**
     * The build job: its image ({@code buildJobImage}, built from {@code infra-pulumi/build-job/Dockerfile}: required), the
     * registry it is pulled from with a user name and the secret config {@code buildJobRegistryPassword} (empty registry:
     * an image the environment can pull anonymously), its CPU and memory, a build's time limit ({@code buildTimeoutSeconds},
     * also the function app's FACTORY_BUILD_TIMEOUT_SECONDS), and how many builds run at once ({@code buildJobMaxExecutions}).
     */
    public record BuildJob(String image, String registry, String registryUsername, double cpu, String memory, int timeoutSeconds,
                           int maxExecutions) {
    }

    /** The namespace of the stack's own config keys. */
    public static final String NAMESPACE = "connectsoft-factory";

    public static StackSettings from(Context ctx) {
        Config c = ctx.config(NAMESPACE);
        return from(c::get, ctx.stackName());
    }

    /** From a stack file's {@code config:} section ({@code Pulumi.<stack>.yaml}), as the CLI would read it. */
    public static StackSettings fromStackFile(java.nio.file.Path file, String stackName) throws java.io.IOException {
        Map<String, Object> yaml;
        try (var in = java.nio.file.Files.newBufferedReader(file)) {
            yaml = new org.yaml.snakeyaml.Yaml().load(in);
        }
        Object config = yaml == null ? null : yaml.get("config");
        Map<?, ?> values = config instanceof Map<?, ?> m ? m : Map.of();
        return from(key -> Optional.ofNullable(values.get(NAMESPACE + ":" + key)).map(String::valueOf), stackName);
    }

    static StackSettings from(java.util.function.Function<String, Optional<String>> config, String stackName) {
        String environment = config.apply("environment").orElse(stackName);
        if (!environment.matches("[a-z][a-z0-9]{1,11}")) {
            throw new IllegalArgumentException(NAMESPACE + ":environment is '" + environment
                    + "': use 2-12 lowercase letters or digits, starting with a letter (it becomes part of resource names)");
        }
        return new StackSettings(environment, config.apply("alertEmail").orElse(""),
                config.apply("functionPackage").filter(v -> !v.isBlank()), config.apply("searchSku").orElse("basic"),
                config.apply("purgeProtection").map(Boolean::parseBoolean).orElse("prod".equals(environment)),
                integer(config, "deadLetterAlertThreshold", 1), integer(config, "failureRatePercent", 5),
                integer(config, "runDurationMinutes", 30), audience(config.apply("entraAudience").orElse("")), buildJob(config),
                web(config, config.apply("entraAudience").orElse("")));
    }

    private static Web web(java.util.function.Function<String, Optional<String>> config, String audience) {
        Optional<String> dist = Optional.of(config.apply("webDist").orElse(DEFAULT_WEB_DIST).strip()).filter(v -> !v.isEmpty());
        String client = config.apply("entraSpaClientId").orElse("").strip();
        String tenant = config.apply("entraTenantId").orElse("").strip();
        return web(dist, client, tenant.isEmpty() ? "organizations" : tenant, audience);
    }

    private static Web web(Optional<String> dist, String client, String tenant, String audience) {
        if (!client.isEmpty() && !client.matches(GUID)) {
            throw new IllegalArgumentException(NAMESPACE + ":entraSpaClientId is '" + client + "': give the single-page app registration's "
                    + "application (client) id, a GUID (empty: tenant API keys only)");
        }
        if (!client.isEmpty() && audience.isBlank()) {
            throw new IllegalArgumentException(NAMESPACE + ":entraSpaClientId is set but entraAudience is not: the API would refuse the "
                    + "browser's tokens; set entraAudience to the API registration's client id, or unset entraSpaClientId");
        }
        if (!tenant.matches(GUID) && !tenant.matches("organizations|common|consumers")) {
            throw new IllegalArgumentException(NAMESPACE + ":entraTenantId is '" + tenant + "': give the directory (tenant) id, a GUID, "
                    + "or organizations");
        }
        return new Web(dist, client, tenant);
    }

    private static BuildJob buildJob(java.util.function.Function<String, Optional<String>> config) {
        String image = config.apply("buildJobImage").orElse("").strip();
        if (!image.isEmpty() && !image.matches("[a-z0-9][a-z0-9.:/_-]*(:[A-Za-z0-9._-]+|@sha256:[0-9a-f]{64})")) {
            throw new IllegalArgumentException(NAMESPACE + ":buildJobImage is '" + image + "': give an image reference with a tag or "
                    + "digest, e.g. myregistry.azurecr.io/factory-build-job:0.1.0");
        }
        String registry = config.apply("buildJobRegistry").orElse("").strip();
        String username = config.apply("buildJobRegistryUsername").orElse("").strip();
        if (registry.isEmpty() != username.isEmpty()) {
            throw new IllegalArgumentException(NAMESPACE + ":buildJobRegistry and buildJobRegistryUsername go together (with the secret "
                    + "buildJobRegistryPassword); set both, or neither for an image pulled anonymously");
        }
        String cpuText = config.apply("buildJobCpu").orElse("2").strip();
        double cpu;
        try {
            cpu = Double.parseDouble(cpuText);
        } catch (NumberFormatException e) {
            cpu = -1;
        }
        if (cpu < 0.5 || cpu > 4) {
            throw new IllegalArgumentException(NAMESPACE + ":buildJobCpu is '" + cpuText + "': give 0.5 to 4 cores, e.g. 2");
        }
        String memory = config.apply("buildJobMemory").orElse("4Gi").strip();
        if (!memory.matches("[0-9]+(\\.[0-9]+)?Gi")) {
            throw new IllegalArgumentException(NAMESPACE + ":buildJobMemory is '" + memory + "': give an amount in Gi, e.g. 4Gi");
        }
        int timeout = integer(config, "buildTimeoutSeconds", 600);
        if (timeout < 60) {
            throw new IllegalArgumentException(NAMESPACE + ":buildTimeoutSeconds is " + timeout + ": give at least 60 seconds");
        }
        return new BuildJob(image, registry, username, cpu, memory, timeout, Math.max(1, integer(config, "buildJobMaxExecutions", 10)));
    }

    private static String audience(String value) {
        for (String a : value.split(",")) {
            String v = a.strip();
            if (!v.isEmpty() && !v.matches("[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}")
                    && !v.startsWith("api://") && !v.startsWith("https://")) {
                throw new IllegalArgumentException(NAMESPACE + ":entraAudience has '" + v + "': give the app registration's "
                        + "application (client) id (a GUID), or its application ID URI (api://... or https://...)");
            }
        }
        return value.strip();
    }

    /** The same settings for another Entra ID audience. */
    public StackSettings withEntraAudience(String audience) {
        return new StackSettings(environment, alertEmail, functionPackage, searchSku, purgeProtection, deadLetterAlertThreshold,
                failureRatePercent, runDurationMinutes, audience(audience), buildJob, web);
    }

    /** The same settings with another build job (its image, registry, size, time limit). */
    public StackSettings withBuildJob(BuildJob job) {
        return new StackSettings(environment, alertEmail, functionPackage, searchSku, purgeProtection, deadLetterAlertThreshold,
                failureRatePercent, runDurationMinutes, entraAudience, job, web);
    }

    /** The same settings with another web app build directory and Entra ID sign-in (checked as the stack file's would be). */
    public StackSettings withWeb(Optional<String> dist, String spaClientId, String entraTenant) {
        return new StackSettings(environment, alertEmail, functionPackage, searchSku, purgeProtection, deadLetterAlertThreshold,
                failureRatePercent, runDurationMinutes, entraAudience, buildJob, web(dist, spaClientId.strip(),
                entraTenant.isBlank() ? "organizations" : entraTenant.strip(), entraAudience));
    }

    private static int integer(java.util.function.Function<String, Optional<String>> config, String key, int fallback) {
        String value = config.apply(key).orElse(null);
        if (value == null) {
            return fallback;
        }
        try {
            int n = Integer.parseInt(value.trim());
            if (n < 0) {
                throw new NumberFormatException();
            }
            return n;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(NAMESPACE + ":" + key + " is '" + value + "': give a whole number, e.g. " + fallback);
        }
    }

    /** The tags every resource carries. */
    public Map<String, String> tags() {
        return Map.of("product", "connectsoft-factory", "environment", environment);
    }
}
