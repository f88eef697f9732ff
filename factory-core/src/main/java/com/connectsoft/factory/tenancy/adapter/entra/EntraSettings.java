package com.connectsoft.factory.tenancy.adapter.entra;

import java.net.URI;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * How Entra ID access tokens are validated, from the app settings {@value #AUDIENCE} (turns token sign-in on),
 * {@value #ISSUER} and {@value #JWKS_URL}. Only v2.0 access tokens are accepted: their issuer is
 * {@code https://login.microsoftonline.com/{tenantid}/v2.0} and their {@code aud} is the API's application (client)
 * id; the app registration sets {@code requestedAccessTokenVersion} (manifest {@code accessTokenAcceptedVersion}) to 2.
 *
 * @param audiences        accepted {@code aud} values (the client id, and the application ID URI if tokens carry it)
 * @param issuerTemplate   the issuer with {@code {tenantid}} standing for the token's {@code tid}
 * @param jwksUrl          where the signing keys are published
 * @param clockSkew        tolerance on {@code exp} and {@code nbf}
 * @param fetchTimeout     the longest one fetch of the keys may take (connect, headers and body together)
 * @param maxJwksBytes     the largest key set accepted
 * @param cacheTtl         how long fetched keys are used before they are fetched again
 * @param refetchInterval  the shortest time between two fetches (a token with an unknown key id fetches at once,
 *                         unless the keys were fetched within this interval)
 */
public record EntraSettings(List<String> audiences, String issuerTemplate, URI jwksUrl, Duration clockSkew, Duration fetchTimeout,
                            int maxJwksBytes, Duration cacheTtl, Duration refetchInterval) {
    public static final String AUDIENCE = "FACTORY_ENTRA_AUDIENCE";
    public static final String ISSUER = "FACTORY_ENTRA_ISSUER";
    public static final String JWKS_URL = "FACTORY_ENTRA_JWKS_URL";
    public static final String TENANT_PLACEHOLDER = "{tenantid}";
    public static final String DEFAULT_ISSUER = "https://login.microsoftonline.com/" + TENANT_PLACEHOLDER + "/v2.0";
    public static final String DEFAULT_JWKS_URL = "https://login.microsoftonline.com/common/discovery/v2.0/keys";

    public EntraSettings {
        audiences = List.copyOf(audiences);
        if (audiences.isEmpty()) {
            throw new IllegalArgumentException(AUDIENCE + " is empty: give the API's application (client) id");
        }
        if (!issuerTemplate.contains(TENANT_PLACEHOLDER)) {
            throw new IllegalArgumentException(ISSUER + " is '" + issuerTemplate + "': it must contain " + TENANT_PLACEHOLDER
                    + " where the token's tid goes, e.g. " + DEFAULT_ISSUER);
        }
        boolean loopback = "http".equals(jwksUrl.getScheme()) && ("127.0.0.1".equals(jwksUrl.getHost()) || "localhost".equals(jwksUrl.getHost()));
        if (!"https".equals(jwksUrl.getScheme()) && !loopback) {
            throw new IllegalArgumentException(JWKS_URL + " is '" + jwksUrl + "': keys are fetched over https only, e.g. " + DEFAULT_JWKS_URL);
        }
    }

    /** The settings with production bounds, or empty when {@value #AUDIENCE} is not set (token sign-in off). */
    public static Optional<EntraSettings> from(Map<String, String> settings) {
        String audience = settings.getOrDefault(AUDIENCE, "");
        if (audience.isBlank()) {
            return Optional.empty();
        }
        List<String> audiences = Arrays.stream(audience.split(",")).map(String::strip).filter(a -> !a.isEmpty()).toList();
        String issuer = settings.getOrDefault(ISSUER, "").isBlank() ? DEFAULT_ISSUER : settings.get(ISSUER).strip();
        String jwks = settings.getOrDefault(JWKS_URL, "").isBlank() ? DEFAULT_JWKS_URL : settings.get(JWKS_URL).strip();
        URI uri;
        try {
            uri = URI.create(jwks);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(JWKS_URL + " is not a URL: '" + jwks + "'");
        }
        return Optional.of(new EntraSettings(audiences, issuer, uri,
                Duration.ofSeconds(60), Duration.ofSeconds(5), 256 * 1024, Duration.ofHours(1), Duration.ofSeconds(30)));
    }

    /** The same settings with another refetch interval and cache lifetime (tests). */
    public EntraSettings withCaching(Duration ttl, Duration refetch) {
        return new EntraSettings(audiences, issuerTemplate, jwksUrl, clockSkew, fetchTimeout, maxJwksBytes, ttl, refetch);
    }

    /** The same settings with another fetch deadline (tests). */
    public EntraSettings withFetchTimeout(Duration timeout) {
        return new EntraSettings(audiences, issuerTemplate, jwksUrl, clockSkew, timeout, maxJwksBytes, cacheTtl, refetchInterval);
    }
}
