package com.connectsoft.factory.platform.secrets;

import java.util.Map;

/** Key Vault when FACTORY_KEYVAULT_URI is set; otherwise the settings themselves (FACTORY_SECRET_*). */
public final class SecretsSelection {
    public static final String VAULT_SETTING = "FACTORY_KEYVAULT_URI";

    private SecretsSelection() {
    }

    public static Secrets from(Map<String, String> settings) {
        String vault = settings.get(VAULT_SETTING);
        if (vault != null && !vault.isBlank()) {
            if (!vault.startsWith("https://")) {
                throw new IllegalArgumentException(VAULT_SETTING + " must be the vault's https URI (https://<name>.vault.azure.net), was " + vault);
            }
            return KeyVaultSecrets.connect(vault);
        }
        return new SettingsSecrets(settings);
    }

    /** The platform administrator's key: setting FACTORY_ADMIN_KEY, else secret {@code admin-key}. */
    public static java.util.Optional<String> adminKey(Map<String, String> settings) {
        String direct = settings.get("FACTORY_ADMIN_KEY");
        if (direct != null && !direct.isBlank()) {
            return java.util.Optional.of(direct);
        }
        return from(settings).get("admin-key");
    }
}
