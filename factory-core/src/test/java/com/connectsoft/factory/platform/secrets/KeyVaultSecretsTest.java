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
import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/** The Key Vault adapter at the HTTP boundary: the SDK's real requests, answered as the Key Vault REST API does. */
class KeyVaultSecretsTest {
    private static final String VAULT = "https://factory-test.vault.azure.net";

    /** Key Vault's REST API for GET /secrets/{name}: a bearer challenge first, then the secret, 404 or 403. */
    static final class Vault implements HttpClient {
        final List<HttpRequest> requests = new CopyOnWriteArrayList<>();
        final Map<String, String> secrets;
        final String forbidden;

        Vault(Map<String, String> secrets, String forbidden) {
            this.secrets = secrets;
            this.forbidden = forbidden;
        }

        @Override
        public Mono<HttpResponse> send(HttpRequest request) {
            requests.add(request);
            String auth = request.getHeaders().getValue(HttpHeaderName.AUTHORIZATION);
            if (auth == null) {
                return Mono.just(response(request, 401, "{}", "WWW-Authenticate",
                        "Bearer authorization=\"https://login.microsoftonline.com/72f988bf-86f1-41af-91ab-2d7cd011db47\", resource=\"https://vault.azure.net\""));
            }
            String name = request.getUrl().getPath().replaceFirst("^/secrets/", "").replaceAll("/.*", "");
            if (name.equals(forbidden)) {
                return Mono.just(response(request, 403, "{\"error\":{\"code\":\"Forbidden\",\"message\":\"no access\"}}"));
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

    private static KeyVaultSecrets secrets(Vault vault) {
        TokenCredential credential = request -> Mono.just(new AccessToken("token-for-" + String.join(",", request.getScopes()),
                OffsetDateTime.now().plusHours(1)));
        return new KeyVaultSecrets(new SecretClientBuilder().vaultUrl(VAULT).credential(credential).httpClient(vault)
                .disableChallengeResourceVerification().buildClient(), Duration.ofMinutes(5), Clock.systemUTC());
    }

    @Test
    void readsASecretWithABearerTokenAfterTheChallengeAndCachesIt() {
        Vault vault = new Vault(Map.of("admin-key", "s3cr3t"), null);
        KeyVaultSecrets s = secrets(vault);
        assertEquals(Optional.of("s3cr3t"), s.get("admin-key"));
        HttpRequest last = vault.requests.get(vault.requests.size() - 1);
        assertEquals("GET", last.getHttpMethod().name());
        assertEquals("/secrets/admin-key", last.getUrl().getPath().replaceFirst("/$", ""));
        assertTrue(last.getUrl().getQuery().contains("api-version="), last.getUrl().toString());
        assertTrue(last.getHeaders().getValue(HttpHeaderName.AUTHORIZATION).startsWith("Bearer token-for-https://vault.azure.net"),
                last.getHeaders().getValue(HttpHeaderName.AUTHORIZATION));
        int calls = vault.requests.size();
        assertEquals(Optional.of("s3cr3t"), s.get("admin-key"));
        assertEquals(calls, vault.requests.size(), "a second read within the cache time does not call the vault");
    }

    @Test
    void aMissingSecretIsEmptyAndARefusalSaysWhichRoleIsMissing() {
        KeyVaultSecrets s = secrets(new Vault(Map.of(), "locked"));
        assertEquals(Optional.empty(), s.get("nothing-here"));
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> s.get("locked"));
        assertTrue(e.getMessage().contains("403") && e.getMessage().contains("Key Vault Secrets User"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> s.get("bad name!"));
    }

    @Test
    void locallySecretsComeFromTheSettings() {
        SettingsSecrets s = new SettingsSecrets(Map.of("FACTORY_SECRET_ADMIN_KEY", "local"));
        assertEquals(Optional.of("local"), s.get("admin-key"));
        assertEquals(Optional.empty(), s.get("other"));
    }
}
