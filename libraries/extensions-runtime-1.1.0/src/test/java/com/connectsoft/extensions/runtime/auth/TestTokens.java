package com.connectsoft.extensions.runtime.auth;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jose.jwk.source.ImmutableJWKSet;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Access tokens for tests, signed in the test with a generated RSA key, and an {@link Auth} that trusts that key.
 * {@code token(tenant, roles...)} is what an Entra ID token for this API looks like; {@code claims} and {@code sign}
 * make any other token (expired, another audience, another key...).
 */
public final class TestTokens {
    public static final String ISSUER = "https://login.microsoftonline.com/00000000-0000-0000-0000-0000000000aa/v2.0";
    public static final String AUDIENCE = "api://runtime-tests";
    public static final RSAKey KEY = generate("test-key-1");
    public static final Auth AUTH = new Auth(ISSUER, AUDIENCE, new ImmutableJWKSet<>(new JWKSet(KEY.toPublicJWK())));

    /** A new {@link Auth} trusting {@link #KEY} (tests that construct their own see its construction covered). */
    public static Auth newAuth() {
        return new Auth(ISSUER, AUDIENCE, new ImmutableJWKSet<>(new JWKSet(KEY.toPublicJWK())));
    }

    private static final class Forger {
        static final RSAKey KEY = generate(TestTokens.KEY.getKeyID());
    }

    private TestTokens() {
    }

    /** Claims of a token valid now for ten minutes, for a tenant with these roles. */
    public static JWTClaimsSet.Builder claims(String tenantId, String... roles) {
        Instant now = Instant.now();
        return new JWTClaimsSet.Builder().issuer(ISSUER).audience(AUDIENCE).subject("user-of-" + tenantId)
                .issueTime(Date.from(now)).notBeforeTime(Date.from(now.minusSeconds(5))).expirationTime(Date.from(now.plusSeconds(600)))
                .claim("tid", tenantId).claim("roles", List.of(roles));
    }

    /** A key that is not the issuer's but claims its key id: what a forger signs with. */
    public static RSAKey forgerKey() {
        return Forger.KEY;
    }

    /** A token like {@link #token} but signed by {@link #forgerKey()}. */
    public static String forged(String tenantId, String... roles) {
        return sign(claims(tenantId, roles).build(), forgerKey());
    }

    public static String token(String tenantId, String... roles) {
        return sign(claims(tenantId, roles).build());
    }

    /** A token with both roles: what most tests send. */
    public static String readWrite(String tenantId) {
        return token(tenantId, Auth.READ_ROLE, Auth.WRITE_ROLE);
    }

    public static String sign(JWTClaimsSet claims) {
        return sign(claims, KEY);
    }

    public static String sign(JWTClaimsSet claims, RSAKey key) {
        try {
            SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(key.getKeyID()).build(), claims);
            jwt.sign(new RSASSASigner(key));
            return jwt.serialize();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    public static RSAKey generate(String keyId) {
        try {
            return new RSAKeyGenerator(2048).keyID(keyId).generate();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    public static Map<String, String> bearer(String token) {
        Map<String, String> headers = new HashMap<>();
        headers.put("Authorization", "Bearer " + token);
        return headers;
    }

    /** Writes the public JWKS of the test key to a file, as AUTH_JWKS_FILE reads it. */
    public static Path jwksFile(Path dir) {
        try {
            return Files.writeString(dir.resolve("jwks.json"), new JWKSet(KEY.toPublicJWK()).toString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Development settings: the in-memory store and this class's key as the issuer's (AUTH_JWKS_FILE). */
    public static Map<String, String> developmentSettings(Path dir) {
        Map<String, String> settings = new HashMap<>();
        settings.put("STORE", "memory");
        settings.put("AUTH_ISSUER", ISSUER);
        settings.put("AUTH_AUDIENCE", AUDIENCE);
        settings.put("AUTH_JWKS_FILE", jwksFile(dir).toString());
        return settings;
    }
}
