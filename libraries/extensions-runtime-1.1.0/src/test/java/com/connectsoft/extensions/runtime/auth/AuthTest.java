package com.connectsoft.extensions.runtime.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jose.jwk.source.ImmutableJWKSet;
import com.nimbusds.jose.util.Resource;
import com.nimbusds.jose.util.ResourceRetriever;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.PlainJWT;
import com.nimbusds.jwt.SignedJWT;
import java.net.URL;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** Bearer tokens: only a token signed by the issuer's key, for this issuer and audience, in its lifetime, with a tenant, passes. */
class AuthTest {
    private static final String TENANT = "tenant-a";

    private final Auth auth = TestTokens.newAuth();

    private Auth.Decision read(String token) {
        return auth.authorize(TestTokens.bearer(token), Auth.Access.READ);
    }

    private static Auth.Decision.Refused refused(Auth.Decision d, int status) {
        Auth.Decision.Refused r = assertInstanceOf(Auth.Decision.Refused.class, d, () -> "expected a refusal, got " + d);
        assertEquals(status, r.status(), r::description);
        return r;
    }

    private static void invalidToken(Auth.Decision d) {
        Auth.Decision.Refused r = refused(d, 401);
        assertEquals("invalid_token", r.error());
        assertTrue(r.challenge().orElseThrow().startsWith("Bearer error=\"invalid_token\""), r.challenge().orElseThrow());
    }

    private static String withTime(Instant notBefore, Instant expires) {
        return TestTokens.sign(TestTokens.claims(TENANT, Auth.READ_ROLE).notBeforeTime(Date.from(notBefore))
                .expirationTime(Date.from(expires)).build());
    }

