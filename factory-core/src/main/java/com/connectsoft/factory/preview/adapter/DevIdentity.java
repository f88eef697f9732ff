package com.connectsoft.factory.preview.adapter;

import com.connectsoft.factory.preview.domain.SigningKey;
import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;

/**
 * A preview session's development identity: a signing key made for the session (kept in memory only), its public
 * JWKS (what the modules get as {@code AUTH_JWKS_FILE}) and RS256 tokens carrying a tenant ({@code tid}) and roles, for
 * the issuer and audience the modules are told ({@code AUTH_ISSUER}, {@code AUTH_AUDIENCE}).
 */
public final class DevIdentity implements SigningKey {
    private final RSAKey key;
    private final String issuer;
    private final String audience;

    private DevIdentity(RSAKey key, String issuer, String audience) {
        this.key = key;
        this.issuer = issuer;
        this.audience = audience;
    }

    /** A new key for {@code issuer} and {@code audience}. */
    public static DevIdentity create(String issuer, String audience) {
        try {
            RSAKey key = new RSAKeyGenerator(2048).keyUse(KeyUse.SIGNATURE).algorithm(JWSAlgorithm.RS256)
                    .keyID("preview-" + Long.toHexString(System.nanoTime())).generate();
            return new DevIdentity(key, issuer, audience);
        } catch (JOSEException e) {
            throw new IllegalStateException("cannot make a development signing key", e);
        }
    }

    @Override
    public String issuer() {
        return issuer;
    }

    @Override
    public String audience() {
        return audience;
    }

    @Override
    public String jwks() {
        return new JWKSet(key.toPublicJWK()).toString(true);
    }

    @Override
    public String token(String tenant, List<String> roles, Instant now, Duration validity) {
        JWTClaimsSet claims = new JWTClaimsSet.Builder().issuer(issuer).audience(audience).subject("factory-preview")
                .claim("tid", tenant).claim("roles", List.copyOf(roles)).issueTime(Date.from(now)).notBeforeTime(Date.from(now))
                .expirationTime(Date.from(now.plus(validity))).build();
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).type(JOSEObjectType.JWT).keyID(key.getKeyID()).build(), claims);
        try {
            jwt.sign(new RSASSASigner(key));
        } catch (JOSEException e) {
            throw new IllegalStateException("cannot sign a development token", e);
        }
        return jwt.serialize();
    }
}
