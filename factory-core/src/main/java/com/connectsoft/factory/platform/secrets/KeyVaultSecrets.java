package com.connectsoft.factory.platform.secrets;

import com.azure.core.exception.HttpResponseException;
import com.azure.core.exception.ResourceNotFoundException;
import com.azure.identity.DefaultAzureCredentialBuilder;
import com.azure.security.keyvault.secrets.SecretClient;
import com.azure.security.keyvault.secrets.SecretClientBuilder;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Secrets from Azure Key Vault, read with the app's identity (DefaultAzureCredential: managed identity in Azure,
 * the developer's sign-in locally). Values and absences are cached for {@code cacheFor} so a hot path does not call
 * the vault on every request, and a rotated secret is picked up within that time; a failure is never cached. The
 * client retries throttling and server errors itself; what still fails surfaces as {@link SecretsUnavailableException}.
 */
public final class KeyVaultSecrets implements Secrets {
    private final SecretClient client;
    private final Duration cacheFor;
    private final Clock clock;
    private final Map<String, Cached> cache = new ConcurrentHashMap<>();

    private record Cached(Optional<String> value, Instant until) {
    }

    public KeyVaultSecrets(SecretClient client, Duration cacheFor, Clock clock) {
        this.client = Objects.requireNonNull(client, "client");
        this.cacheFor = Objects.requireNonNull(cacheFor, "cacheFor");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** The vault at {@code vaultUri} (https://<name>.vault.azure.net), signed in with DefaultAzureCredential. */
    public static KeyVaultSecrets connect(String vaultUri) {
        SecretClient client = new SecretClientBuilder().vaultUrl(vaultUri).credential(new DefaultAzureCredentialBuilder().build()).buildClient();
        return new KeyVaultSecrets(client, Duration.ofMinutes(5), Clock.systemUTC());
    }

    @Override
    public Optional<String> get(String name) {
        String key = SecretNames.check(name);
        Cached c = cache.get(key);
        Instant now = clock.instant();
        if (c != null && now.isBefore(c.until())) {
            return c.value();
        }
        Optional<String> value = read(name).filter(v -> !v.isBlank());
        cache.put(key, new Cached(value, now.plus(cacheFor)));
        return value;
    }

    private Optional<String> read(String name) {
        try {
            return Optional.ofNullable(client.getSecret(name).getValue());
        } catch (ResourceNotFoundException e) {
            return Optional.empty();
        } catch (HttpResponseException e) {
            int status = e.getResponse() == null ? 0 : e.getResponse().getStatusCode();
            throw new SecretsUnavailableException("Key Vault " + client.getVaultUrl() + " " + why(status) + " secret '" + name + "' (HTTP "
                    + status + ")" + advice(status), e);
        } catch (RuntimeException e) {
            throw new SecretsUnavailableException("Key Vault " + client.getVaultUrl() + " could not be reached for secret '" + name + "' ("
                    + e.getClass().getSimpleName() + "); check the network path to the vault and retry", e);
        }
    }

    private static String why(int status) {
        return status == 401 || status == 403 ? "refused" : "could not answer for";
    }

    private static String advice(int status) {
        if (status == 401 || status == 403) {
            return ": grant the app's identity the 'Key Vault Secrets User' role on the vault, and check that the secret is enabled";
        }
        if (status == 429 || status >= 500) {
            return " after the client's retries; the vault is throttling or unavailable, retry later";
        }
        return "";
    }
}
