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
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * Secrets from Azure Key Vault, read with the app's identity (DefaultAzureCredential: managed identity in Azure,
 * the developer's sign-in locally). Values are cached for a short time so a hot path does not call the vault on
 * every request, and a rotated secret is picked up within that time.
 */
public final class KeyVaultSecrets implements Secrets {
    private static final Pattern NAME = Pattern.compile("[0-9a-zA-Z-]{1,127}");
    private final SecretClient client;
    private final Duration cacheFor;
    private final Clock clock;
    private final Map<String, Cached> cache = new ConcurrentHashMap<>();

    private record Cached(Optional<String> value, Instant until) {
    }

    public KeyVaultSecrets(SecretClient client, Duration cacheFor, Clock clock) {
        this.client = client;
        this.cacheFor = cacheFor;
        this.clock = clock;
    }

    /** The vault at {@code vaultUri} (https://<name>.vault.azure.net), signed in with DefaultAzureCredential. */
    public static KeyVaultSecrets connect(String vaultUri) {
        SecretClient client = new SecretClientBuilder().vaultUrl(vaultUri).credential(new DefaultAzureCredentialBuilder().build()).buildClient();
        return new KeyVaultSecrets(client, Duration.ofMinutes(5), Clock.systemUTC());
    }

    @Override
    public Optional<String> get(String name) {
        if (name == null || !NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("'" + name + "' is not a Key Vault secret name (1-127 letters, digits or '-')");
        }
        Cached c = cache.get(name);
        Instant now = clock.instant();
        if (c != null && now.isBefore(c.until())) {
            return c.value();
        }
        Optional<String> value;
        try {
            value = Optional.ofNullable(client.getSecret(name).getValue());
        } catch (ResourceNotFoundException e) {
            value = Optional.empty();
        } catch (HttpResponseException e) {
            int status = e.getResponse() == null ? 0 : e.getResponse().getStatusCode();
            throw new IllegalStateException("Key Vault refused secret '" + name + "' (HTTP " + status + ")"
                    + (status == 401 || status == 403 ? ": grant the app's identity the 'Key Vault Secrets User' role on the vault" : ""), e);
        }
        cache.put(name, new Cached(value, now.plus(cacheFor)));
        return value;
    }
}
