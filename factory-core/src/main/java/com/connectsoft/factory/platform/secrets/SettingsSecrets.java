package com.connectsoft.factory.platform.secrets;

import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Secrets from the settings (environment over local.settings.json): secret {@code admin-key} is the setting
 * {@code FACTORY_SECRET_ADMIN_KEY}, so Key Vault names map to setting names one to one. The settings are the ones the
 * process started with.
 */
public final class SettingsSecrets implements Secrets {
    private final Map<String, String> settings;

    public SettingsSecrets(Map<String, String> settings) {
        this.settings = Map.copyOf(settings);
    }

    public static String settingName(String secret) {
        return "FACTORY_SECRET_" + SecretNames.check(secret).toUpperCase(Locale.ROOT).replace('-', '_');
    }

    @Override
    public Optional<String> get(String name) {
        return Optional.ofNullable(settings.get(settingName(name))).filter(v -> !v.isBlank());
    }
}
