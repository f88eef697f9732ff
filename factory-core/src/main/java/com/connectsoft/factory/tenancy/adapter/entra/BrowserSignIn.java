package com.connectsoft.factory.tenancy.adapter.entra;

import java.net.URI;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What the web app needs to sign a user in with Entra ID (authorization code flow with PKCE, run by MSAL in the
 * browser): the single-page app registration's client id, the authority, and the scopes of the factory API it asks
 * for. Published as is by {@code GET /api/v1/auth/config}; it holds no secret (a single-page app has none). The tokens
 * it gets are still validated by {@link EntraTokenVerifier} against {@value EntraSettings#AUDIENCE}, so this is
 * configured only together with that setting.
 *
 * @param clientId  the single-page app registration's application (client) id
 * @param authority {@code https://login.microsoftonline.com/<directory id or organizations>}
 * @param scopes    the API scopes requested, e.g. {@code api://<api client id>/.default}
 */
public record BrowserSignIn(String clientId, String authority, List<String> scopes) {
    public static final String CLIENT_ID = "FACTORY_ENTRA_SPA_CLIENT_ID";
    public static final String AUTHORITY = "FACTORY_ENTRA_AUTHORITY";
    public static final String SCOPES = "FACTORY_ENTRA_SCOPES";
    public static final String DEFAULT_AUTHORITY = "https://login.microsoftonline.com/organizations";
    static final String GUID = "[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}";
    private static final int MAX_SCOPES = 10;

    public BrowserSignIn {
        scopes = List.copyOf(scopes);
        if (!clientId.matches(GUID)) {
            throw new IllegalArgumentException(CLIENT_ID + " is '" + clientId + "': give the single-page app registration's "
                    + "application (client) id, a GUID");
        }
        URI uri;
        try {
            uri = URI.create(authority);
        } catch (IllegalArgumentException e) {
            uri = null;
        }
        if (uri == null || !"https".equals(uri.getScheme()) || uri.getHost() == null || uri.getRawQuery() != null
                || uri.getRawFragment() != null || uri.getRawUserInfo() != null) {
            throw new IllegalArgumentException(AUTHORITY + " is '" + authority + "': give an https URL without query or fragment, e.g. "
                    + DEFAULT_AUTHORITY);
        }
        if (scopes.isEmpty() || scopes.size() > MAX_SCOPES) {
            throw new IllegalArgumentException(SCOPES + " has " + scopes.size() + " scopes: give 1 to " + MAX_SCOPES
                    + ", e.g. api://<api client id>/.default");
        }
        for (String s : scopes) {
            if (!s.matches("[\\x21-\\x7e]{1,200}") || s.contains(",") || s.contains("\"")) {
                throw new IllegalArgumentException(SCOPES + " has '" + s + "': a scope is 1-200 printable characters without spaces, "
                        + "commas or quotes, e.g. api://<api client id>/.default");
            }
        }
    }

    /**
     * The browser sign-in the settings configure, or empty when {@value #CLIENT_ID} is not set (the web app then offers
     * tenant API keys only). Refused when token validation ({@value EntraSettings#AUDIENCE}) is off, since the API would
     * not accept the tokens; the scopes default to the API's first audience with {@code /.default}.
     */
    public static Optional<BrowserSignIn> from(Map<String, String> settings) {
        String clientId = settings.getOrDefault(CLIENT_ID, "").strip();
        if (clientId.isEmpty()) {
            return Optional.empty();
        }
        List<String> audiences = Arrays.stream(settings.getOrDefault(EntraSettings.AUDIENCE, "").split(","))
                .map(String::strip).filter(a -> !a.isEmpty()).toList();
        if (audiences.isEmpty()) {
            throw new IllegalArgumentException(CLIENT_ID + " is set but " + EntraSettings.AUDIENCE + " is not: the API would refuse "
                    + "the browser's tokens; set " + EntraSettings.AUDIENCE + " to the API registration's client id, or unset " + CLIENT_ID);
        }
        String authority = settings.getOrDefault(AUTHORITY, "").isBlank() ? DEFAULT_AUTHORITY : settings.get(AUTHORITY).strip();
        String scopeText = settings.getOrDefault(SCOPES, "").strip();
        List<String> scopes = scopeText.isEmpty() ? List.of(defaultScope(audiences.get(0)))
                : Arrays.stream(scopeText.split("[\\s,]+")).filter(s -> !s.isEmpty()).toList();
        return Optional.of(new BrowserSignIn(clientId, authority.replaceAll("/+$", ""), scopes));
    }

    private static String defaultScope(String audience) {
        String resource = audience.matches(GUID) ? "api://" + audience : audience.replaceAll("/+$", "");
        return resource + "/.default";
    }
}
