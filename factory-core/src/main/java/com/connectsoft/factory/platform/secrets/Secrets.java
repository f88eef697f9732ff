package com.connectsoft.factory.platform.secrets;

import java.util.Optional;

/**
 * Named secrets (API keys of model endpoints, the platform administrator's key, git credentials). Locally they
 * come from the environment and local.settings.json; in Azure from Key Vault with the app's managed identity.
 */
public interface Secrets {
    /** The secret's current value; empty when no such secret exists. */
    Optional<String> get(String name);
}
