package com.connectsoft.factory.billing.adapter.marketplace;

import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/**
 * How the export reaches the Marketplace: FACTORY_MARKETPLACE_ENDPOINT (the batch usage API with its api-version),
 * FACTORY_MARKETPLACE_PLAN_ID (the offer's plan id the events carry; unset: the tenant's factory plan id),
 * FACTORY_MARKETPLACE_MAX_ATTEMPTS (tries per batch on 429, 5xx and timeouts), FACTORY_MARKETPLACE_TIMEOUT_SECONDS
 * (per request) and FACTORY_MARKETPLACE_BACKOFF_MILLIS (the first wait between tries, doubled each time).
 */
public record MarketplaceSettings(URI endpoint, Optional<String> planId, int maxAttempts, Duration timeout, Duration backoff) {
    public static final String DEFAULT_ENDPOINT = "https://marketplaceapi.microsoft.com/api/batchUsageEvent?api-version=2018-08-31";
    /** The longest wait between tries, whatever Retry-After asks. */
    public static final Duration MAX_BACKOFF = Duration.ofSeconds(30);

    public MarketplaceSettings {
        if (!"https".equals(endpoint.getScheme()) && !"http".equals(endpoint.getScheme())) {
            throw new IllegalArgumentException("FACTORY_MARKETPLACE_ENDPOINT is '" + endpoint + "': give the batch usage API's URL, e.g. "
                    + DEFAULT_ENDPOINT);
        }
        if (maxAttempts < 1 || maxAttempts > 10) {
            throw new IllegalArgumentException("FACTORY_MARKETPLACE_MAX_ATTEMPTS is " + maxAttempts + ": give 1 to 10 (default 3)");
        }
        if (timeout.isNegative() || timeout.isZero() || timeout.compareTo(Duration.ofMinutes(5)) > 0) {
            throw new IllegalArgumentException("FACTORY_MARKETPLACE_TIMEOUT_SECONDS must be 1 to 300 seconds (default 30)");
        }
        if (backoff.isNegative() || backoff.compareTo(MAX_BACKOFF) > 0) {
            throw new IllegalArgumentException("FACTORY_MARKETPLACE_BACKOFF_MILLIS must be 0 to 30000 (default 1000)");
        }
        planId = planId.filter(p -> !p.isBlank());
    }

    public static MarketplaceSettings defaults() {
        return new MarketplaceSettings(URI.create(DEFAULT_ENDPOINT), Optional.empty(), 3, Duration.ofSeconds(30), Duration.ofSeconds(1));
    }

    public static MarketplaceSettings from(Map<String, String> env) {
        MarketplaceSettings d = defaults();
        URI endpoint;
        String e = env.getOrDefault("FACTORY_MARKETPLACE_ENDPOINT", "").trim();
        try {
            endpoint = e.isEmpty() ? d.endpoint() : URI.create(e);
        } catch (IllegalArgumentException bad) {
            throw new IllegalArgumentException("FACTORY_MARKETPLACE_ENDPOINT is not a URL: give the batch usage API's URL, e.g. " + DEFAULT_ENDPOINT);
        }
        return new MarketplaceSettings(endpoint, Optional.ofNullable(env.get("FACTORY_MARKETPLACE_PLAN_ID")).map(String::trim),
                (int) number(env, "FACTORY_MARKETPLACE_MAX_ATTEMPTS", d.maxAttempts()),
                Duration.ofSeconds(number(env, "FACTORY_MARKETPLACE_TIMEOUT_SECONDS", d.timeout().toSeconds())),
                Duration.ofMillis(number(env, "FACTORY_MARKETPLACE_BACKOFF_MILLIS", d.backoff().toMillis())));
    }

    private static long number(Map<String, String> env, String name, long fallback) {
        String v = env.getOrDefault(name, "").trim();
        if (v.isEmpty()) {
            return fallback;
        }
        try {
            return Long.parseLong(v);
        } catch (NumberFormatException ex) {
            throw new IllegalArgumentException(name + " is '" + (v.length() > 20 ? v.substring(0, 20) + "..." : v) + "': give a whole number, e.g. "
                    + fallback);
        }
    }
}
