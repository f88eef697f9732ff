package com.connectsoft.factory.platform.secrets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.azure.core.credential.AccessToken;
import com.azure.core.credential.TokenCredential;
import com.azure.core.http.HttpClient;
import com.azure.core.http.HttpHeaderName;
import com.azure.core.http.HttpHeaders;
import com.azure.core.http.HttpRequest;
import com.azure.core.http.HttpResponse;
import com.azure.core.util.FluxUtil;
import com.azure.security.keyvault.secrets.SecretClientBuilder;
import java.nio.charset.StandardCharsets;
import com.azure.core.http.policy.FixedDelay;
import com.azure.core.http.policy.RetryPolicy;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * The Key Vault adapter at the HTTP boundary: the SDK's real requests, answered as the Key Vault REST API does. It
 * passes the Secrets contract; here also what only Key Vault does: the bearer challenge, caching within the cache
 * time, refusals, outages and an unreachable vault.
 */
class KeyVaultSecretsTest extends SecretsContract {
    private static final String VAULT = "https://factory-test.vault.azure.net";
    private static final Duration CACHE = Duration.ofMinutes(5);
    private final ManualClock clock = new ManualClock();
    private final Map<Secrets, Vault> vaults = new java.util.IdentityHashMap<>();

    /**
     * Key Vault's REST API for GET /secrets/{name}: a bearer challenge first, then the secret (names without regard
     * to case), 404, a status the test asks for, or a broken connection.
     */
    static final class Vault implements HttpClient {
        final List<HttpRequest> requests = new CopyOnWriteArrayList<>();
        final Map<String, String> secrets = new ConcurrentHashMap<>();
        final Map<String, Integer> failing = new ConcurrentHashMap<>();
        final AtomicInteger failuresLeft = new AtomicInteger(Integer.MAX_VALUE);
        volatile boolean unreachable;

        Vault(Map<String, String> secrets) {
            store(secrets);
        }

        void store(Map<String, String> now) {
            secrets.clear();
            now.forEach((k, v) -> secrets.put(k.toLowerCase(Locale.ROOT), v));
        }

        /** Answers {@code status} for the secret, the next {@code times} requests for it. */
        void fail(String name, int status, int times) {
            failing.put(name.toLowerCase(Locale.ROOT), status);
            failuresLeft.set(times);
        }

        long readsOf(String name) {
            return requests.stream().filter(r -> r.getHeaders().getValue(HttpHeaderName.AUTHORIZATION) != null)
                    .filter(r -> name(r).equalsIgnoreCase(name)).count();
        }

        private static String name(HttpRequest request) {
            return request.getUrl().getPath().replaceFirst("^/secrets/", "").replaceAll("/.*", "");
        }

        @Override
        public Mono<HttpResponse> send(HttpRequest request) {
            requests.add(request);
            if (unreachable) {
                return Mono.error(new java.net.ConnectException("Connection refused: factory-test.vault.azure.net/443"));
            }
            String auth = request.getHeaders().getValue(HttpHeaderName.AUTHORIZATION);
            if (auth == null) {
                return Mono.just(response(request, 401, "{}", "WWW-Authenticate",
                        "Bearer authorization=\"https://login.microsoftonline.com/72f988bf-86f1-41af-91ab-2d7cd011db47\", resource=\"https://vault.azure.net\""));
            }
            String name = name(request).toLowerCase(Locale.ROOT);
            Integer status = failing.get(name);
            if (status != null && failuresLeft.getAndDecrement() > 0) {
                return Mono.just(response(request, status, "{\"error\":{\"code\":\"" + (status == 403 ? "Forbidden" : "ServiceUnavailable")
                        + "\",\"message\":\"no\"}}"));
            }
            String value = secrets.get(name);
            if (value == null) {
                return Mono.just(response(request, 404, "{\"error\":{\"code\":\"SecretNotFound\",\"message\":\"A secret with (name/id) " + name
                        + " was not found in this key vault.\"}}"));
            }
            return Mono.just(response(request, 200, "{\"value\":\"" + value + "\",\"id\":\"" + VAULT + "/secrets/" + name
                    + "/0123456789abcdef\",\"attributes\":{\"enabled\":true}}"));
        }

        private static HttpResponse response(HttpRequest request, int status, String body, String... headers) {
            HttpHeaders h = new HttpHeaders().set(HttpHeaderName.CONTENT_TYPE, "application/json");
            for (int i = 0; i + 1 < headers.length; i += 2) {
                h.set(HttpHeaderName.fromString(headers[i]), headers[i + 1]);
            }
            byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
            return new HttpResponse(request) {
                @Override
                public int getStatusCode() {
                    return status;
                }

                @Override
                @Deprecated
                public String getHeaderValue(String name) {
                    return h.getValue(HttpHeaderName.fromString(name));
                }

                @Override
                public HttpHeaders getHeaders() {
                    return h;
                }

                @Override
                public Flux<java.nio.ByteBuffer> getBody() {
                    return Flux.just(java.nio.ByteBuffer.wrap(bytes));
                }

                @Override
                public Mono<byte[]> getBodyAsByteArray() {
                    return FluxUtil.collectBytesInByteBufferStream(getBody());
                }

                @Override
                public Mono<String> getBodyAsString() {
                    return Mono.just(body);
                }

                @Override
                public Mono<String> getBodyAsString(java.nio.charset.Charset charset) {
                    return Mono.just(body);
                }
            };
        }
    }

