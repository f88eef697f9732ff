package com.connectsoft.extensions.runtime.auth;

import com.connectsoft.extensions.runtime.call.TraceContext;
import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.source.ImmutableJWKSet;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.jwk.source.JWKSourceBuilder;
import com.nimbusds.jose.proc.BadJOSEException;
import com.nimbusds.jose.proc.JWSVerificationKeySelector;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jose.util.DefaultResourceRetriever;
import com.nimbusds.jose.util.ResourceRetriever;
import com.nimbusds.jwt.JWT;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.JWTParser;
import com.nimbusds.jwt.proc.DefaultJWTClaimsVerifier;
import com.nimbusds.jwt.proc.DefaultJWTProcessor;
import com.nimbusds.jose.KeySourceException;
import java.io.IOException;
import java.net.URL;
import java.nio.file.Path;
import java.text.ParseException;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Who is calling: validates the request's bearer JWT in process and says which tenant it acts for and what it may do.
 * The signature must verify with a key of the issuer's JWKS (RS256 or ES256 only: no unsecured or HMAC tokens), {@code iss}
 * must equal the configured issuer, {@code aud} must contain the configured audience, {@code exp} and {@code nbf} hold
 * with {@value #MAX_CLOCK_SKEW_SECONDS} s of skew. Tenancy: the tenant is the token's {@code tid} claim and nothing else;
 * no header names a tenant. Roles come from the {@code roles} claim: {@value #READ_ROLE} allows reads,
 * {@value #WRITE_ROLE} allows everything. Stateless and thread-safe; the JWKS is cached and refreshed by the key source.
 */
public final class Auth {
    public static final int MAX_TOKEN_CHARS = 8192;
    public static final int MAX_CLOCK_SKEW_SECONDS = 60;
    public static final String READ_ROLE = "Data.Read";
    public static final String WRITE_ROLE = "Data.Write";
    static final int JWKS_TIMEOUT_MILLIS = 3000;
    static final int JWKS_SIZE_LIMIT_BYTES = 256 * 1024;
    private static final Pattern TENANT_ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,127}");
    private static final String BEARER = "bearer ";

    /** What an operation needs: reading (GET) or changing data. */
    public enum Access { READ, WRITE }

    /** A caller whose token was validated. */
    public record Principal(String tenantId, String subject, Set<String> roles) {
        public Principal {
            roles = Set.copyOf(roles);
        }

        public boolean allows(Access access) {
            return roles.contains(WRITE_ROLE) || access == Access.READ && roles.contains(READ_ROLE);
        }
    }

    /** The answer for one request: the principal, or why not (401, 403, or 503 when the issuer's keys cannot be had). */
    public sealed interface Decision {
        record Allowed(Principal principal) implements Decision {
        }

        record Refused(int status, String error, String description) implements Decision {
            /** The {@code WWW-Authenticate} value (RFC 6750): no error code when the request carried no bearer token. */
            public Optional<String> challenge() {
                if (status != 401 && status != 403) {
                    return Optional.empty();
                }
                return Optional.of(error == null ? "Bearer" : "Bearer error=\"" + error + "\", error_description=\"" + description + "\"");
            }
        }
    }

    private final DefaultJWTProcessor<SecurityContext> processor;

    public Auth(String issuer, String audience, JWKSource<SecurityContext> keys) {
        requireText(issuer, "issuer");
        requireText(audience, "audience");
        Objects.requireNonNull(keys, "keys");
        DefaultJWTProcessor<SecurityContext> p = new DefaultJWTProcessor<>();
        p.setJWSKeySelector(new JWSVerificationKeySelector<>(Set.of(JWSAlgorithm.RS256, JWSAlgorithm.ES256), keys));
        DefaultJWTClaimsVerifier<SecurityContext> claims = new DefaultJWTClaimsVerifier<>(Set.of(audience),
                new JWTClaimsSet.Builder().issuer(issuer).build(), Set.of("iss", "aud", "exp", "tid"), null);
        claims.setMaxClockSkew(MAX_CLOCK_SKEW_SECONDS);
        p.setJWTClaimsSetVerifier(claims);
        this.processor = p;
    }

    /** Keys from the issuer's JWKS endpoint: fetched with bounded time and size, cached, refreshed ahead and on an unknown key id. */
    public static Auth remote(String issuer, String audience, URL jwks) {
        return remote(issuer, audience, jwks, new DefaultResourceRetriever(JWKS_TIMEOUT_MILLIS, JWKS_TIMEOUT_MILLIS, JWKS_SIZE_LIMIT_BYTES));
    }

    /** As {@link #remote(String, String, URL)}, fetching the JWKS with {@code retriever} (tests give a local one). */
    public static Auth remote(String issuer, String audience, URL jwks, ResourceRetriever retriever) {
        JWKSource<SecurityContext> keys = JWKSourceBuilder.<SecurityContext>create(jwks, retriever)
                .cache(60 * 60 * 1000L, JWKS_TIMEOUT_MILLIS + 2000L)
                .retrying(true)
                .build();
        return new Auth(issuer, audience, keys);
    }

    /** Keys from a local JWKS file: the development mode (never in Azure; services refuse it there at start-up). */
    public static Auth file(String issuer, String audience, Path jwks) {
        try {
            return new Auth(issuer, audience, new ImmutableJWKSet<>(JWKSet.load(jwks.toFile())));
        } catch (IOException | ParseException e) {
            throw new IllegalStateException("AUTH_JWKS_FILE " + jwks + " is not a readable JWKS (JSON Web Key Set) file", e);
        }
    }

    /** Validates the bearer token of a request with these headers and checks that it allows the access. */
    public Decision authorize(Map<String, String> headers, Access access) {
        return authorize(TraceContext.header(headers, "authorization"), access);
    }

    /** Validates the bearer token of a request's {@code Authorization} header and checks that it allows the access. */
    public Decision authorize(Optional<String> authorization, Access access) {
        Optional<String> bearer = authorization.filter(h -> !h.isBlank())
                .filter(h -> h.regionMatches(true, 0, BEARER, 0, BEARER.length()))
                .map(h -> h.substring(BEARER.length()).trim()).filter(t -> !t.isEmpty());
        if (bearer.isEmpty()) {
            return new Decision.Refused(401, null, "send an Entra ID access token: Authorization: Bearer <token>");
        }
        String token = bearer.get();
        if (token.length() > MAX_TOKEN_CHARS) {
            return invalid("the token is longer than " + MAX_TOKEN_CHARS + " characters");
        }
        JWT jwt;
        try {
            jwt = JWTParser.parse(token);
        } catch (ParseException | RuntimeException e) {
            return invalid("the token is not a JWT");
        }
        JWTClaimsSet claims;
        try {
            claims = processor.process(jwt, null);
        } catch (KeySourceException e) {
            return new Decision.Refused(503, "temporarily_unavailable", "the issuer's signing keys cannot be fetched now; retry later");
        } catch (BadJOSEException | JOSEException e) {
            return invalid("the token's signature, algorithm, issuer, audience or lifetime is not accepted");
        }
        Object tid = claims.getClaim("tid");
        if (!(tid instanceof String tenant) || !TENANT_ID.matcher(tenant).matches()) {
            return invalid("the token's tid claim is not a tenant id");
        }
        Principal principal = new Principal(tenant, claims.getSubject(), roles(claims));
        if (!principal.allows(access)) {
            return new Decision.Refused(403, "insufficient_scope", access == Access.READ
                    ? "this operation needs the role " + READ_ROLE + " or " + WRITE_ROLE
                    : "this operation needs the role " + WRITE_ROLE);
        }
        return new Decision.Allowed(principal);
    }

    private static Set<String> roles(JWTClaimsSet claims) {
        try {
            List<String> roles = claims.getStringListClaim("roles");
            return roles == null ? Set.of() : Set.copyOf(roles.stream().filter(Objects::nonNull).toList());
        } catch (ParseException e) {
            return Set.of();
        }
    }

    private static Decision.Refused invalid(String description) {
        return new Decision.Refused(401, "invalid_token", description);
    }

    private static void requireText(String value, String name) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(name + " is required");
        }
    }
}