    @Test
    void anAuthNeedsAnIssuerAnAudienceAndKeys() {
        var keys = new ImmutableJWKSet<com.nimbusds.jose.proc.SecurityContext>(new JWKSet(TestTokens.KEY.toPublicJWK()));
        IllegalArgumentException issuer = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> new Auth(" ", TestTokens.AUDIENCE, keys));
        assertTrue(issuer.getMessage().contains("issuer"), issuer.getMessage());
        IllegalArgumentException audience = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> new Auth(TestTokens.ISSUER, null, keys));
        assertTrue(audience.getMessage().contains("audience"), audience.getMessage());
        org.junit.jupiter.api.Assertions.assertThrows(NullPointerException.class, () -> new Auth(TestTokens.ISSUER, TestTokens.AUDIENCE, null));
    }

    @Test
    void aValidTokenGivesItsTenantSubjectAndRoles() {
        Auth.Decision d = read(TestTokens.token(TENANT, Auth.READ_ROLE, "Something.Else"));
        Auth.Principal p = assertInstanceOf(Auth.Decision.Allowed.class, d).principal();
        assertEquals(TENANT, p.tenantId());
        assertEquals("user-of-" + TENANT, p.subject());
        assertEquals(Set.of(Auth.READ_ROLE, "Something.Else"), p.roles());
    }

    @Test
    void theSchemeAndHeaderNameAreCaseInsensitive() {
        String token = TestTokens.readWrite(TENANT);
        assertInstanceOf(Auth.Decision.Allowed.class, auth.authorize(Map.of("AUTHORIZATION", "bearer " + token), Auth.Access.WRITE));
        assertInstanceOf(Auth.Decision.Allowed.class, auth.authorize(Map.of("authorization", "BEARER " + token), Auth.Access.WRITE));
    }

    @Test
    void noTokenIs401WithABareBearerChallenge() {
        for (Map<String, String> headers : List.of(Map.<String, String>of(), Map.of("Authorization", "Basic dXNlcjpwYXNz"),
                Map.of("Authorization", "Bearer"), Map.of("Authorization", "Bearer    "), Map.of("Authorization", "Bearertoken"),
                Map.of("X-Tenant-Id", TENANT))) {
            Auth.Decision.Refused r = refused(auth.authorize(headers, Auth.Access.READ), 401);
            assertEquals("Bearer", r.challenge().orElseThrow(), headers.toString());
        }
    }

    @Test
    void aTokenSignedByAnotherKeyIs401() {
        RSAKey forger = TestTokens.forgerKey();
        invalidToken(read(TestTokens.sign(TestTokens.claims(TENANT, Auth.READ_ROLE).build(), forger)));
    }

    @Test
    void aTamperedPayloadIs401() {
        String[] parts = TestTokens.token(TENANT, Auth.READ_ROLE).split("\\.");
        String other = TestTokens.token("tenant-b", Auth.READ_ROLE).split("\\.")[1];
        invalidToken(read(parts[0] + "." + other + "." + parts[2]));
    }

    @Test
    void anotherIssuerOrAudienceIs401() {
        invalidToken(read(TestTokens.sign(TestTokens.claims(TENANT, Auth.READ_ROLE).issuer("https://evil.example/v2.0").build())));
        invalidToken(read(TestTokens.sign(TestTokens.claims(TENANT, Auth.READ_ROLE).audience("api://another-api").build())));
        invalidToken(read(TestTokens.sign(TestTokens.claims(TENANT, Auth.READ_ROLE).audience((String) null).build())));
        invalidToken(read(TestTokens.sign(TestTokens.claims(TENANT, Auth.READ_ROLE).issuer(null).build())));
        assertInstanceOf(Auth.Decision.Allowed.class, read(TestTokens.sign(TestTokens.claims(TENANT, Auth.READ_ROLE)
                .audience(List.of("api://another-api", TestTokens.AUDIENCE)).build())), "aud is a list containing this API");
    }

    @Test
    void expiredAndNotYetValidTokensAre401BeyondASixtySecondSkew() {
        Instant now = Instant.now();
        invalidToken(read(withTime(now.minusSeconds(900), now.minusSeconds(Auth.MAX_CLOCK_SKEW_SECONDS + 30))));
        invalidToken(read(withTime(now.plusSeconds(Auth.MAX_CLOCK_SKEW_SECONDS + 30), now.plusSeconds(900))));
        assertInstanceOf(Auth.Decision.Allowed.class, read(withTime(now.minusSeconds(900), now.minusSeconds(20))), "expired within the skew");
        assertInstanceOf(Auth.Decision.Allowed.class, read(withTime(now.plusSeconds(20), now.plusSeconds(900))), "early within the skew");
        invalidToken(read(TestTokens.sign(TestTokens.claims(TENANT, Auth.READ_ROLE).expirationTime(null).build())));
    }

    @Test
    void unsecuredTokensAre401() {
        invalidToken(read(new PlainJWT(TestTokens.claims(TENANT, Auth.READ_ROLE).build()).serialize()));
        String signed = TestTokens.token(TENANT, Auth.READ_ROLE);
        invalidToken(read(signed.substring(0, signed.lastIndexOf('.') + 1)));
    }

    @Test
    void anHmacTokenKeyedWithThePublicKeyIs401() throws Exception {
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.HS256).keyID(TestTokens.KEY.getKeyID()).build(),
                TestTokens.claims(TENANT, Auth.READ_ROLE).build());
        jwt.sign(new MACSigner(TestTokens.KEY.toRSAPublicKey().getEncoded()));
        invalidToken(read(jwt.serialize()));
    }

    @Test
    void onlyRs256AndEs256AreAccepted() throws Exception {
        ECKey ec = new ECKeyGenerator(Curve.P_256).keyID("ec-1").generate();
        Auth auth = new Auth(TestTokens.ISSUER, TestTokens.AUDIENCE,
                new ImmutableJWKSet<>(new JWKSet(List.of(TestTokens.KEY.toPublicJWK(), ec.toPublicJWK()))));
        SignedJWT es = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.ES256).keyID("ec-1").build(), TestTokens.claims(TENANT, Auth.READ_ROLE).build());
        es.sign(new ECDSASigner(ec));
        assertInstanceOf(Auth.Decision.Allowed.class, auth.authorize(TestTokens.bearer(es.serialize()), Auth.Access.READ));
        SignedJWT rs384 = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS384).keyID(TestTokens.KEY.getKeyID()).build(),
                TestTokens.claims(TENANT, Auth.READ_ROLE).build());
        rs384.sign(new RSASSASigner(TestTokens.KEY));
        invalidToken(auth.authorize(TestTokens.bearer(rs384.serialize()), Auth.Access.READ));
    }

    @Test
    void aTokenWithoutAUsableTenantIs401() {
        invalidToken(read(TestTokens.sign(TestTokens.claims(TENANT, Auth.READ_ROLE).claim("tid", null).build())));
        invalidToken(read(TestTokens.sign(TestTokens.claims("../other", Auth.READ_ROLE).build())));
        invalidToken(read(TestTokens.sign(TestTokens.claims(TENANT, Auth.READ_ROLE).claim("tid", 42).build())));
        invalidToken(read("not-a-jwt"));
    }

    private static String padded(int payloadPad, int headerPad) throws Exception {
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(TestTokens.KEY.getKeyID())
                .customParam("pad", "y".repeat(headerPad)).build(),
                TestTokens.claims(TENANT, Auth.READ_ROLE).claim("pad", "x".repeat(payloadPad)).build());
        jwt.sign(new RSASSASigner(TestTokens.KEY));
        return jwt.serialize();
    }

    @Test
    void aTokenLongerThanTheLimitIs401EvenWhenValid() throws Exception {
        String atLimit = null;
        int pad = 5000;
        while (padded(pad, 0).length() < Auth.MAX_TOKEN_CHARS - 8) {
            pad += 64;
        }
        for (int p = pad - 64; p < pad + 16 && atLimit == null; p++) {
            for (int h = 0; h < 4 && atLimit == null; h++) {
                String t = padded(p, h);
                atLimit = t.length() == Auth.MAX_TOKEN_CHARS ? t : null;
            }
        }
        assertInstanceOf(Auth.Decision.Allowed.class, read(atLimit), "a token of exactly " + Auth.MAX_TOKEN_CHARS + " characters");
        String over = padded(pad + 16, 0);
        assertTrue(over.length() > Auth.MAX_TOKEN_CHARS);
        Auth.Decision.Refused r = refused(read(over), 401);
        assertTrue(r.description().contains(String.valueOf(Auth.MAX_TOKEN_CHARS)), r.description());
    }

    @Test
    void readNeedsAReadOrWriteRoleAndWriteNeedsTheWriteRole() {
        Map<String, String> reader = TestTokens.bearer(TestTokens.token(TENANT, Auth.READ_ROLE));
        Map<String, String> writer = TestTokens.bearer(TestTokens.token(TENANT, Auth.WRITE_ROLE));
        Map<String, String> nobody = TestTokens.bearer(TestTokens.token(TENANT));
        assertInstanceOf(Auth.Decision.Allowed.class, auth.authorize(reader, Auth.Access.READ));
        assertInstanceOf(Auth.Decision.Allowed.class, auth.authorize(writer, Auth.Access.READ));
        assertInstanceOf(Auth.Decision.Allowed.class, auth.authorize(writer, Auth.Access.WRITE));
        Auth.Decision.Refused r = refused(auth.authorize(reader, Auth.Access.WRITE), 403);
        assertEquals("insufficient_scope", r.error());
        assertTrue(r.challenge().orElseThrow().contains("insufficient_scope"));
        assertTrue(r.description().contains(Auth.WRITE_ROLE), r.description());
        Auth.Decision.Refused noRead = refused(auth.authorize(nobody, Auth.Access.READ), 403);
        assertTrue(noRead.description().contains(Auth.READ_ROLE), noRead.description());
        assertTrue(!r.description().contains(Auth.READ_ROLE), "writing needs Data.Write only: " + r.description());
        refused(auth.authorize(nobody, Auth.Access.WRITE), 403);
        Map<String, String> notAList = TestTokens.bearer(TestTokens.sign(TestTokens.claims(TENANT).claim("roles", Auth.WRITE_ROLE).build()));
        refused(auth.authorize(notAList, Auth.Access.READ), 403);
    }

    @Test
    void remoteKeysAreFetchedOnceAndCached() throws Exception {
        AtomicInteger fetches = new AtomicInteger();
        String jwks = new JWKSet(TestTokens.KEY.toPublicJWK()).toString();
        URL url = new URL("https://login.example/keys");
        ResourceRetriever retriever = u -> {
            assertEquals(url, u);
            fetches.incrementAndGet();
            return new Resource(jwks, "application/json");
        };
        Auth auth = Auth.remote(TestTokens.ISSUER, TestTokens.AUDIENCE, url, retriever);
        for (int i = 0; i < 3; i++) {
            assertInstanceOf(Auth.Decision.Allowed.class, auth.authorize(TestTokens.bearer(TestTokens.readWrite(TENANT)), Auth.Access.WRITE));
        }
        assertEquals(1, fetches.get());
    }

    @Test
    void unreachableKeysAre503NotAnAcceptedToken() throws Exception {
        AtomicInteger fetches = new AtomicInteger();
        Auth auth = Auth.remote(TestTokens.ISSUER, TestTokens.AUDIENCE, new URL("https://login.example/keys"), u -> {
            fetches.incrementAndGet();
            throw new java.net.SocketTimeoutException("read timed out");
        });
        Auth.Decision.Refused r = refused(auth.authorize(TestTokens.bearer(TestTokens.readWrite(TENANT)), Auth.Access.READ), 503);
        assertTrue(r.challenge().isEmpty());
        assertTrue(fetches.get() >= 1);
    }
}
