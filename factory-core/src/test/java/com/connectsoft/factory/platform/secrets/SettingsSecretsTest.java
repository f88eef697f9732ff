package com.connectsoft.factory.platform.secrets;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Secrets from the settings the process started with: FACTORY_SECRET_ plus the name in upper case, '-' as '_'. */
class SettingsSecretsTest extends SecretsContract {
    private static Map<String, String> settings(Map<String, String> stored) {
        Map<String, String> settings = new HashMap<>(Map.of("PATH", "/usr/bin", "FACTORY_DATA_DIR", "/data"));
        stored.forEach((name, value) -> settings.put(SettingsSecrets.settingName(name), value));
        return settings;
    }

    @Override
    protected Secrets secrets(Map<String, String> stored) {
        return new SettingsSecrets(settings(stored));
    }

    /** Settings are read at start: a change is seen by the next process. */
    @Override
    protected Secrets afterChange(Secrets adapter, Map<String, String> nowStored) {
        return new SettingsSecrets(settings(nowStored));
    }

    @Test
    void aSecretIsItsFactorySecretSetting() {
        SettingsSecrets s = new SettingsSecrets(Map.of("FACTORY_SECRET_ADMIN_KEY", "local", "ADMIN_KEY", "not-a-secret-setting"));
        assertEquals(Optional.of("local"), s.get("admin-key"));
        assertEquals("FACTORY_SECRET_MODEL_API_KEY", SettingsSecrets.settingName("model-api-key"));
        assertEquals(Optional.empty(), new SettingsSecrets(Map.of("ADMIN_KEY", "x")).get("admin-key"), "only FACTORY_SECRET_ settings are secrets");
    }

    @Test
    void settingsChangedAfterStartAreNotSeen() {
        Map<String, String> env = new HashMap<>(Map.of("FACTORY_SECRET_ADMIN_KEY", "at-start"));
        SettingsSecrets s = new SettingsSecrets(env);
        env.put("FACTORY_SECRET_ADMIN_KEY", "changed");
        assertEquals(Optional.of("at-start"), s.get("admin-key"));
    }
}
