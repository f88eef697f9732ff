package com.connectsoft.factory.tenancy.adapter.entra;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.KeySourceException;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.jwk.source.JWKSourceBuilder;
import com.nimbusds.jose.jwk.source.RateLimitReachedException;
import com.nimbusds.jose.proc.BadJOSEException;
import com.nimbusds.jose.proc.JWSVerificationKeySelector;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jwt.JWT;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.JWTParser;
import com.nimbusds.jwt.SignedJWT;
import com.nimbusds.jwt.proc.BadJWTException;
import com.nimbusds.jwt.proc.DefaultJWTProcessor;
import com.nimbusds.jwt.proc.JWTClaimsSetVerifier;
import java.net.MalformedURLException;
import java.text.ParseException;
import java.time.Clock;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Validates Entra ID v2.0 access tokens in process (nimbus-jose-jwt): the signature must be RS256 and verify with an
 * RSA key of the issuer's published key set (fetched with a deadline and a size limit, cached, fetched again when a
 * token names a key id the cache does not hold, at most once per refetch interval); {@code alg: none}, HMAC, EC and
 * any other algorithm, keys of another type and keys embedded in the token itself are refused. Then the claims:
 * {@code tid} a GUID, {@code iss} exactly the issuer of that {@code tid}, {@code aud} one of the accepted audiences,
 * {@code exp} and {@code nbf} within the clock skew.
 */
public final class EntraTokenVerifier implements AutoCloseable {
    /** Longer bearer values are refused before parsing. */
    static final int MAX_TOKEN_CHARS = 16 * 1024;
    private static final Pattern GUID = Pattern.compile("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");

    /** What a bearer value turned out to be. */
    public sealed interface Result {
        /** A valid token of directory {@code tid}. */
        record Verified(String tid, String subject) implements Result {
        }

        /** Not a JWT at all (for example a tenant API key). */
        record NotAJwt() implements Result {
        }

        /** A JWT that is not valid here; {@code reason} names the check that failed and how to fix it. */
        record Invalid(Check check, String reason) implements Result {
        }

        /** The key set could not be fetched, so nothing can be verified now. */
        record KeysUnavailable(String reason) implements Result {
        }
    }

    /** The check a token failed. */
    public enum Check { FORMAT, ALGORITHM, SIGNATURE, EXPIRED, NOT_YET_VALID, AUDIENCE, ISSUER, TENANT }

    private final EntraSettings settings;
    private final Clock clock;
    private final BoundedResourceRetriever retriever;
    private final DefaultJWTProcessor<SecurityContext> processor = new DefaultJWTProcessor<>();

    public EntraTokenVerifier(EntraSettings settings, Clock clock) {
        this.settings = settings;
        this.clock = clock;
        this.retriever = new BoundedResourceRetriever(settings.fetchTimeout(), settings.maxJwksBytes());
        JWKSource<SecurityContext> keys;
        try {
            keys = JWKSourceBuilder.<SecurityContext>create(settings.jwksUrl().toURL(), retriever)
                    .cache(settings.cacheTtl().toMillis(), settings.fetchTimeout().toMillis() + 1000)
                    .refreshAheadCache(false)
                    .rateLimited(settings.refetchInterval().toMillis())
                    .retrying(false)
                    .outageTolerant(false)
                    .build();
        } catch (MalformedURLException e) {
            throw new IllegalArgumentException(EntraSettings.JWKS_URL + " is not a URL: " + settings.jwksUrl());
        }
        processor.setJWSKeySelector(new JWSVerificationKeySelector<>(JWSAlgorithm.RS256, keys));
        processor.setJWTClaimsSetVerifier(new Claims());
    }

