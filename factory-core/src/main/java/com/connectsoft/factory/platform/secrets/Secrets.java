package com.connectsoft.factory.platform.secrets;

import java.util.Optional;

/**
 * Named secrets (API keys of model endpoints, the platform administrator's key, git credentials). Locally they
 * come from the environment and local.settings.json; in Azure from Key Vault with the app's managed identity.
 * Secrets are the platform's, not a tenant's: no tenant input ever names one.
 *
 * <p>On every adapter: a name is 1-127 letters, digits or '-' (Key Vault's rule) and is compared without regard to
 * case; a value that is blank counts as absent. How fresh a value is: Key Vault values (and absences) are cached for
 * five minutes, so a rotated, created or deleted secret is seen within that time; settings are read when the process
 * starts, so they change with a restart.
 */
public interface Secrets {
    /**
     * The secret's current value; empty when no such secret exists (never null, and never an exception for a
     * secret that is simply not there).
     *
     * @throws IllegalArgumentException     when the name breaks the naming rule (the source is not asked)
     * @throws SecretsUnavailableException when the source could not answer: access refused, unavailable, unreachable
     */
    Optional<String> get(String name);
}
