package com.connectsoft.factory.tenancy.adapter.entra;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.connectsoft.factory.tenancy.adapter.entra.EntraTokenVerifier.Check;
import com.connectsoft.factory.tenancy.adapter.entra.EntraTokenVerifier.Result;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.OctetSequenceKey;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jose.util.Base64URL;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.PlainJWT;
import com.nimbusds.jwt.SignedJWT;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Date;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Entra ID access tokens checked in process against a local issuer's keys: every check, and the key fetching's bounds. */
class EntraTokenVerifierTest {
    private static final Instant NOW = Instant.parse("2026-12-01T10:00:00Z");
    private LocalIssuer issuer;
    private EntraTokenVerifier verifier;

    @BeforeEach
    void start() throws Exception {
        issuer = new LocalIssuer();
        verifier = verifier(Duration.ofSeconds(30), Duration.ofSeconds(2));
    }

    @AfterEach
    void stop() {
        verifier.close();
        issuer.close();
    }

    private EntraTokenVerifier verifier(Duration refetch, Duration fetchTimeout) {
        return new EntraTokenVerifier(issuer.settings(refetch, fetchTimeout), Clock.fixed(NOW, ZoneOffset.UTC));
    }

    private JWTClaimsSet.Builder valid() {
        return issuer.claims(LocalIssuer.DIRECTORY_A, NOW.minusSeconds(60));
    }

    private static Check refused(Result r) {
        return assertInstanceOf(Result.Invalid.class, r, () -> "expected a refusal, got " + r).check();
    }

    @Test
    void aValidTokenGivesItsDirectory() throws Exception {
        Result r = verifier.verify(issuer.token(valid().build()));
        Result.Verified v = assertInstanceOf(Result.Verified.class, r, r::toString);
        assertEquals(LocalIssuer.DIRECTORY_A, v.tid());
        assertEquals(1, issuer.fetches());
        verifier.verify(issuer.token(valid().build()));
        assertEquals(1, issuer.fetches(), "the keys are cached");
    }

    @Test
    void anApiKeyIsNotAToken() {
        assertInstanceOf(Result.NotAJwt.class, verifier.verify("fk.acme." + "ab".repeat(24)));
        assertInstanceOf(Result.NotAJwt.class, verifier.verify("not a token"));
        assertEquals(0, issuer.fetches());
    }

    @Test
    void junkNeverThrowsAndNeverVerifies() {
        for (String junk : new String[] {"", ".", "..", "a.b", "a.b.c.d", "eyJhbGciOiJub25lIn0.", "eyJhbGciOiJub25lIn0..",
                "eyJ9.eyJ9.eyJ9", "eyJhbGciOiJSUzI1NiJ9.bm90IGpzb24.c2ln", "eyJhbGciOiJSUzI1NiJ9.e30.", "\u0000\u0001",
                "eyJhbGciOiJSUzI1NiIsImNyaXQiOlsiZXhwIl19.e30.c2ln", "eyJ" + "W".repeat(5000) + ".e30.c2ln"}) {
            Result r = verifier.verify(junk);
            assertTrue(r instanceof Result.NotAJwt || r instanceof Result.Invalid, junk + " gave " + r);
        }
    }

    @Test
    void claimsAreChecked() throws Exception {
        assertEquals(Check.AUDIENCE, refused(verifier.verify(issuer.token(valid().audience("api://someone-else").build()))));
        assertEquals(Check.ISSUER, refused(verifier.verify(issuer.token(valid().issuer(issuer.issuer(LocalIssuer.DIRECTORY_B)).build()))),
                "the issuer must be the token's own directory's");
        assertEquals(Check.ISSUER, refused(verifier.verify(issuer.token(valid().issuer("https://sts.windows.net/" + LocalIssuer.DIRECTORY_A + "/")
                .build()))), "v1.0 tokens are refused");
        assertEquals(Check.ISSUER, refused(verifier.verify(issuer.token(valid().issuer("https://evil.example/" + LocalIssuer.DIRECTORY_A + "/v2.0")
                .build()))));
        assertEquals(Check.EXPIRED, refused(verifier.verify(issuer.token(valid().expirationTime(Date.from(NOW.minusSeconds(120))).build()))));
        assertEquals(Check.EXPIRED, refused(verifier.verify(issuer.token(valid().expirationTime(null).build()))), "exp is required");
        assertEquals(Check.NOT_YET_VALID, refused(verifier.verify(issuer.token(valid().notBeforeTime(Date.from(NOW.plusSeconds(600))).build()))));
        assertEquals(Check.TENANT, refused(verifier.verify(issuer.token(valid().claim("tid", null).build()))));
        assertEquals(Check.TENANT, refused(verifier.verify(issuer.token(valid().claim("tid", "acme").issuer(issuer.issuer("acme")).build()))),
                "tid is a directory GUID, never a factory tenant id");
        // within the one-minute skew
        assertInstanceOf(Result.Verified.class, verifier.verify(issuer.token(valid().expirationTime(Date.from(NOW.minusSeconds(30))).build())));
        assertInstanceOf(Result.Verified.class, verifier.verify(issuer.token(valid().notBeforeTime(Date.from(NOW.plusSeconds(30))).build())));
    }