    public Result verify(String bearer) {
        if (bearer.length() > MAX_TOKEN_CHARS) {
            return new Result.Invalid(Check.FORMAT, "the bearer token is longer than " + MAX_TOKEN_CHARS + " characters");
        }
        JWT jwt;
        try {
            jwt = JWTParser.parse(bearer);
        } catch (ParseException e) {
            return new Result.NotAJwt();
        }
        if (!(jwt instanceof SignedJWT signed)) {
            return new Result.Invalid(Check.ALGORITHM, "unsigned (alg none) and encrypted tokens are refused: send an Entra ID access "
                    + "token, signed with RS256");
        }
        if (!JWSAlgorithm.RS256.equals(signed.getHeader().getAlgorithm())) {
            return new Result.Invalid(Check.ALGORITHM, "tokens signed with " + abbreviate(signed.getHeader().getAlgorithm().getName())
                    + " are refused: Entra ID access tokens are signed with RS256");
        }
        try {
            JWTClaimsSet claims = processor.process(signed, null);
            return new Result.Verified(claims.getStringClaim("tid"), claims.getSubject() == null ? "" : claims.getSubject());
        } catch (Refused e) {
            return new Result.Invalid(e.check, e.getMessage());
        } catch (RateLimitReachedException e) {
            return new Result.Invalid(Check.SIGNATURE, "the token names a key id the issuer's published keys do not hold");
        } catch (KeySourceException e) {
            return new Result.KeysUnavailable("the signing keys at " + settings.jwksUrl() + " could not be fetched");
        } catch (BadJOSEException | JOSEException | ParseException e) {
            return new Result.Invalid(Check.SIGNATURE, "the token's signature does not verify with the issuer's published RSA keys "
                    + "(unknown key id, wrong key or tampered token)");
        }
    }

    @Override
    public void close() {
        retriever.close();
    }

    /** A failed claim check, carrying which one. */
    private static final class Refused extends BadJWTException {
        private final Check check;

        Refused(Check check, String message) {
            super(message);
            this.check = check;
        }
    }

    /** The claim checks, run by the processor only after the signature verified. */
    private final class Claims implements JWTClaimsSetVerifier<SecurityContext> {
        @Override
        public void verify(JWTClaimsSet claims, SecurityContext context) throws BadJWTException {
            String tid;
            try {
                tid = claims.getStringClaim("tid");
            } catch (ParseException e) {
                throw new Refused(Check.TENANT, "the token's tid claim is not a string");
            }
            if (tid == null || !GUID.matcher(tid).matches()) {
                throw new Refused(Check.TENANT, "the token has no tid (directory tenant id) claim");
            }
            String expectedIssuer = settings.issuerTemplate().replace(EntraSettings.TENANT_PLACEHOLDER, tid);
            if (!expectedIssuer.equals(claims.getIssuer())) {
                throw new Refused(Check.ISSUER, "the token was issued by '" + abbreviate(String.valueOf(claims.getIssuer())) + "', not '"
                        + expectedIssuer + "' (only v2.0 access tokens are accepted: set the app registration's "
                        + "requestedAccessTokenVersion to 2)");
            }
            List<String> audience = claims.getAudience();
            if (audience == null || audience.stream().noneMatch(settings.audiences()::contains)) {
                throw new Refused(Check.AUDIENCE, "the token is for audience " + abbreviate(String.valueOf(audience))
                        + ", not this factory's API (" + EntraSettings.AUDIENCE + ")");
            }
            Instant now = clock.instant();
            Date exp = claims.getExpirationTime();
            if (exp == null) {
                throw new Refused(Check.EXPIRED, "the token has no exp (expiry) claim");
            }
            if (now.isAfter(exp.toInstant().plus(settings.clockSkew()))) {
                throw new Refused(Check.EXPIRED, "the token expired at " + exp.toInstant() + "; get a new one");
            }
            Date nbf = claims.getNotBeforeTime();
            if (nbf != null && now.plus(settings.clockSkew()).isBefore(nbf.toInstant())) {
                throw new Refused(Check.NOT_YET_VALID, "the token is not valid before " + nbf.toInstant());
            }
        }
    }

    private static String abbreviate(String s) {
        String printable = s.codePoints().filter(c -> c >= 0x20 && c < 0x7f).limit(120)
                .collect(StringBuilder::new, StringBuilder::appendCodePoint, StringBuilder::append).toString();
        return printable.length() < s.length() ? printable + "…" : printable;
    }
}
