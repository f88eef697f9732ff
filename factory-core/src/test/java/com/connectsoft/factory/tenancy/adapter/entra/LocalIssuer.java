package com.connectsoft.factory.tenancy.adapter.entra;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSSigner;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/**
 * A stand-in for Entra ID in tests: its own RSA keys, a JWKS endpoint on a loopback port (counting fetches; it can
 * publish other keys, answer slowly or answer too much), and access tokens shaped like Entra's v2.0 tokens.
 */
public final class LocalIssuer implements AutoCloseable {
    public static final String AUDIENCE = "11111111-2222-3333-4444-555555555555";
    public static final String DIRECTORY_A = "aaaaaaaa-0000-4000-8000-000000000001";
    public static final String DIRECTORY_B = "bbbbbbbb-0000-4000-8000-000000000002";

    public final RSAKey key;
    private final HttpServer server;
    private final AtomicInteger fetches = new AtomicInteger();
    private volatile List<JWK> published;
    /** Replaces the normal answer (slow, huge) when set. */
    private volatile Consumer<com.sun.net.httpserver.HttpExchange> misbehave;

    public LocalIssuer() throws Exception {
        key = rsa("key-1");
        published = List.of(key.toPublicJWK());
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 16);
        server.createContext("/keys", ex -> {
            fetches.incrementAndGet();
            Consumer<com.sun.net.httpserver.HttpExchange> m = misbehave;
            if (m != null) {
                m.accept(ex);
                return;
            }
            byte[] body = new JWKSet(new ArrayList<>(published)).toString(true).getBytes(StandardCharsets.UTF_8);
            ex.getResponseHeaders().add("Content-Type", "application/json");
            ex.sendResponseHeaders(200, body.length);
            try (OutputStream out = ex.getResponseBody()) {
                out.write(body);
            }
        });
        server.setExecutor(java.util.concurrent.Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "local-issuer");
            t.setDaemon(true);
            return t;
        }));
        server.start();
    }

    public static RSAKey rsa(String kid) throws JOSEException {
        return new RSAKeyGenerator(2048).keyID(kid).generate();
    }

    public URI jwksUrl() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/keys");
    }

    /** The issuer of a directory, as Entra's v2.0 endpoint names it, on this stand-in's host. */
    public String issuer(String tid) {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/" + tid + "/v2.0";
    }

    public String issuerTemplate() {
        return issuer(EntraSettings.TENANT_PLACEHOLDER);
    }

    /** Settings for a verifier against this issuer (refetch interval and deadline as given). */
    public EntraSettings settings(Duration refetchInterval, Duration fetchTimeout) {
        return new EntraSettings(List.of(AUDIENCE), issuerTemplate(), jwksUrl(), Duration.ofSeconds(60), fetchTimeout, 64 * 1024,
                Duration.ofHours(1), refetchInterval);
    }

    public int fetches() {
        return fetches.get();
    }

    public void publish(JWK... keys) {
        published = List.of(keys);
    }

    public void misbehave(Consumer<com.sun.net.httpserver.HttpExchange> m) {
        misbehave = m;
    }

    /** Claims of a valid v2.0 access token of {@code tid} for the factory, issued at {@code now}. */
    public JWTClaimsSet.Builder claims(String tid, Instant now) {
        return new JWTClaimsSet.Builder().issuer(issuer(tid)).audience(AUDIENCE).subject("user-" + tid.substring(0, 8))
                .claim("tid", tid).claim("ver", "2.0").claim("oid", "00000000-0000-0000-0000-00000000000f")
                .issueTime(Date.from(now)).notBeforeTime(Date.from(now)).expirationTime(Date.from(now.plusSeconds(3600)));
    }

    public String token(JWTClaimsSet claims) throws JOSEException {
        return sign(claims, key, key.getKeyID());
    }

    public static String sign(JWTClaimsSet claims, RSAKey with, String kid) throws JOSEException {
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).type(JOSEObjectType.JWT).keyID(kid).build(), claims);
        JWSSigner signer = new RSASSASigner(with);
        jwt.sign(signer);
        return jwt.serialize();
    }

    /** Writes {@code bytes} in pieces with a pause between them (a slow or stalling key server). */
    public static void trickle(com.sun.net.httpserver.HttpExchange ex, byte[] bytes, Duration pause) {
        try (ex) {
            ex.sendResponseHeaders(200, 0);
            OutputStream out = ex.getResponseBody();
            for (byte b : bytes) {
                out.write(b);
                out.flush();
                Thread.sleep(pause.toMillis());
            }
        } catch (IOException | InterruptedException e) {
            // the client hung up: what a deadline is for
        }
    }


    @Override
    public void close() {
        server.stop(0);
    }
}