    static final class ManualClock extends Clock {
        private volatile Instant now = Instant.parse("2026-12-01T10:00:00Z");

        void advance(Duration d) {
            now = now.plus(d);
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }

    private KeyVaultSecrets secrets(Vault vault) {
        TokenCredential credential = request -> Mono.just(new AccessToken("token-for-" + String.join(",", request.getScopes()),
                OffsetDateTime.now().plusHours(1)));
        KeyVaultSecrets s = new KeyVaultSecrets(new SecretClientBuilder().vaultUrl(VAULT).credential(credential).httpClient(vault)
                .retryPolicy(new RetryPolicy(new FixedDelay(2, Duration.ofMillis(1))))
                .disableChallengeResourceVerification().buildClient(), CACHE, clock);
        vaults.put(s, vault);
        return s;
    }

    @Override
    protected Secrets secrets(Map<String, String> stored) {
        return secrets(new Vault(stored));
    }

    @Override
    protected Secrets afterChange(Secrets adapter, Map<String, String> nowStored) {
        vaults.get(adapter).store(nowStored);
        clock.advance(CACHE.plusSeconds(1));
        return adapter;
    }

    @Test
    void readsASecretWithABearerTokenAfterTheChallengeAndCachesValuesAndAbsences() {
        Vault vault = new Vault(Map.of("admin-key", "s3cr3t"));
        KeyVaultSecrets s = secrets(vault);
        assertEquals(Optional.of("s3cr3t"), s.get("admin-key"));
        HttpRequest last = vault.requests.get(vault.requests.size() - 1);
        assertEquals("GET", last.getHttpMethod().name());
        assertEquals("/secrets/admin-key", last.getUrl().getPath().replaceFirst("/$", ""));
        assertTrue(last.getUrl().getQuery().contains("api-version="), last.getUrl().toString());
        assertTrue(last.getHeaders().getValue(HttpHeaderName.AUTHORIZATION).startsWith("Bearer token-for-https://vault.azure.net"),
                last.getHeaders().getValue(HttpHeaderName.AUTHORIZATION));
        assertEquals(Optional.empty(), s.get("nothing-here"));
        int calls = vault.requests.size();
        vault.store(Map.of("admin-key", "rotated", "nothing-here", "created"));
        clock.advance(CACHE.minusSeconds(1));
        assertEquals(Optional.of("s3cr3t"), s.get("Admin-Key"), "within the cache time, whatever the case of the name");
        assertEquals(Optional.empty(), s.get("nothing-here"), "an absence is cached too");
        assertEquals(calls, vault.requests.size(), "reads within the cache time do not call the vault");
    }

    @Test
    void anInvalidNameNeverReachesTheVault() {
        Vault vault = new Vault(Map.of());
        KeyVaultSecrets s = secrets(vault);
        assertThrows(IllegalArgumentException.class, () -> s.get("../keys/admin"));
        assertThrows(IllegalArgumentException.class, () -> s.get("admin-key?api-version=1"));
        assertEquals(List.of(), vault.requests);
    }

    @Test
    void aRefusalSaysWhichRoleIsMissingAndIsNotCached() {
        Vault vault = new Vault(Map.of("locked", "behind-rbac"));
        vault.fail("locked", 403, 1);
        KeyVaultSecrets s = secrets(vault);
        SecretsUnavailableException e = assertThrows(SecretsUnavailableException.class, () -> s.get("locked"));
        assertTrue(e.getMessage().contains("403") && e.getMessage().contains("Key Vault Secrets User") && e.getMessage().contains("'locked'")
                && e.getMessage().contains(VAULT), e.getMessage());
        assertEquals(Optional.of("behind-rbac"), s.get("locked"), "once access is granted the next read succeeds: the refusal was not cached");
    }

    @Test
    void anOutageIsRetriedByTheClientThenSurfacesAsUnavailableAndIsNotCached() {
        Vault vault = new Vault(Map.of("admin-key", "s3cr3t"));
        KeyVaultSecrets s = secrets(vault);
        vault.fail("admin-key", 503, 2);
        assertEquals(Optional.of("s3cr3t"), s.get("admin-key"), "two 503s are ridden out by the client's retries");
        assertEquals(3, vault.readsOf("admin-key"));

        clock.advance(CACHE.plusSeconds(1));
        vault.fail("admin-key", 500, 100);
        SecretsUnavailableException e = assertThrows(SecretsUnavailableException.class, () -> s.get("admin-key"));
        assertTrue(e.getMessage().contains("HTTP 500") && e.getMessage().contains("retry later") && !e.getMessage().contains("s3cr3t"),
                e.getMessage());
        vault.failing.clear();
        assertEquals(Optional.of("s3cr3t"), s.get("admin-key"), "the outage was not cached as an absence");
    }

    @Test
    void anUnreachableVaultSurfacesAsUnavailableNeverAsAbsent() {
        Vault vault = new Vault(Map.of("admin-key", "s3cr3t"));
        vault.unreachable = true;
        KeyVaultSecrets s = secrets(vault);
        SecretsUnavailableException e = assertThrows(SecretsUnavailableException.class, () -> s.get("admin-key"));
        assertTrue(e.getMessage().contains("could not be reached") && e.getMessage().contains("'admin-key'"), e.getMessage());
        vault.unreachable = false;
        assertEquals(Optional.of("s3cr3t"), s.get("admin-key"));
    }
}