    @Test
    void signaturesOtherThanRs256WithAPublishedRsaKeyAreRefused() throws Exception {
        JWTClaimsSet claims = valid().build();
        assertEquals(Check.ALGORITHM, refused(verifier.verify(new PlainJWT(claims).serialize())), "alg none");

        // HS256 "signed" with the issuer's public key, the classic algorithm confusion
        SignedJWT hs = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.HS256).keyID(issuer.key.getKeyID()).build(), claims);
        hs.sign(new MACSigner(issuer.key.toRSAPublicKey().getEncoded()));
        assertEquals(Check.ALGORITHM, refused(verifier.verify(hs.serialize())));

        // ES256 with an EC key the issuer even publishes
        ECKey ec = new ECKeyGenerator(Curve.P_256).keyID("ec-1").generate();
        issuer.publish(issuer.key.toPublicJWK(), ec.toPublicJWK());
        SignedJWT es = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.ES256).keyID("ec-1").build(), claims);
        es.sign(new ECDSASigner(ec));
        assertEquals(Check.ALGORITHM, refused(verifier.verify(es.serialize())));

        // RS256 naming a published key of the wrong type (EC), and a symmetric key published under the RSA key's id
        assertEquals(Check.SIGNATURE, refused(verifier.verify(LocalIssuer.sign(claims, LocalIssuer.rsa("x"), "ec-1"))));
        OctetSequenceKey oct = new OctetSequenceKey.Builder(new byte[32]).keyID("oct-1").build();
        issuer.publish(issuer.key.toPublicJWK(), oct);
        assertEquals(Check.SIGNATURE, refused(verifier.verify(LocalIssuer.sign(claims, LocalIssuer.rsa("y"), "oct-1"))));

        // signed by another RSA key under the published key id; a tampered payload
        RSAKey other = LocalIssuer.rsa(issuer.key.getKeyID());
        assertEquals(Check.SIGNATURE, refused(verifier.verify(LocalIssuer.sign(claims, other, issuer.key.getKeyID()))));
        String[] parts = issuer.token(claims).split("\\.");
        String forged = parts[0] + "." + Base64URL.encode(claims.toString().replace(LocalIssuer.DIRECTORY_A, LocalIssuer.DIRECTORY_B)
                .getBytes(StandardCharsets.UTF_8)) + "." + parts[2];
        assertEquals(Check.SIGNATURE, refused(verifier.verify(forged)));

        // a key carried in the token's own header is never trusted
        RSAKey attacker = LocalIssuer.rsa("attacker");
        SignedJWT embedded = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).type(JOSEObjectType.JWT).keyID("attacker")
                .jwk(attacker.toPublicJWK()).build(), claims);
        embedded.sign(new com.nimbusds.jose.crypto.RSASSASigner(attacker));
        assertEquals(Check.SIGNATURE, refused(verifier.verify(embedded.serialize())));

        assertEquals(Check.FORMAT, refused(verifier.verify("eyJ" + "A".repeat(EntraTokenVerifier.MAX_TOKEN_CHARS))));
    }

    @Test
    void anUnknownKeyIdFetchesTheKeysAgainSoARotatedKeyWorks() throws Exception {
        verifier.close();
        verifier = verifier(Duration.ofMillis(1), Duration.ofSeconds(2));
        assertInstanceOf(Result.Verified.class, verifier.verify(issuer.token(valid().build())));
        RSAKey next = LocalIssuer.rsa("key-2");
        issuer.publish(issuer.key.toPublicJWK(), next.toPublicJWK());
        long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        Result r = verifier.verify(LocalIssuer.sign(valid().build(), next, "key-2"));
        while (!(r instanceof Result.Verified) && System.nanoTime() < deadline) {
            r = verifier.verify(LocalIssuer.sign(valid().build(), next, "key-2")); // past the refetch interval
        }
        assertInstanceOf(Result.Verified.class, r, r::toString);
        assertEquals(2, issuer.fetches(), "one fetch at first use, one for the new key id");
    }

    @Test
    void unknownKeyIdsCannotMakeTheVerifierHammerTheKeyServer() throws Exception {
        assertInstanceOf(Result.Verified.class, verifier.verify(issuer.token(valid().build())));
        RSAKey stranger = LocalIssuer.rsa("stranger");
        for (int i = 0; i < 50; i++) {
            assertEquals(Check.SIGNATURE, refused(verifier.verify(LocalIssuer.sign(valid().build(), stranger, "kid-" + UUID.randomUUID()))));
        }
        assertTrue(issuer.fetches() <= 3, "fetches for 50 unknown key ids within the refetch interval: " + issuer.fetches());
    }

    @Test
    void aSlowOrOversizedOrFailingKeyServerIsCutOffAndTheTokenIsNotTaken() throws Exception {
        verifier.close();
        verifier = verifier(Duration.ofMillis(1), Duration.ofMillis(800));
        issuer.misbehave(ex -> LocalIssuer.trickle(ex, "{\"keys\":[]}".repeat(100).getBytes(StandardCharsets.UTF_8), Duration.ofMillis(50)));
        long started = System.nanoTime();
        Result r = verifier.verify(issuer.token(valid().build()));
        long millis = Duration.ofNanos(System.nanoTime() - started).toMillis();
        assertInstanceOf(Result.KeysUnavailable.class, r, r::toString);
        assertTrue(millis < 2_500, "a trickling key server held the request for " + millis + " ms");

        issuer.misbehave(ex -> {
            try (ex) {
                byte[] huge = ("{\"keys\":[" + "{}, ".repeat(100_000) + "{}]}").getBytes(StandardCharsets.UTF_8);
                ex.sendResponseHeaders(200, 0);
                ex.getResponseBody().write(huge);
            } catch (java.io.IOException e) {
                // the client stopped reading at its limit
            }
        });
        assertInstanceOf(Result.KeysUnavailable.class, verifier.verify(issuer.token(valid().build())));

        issuer.misbehave(ex -> {
            try (ex) {
                ex.sendResponseHeaders(500, -1);
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });
        assertInstanceOf(Result.KeysUnavailable.class, verifier.verify(issuer.token(valid().build())));

        issuer.misbehave(null);
        assertInstanceOf(Result.Verified.class, verifier.verify(issuer.token(valid().build())), "works again once the server does");
    }

    @Test
    void settingsComeFromTheAppSettingsAndRefuseWhatCannotWork() {
        assertTrue(EntraSettings.from(Map.of()).isEmpty(), "no audience: token sign-in is off");
        EntraSettings s = EntraSettings.from(Map.of(EntraSettings.AUDIENCE, " a , api://b ")).orElseThrow();
        assertEquals(java.util.List.of("a", "api://b"), s.audiences());
        assertEquals(EntraSettings.DEFAULT_ISSUER, s.issuerTemplate());
        assertEquals(EntraSettings.DEFAULT_JWKS_URL, s.jwksUrl().toString());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> EntraSettings.from(Map.of(EntraSettings.AUDIENCE, "a",
                EntraSettings.ISSUER, "https://login.microsoftonline.com/common/v2.0")));
        assertTrue(e.getMessage().contains("{tenantid}"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> EntraSettings.from(Map.of(EntraSettings.AUDIENCE, "a",
                EntraSettings.JWKS_URL, "http://keys.example/keys")));
        assertTrue(e.getMessage().contains("https"), e.getMessage());
    }
}
