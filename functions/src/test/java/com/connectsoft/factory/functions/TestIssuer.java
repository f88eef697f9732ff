package com.connectsoft.factory.functions;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.sun.net.httpserver.HttpServer;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Date;

/** A local stand-in for Entra ID: an RSA key, its JWKS on a loopback port, and v2.0-shaped access tokens. */
final class TestIssuer implements AutoCloseable {
    static final String AUDIENCE = "11111111-2222-3333-4444-555555555555";
    private final RSAKey key;
    private final HttpServer server;

    TestIssuer() throws Exception {
        key = new RSAKeyGenerator(2048).keyID("key-1").generate();
        byte[] jwks = new JWKSet(key.toPublicJWK()).toString(true).getBytes(StandardCharsets.UTF_8);
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 8);
        server.createContext("/keys", ex -> {
            ex.getResponseHeaders().add("Content-Type", "application/json");
            ex.sendResponseHeaders(200, jwks.length);
            try (OutputStream out = ex.getResponseBody()) {
                out.write(jwks);
            }
        });
        server.start();
    }

    String jwksUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/keys";
    }

    String issuer(String tid) {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/" + tid + "/v2.0";
    }

    String token(String tid) throws JOSEException {
        return tokenFor(tid, AUDIENCE);
    }

    String tokenFor(String tid, String audience) throws JOSEException {
        Instant now = Instant.now();
        JWTClaimsSet claims = new JWTClaimsSet.Builder().issuer(issuer(tid)).audience(audience).subject("user").claim("tid", tid)
                .claim("ver", "2.0").issueTime(Date.from(now)).notBeforeTime(Date.from(now)).expirationTime(Date.from(now.plusSeconds(600))).build();
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(key.getKeyID()).build(), claims);
        jwt.sign(new RSASSASigner(key));
        return jwt.serialize();
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
