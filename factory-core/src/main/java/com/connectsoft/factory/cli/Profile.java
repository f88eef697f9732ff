package com.connectsoft.factory.cli;

import com.connectsoft.factory.app.FactorySettings;
import com.connectsoft.factory.platform.json.Json;
import com.connectsoft.factory.shared.domain.TenantId;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/** Remembers the tenant of the last run, so read commands work without --tenant on one's own machine. */
final class Profile {
    private Profile() {
    }

    static Path file(FactorySettings s) {
        return s.dataDir().resolve("cli-profile.json");
    }

    static void remember(FactorySettings s, TenantId tenant) {
        try {
            Files.createDirectories(s.dataDir());
            Files.writeString(file(s), Json.write(Map.of("tenant", tenant.value())));
        } catch (IOException e) {
            // a convenience only; the run is recorded either way
        }
    }

    static TenantId tenant(FactorySettings s, String given) {
        if (given != null) {
            return TenantId.of(given);
        }
        String env = System.getenv("FACTORY_TENANT");
        if (env != null && !env.isBlank()) {
            return TenantId.of(env);
        }
        try {
            return TenantId.of(Json.read(Files.readString(file(s))).get("tenant").asText());
        } catch (IOException | RuntimeException e) {
            throw new IllegalArgumentException("which tenant? pass --tenant <id> (or set FACTORY_TENANT)");
        }
    }
}
