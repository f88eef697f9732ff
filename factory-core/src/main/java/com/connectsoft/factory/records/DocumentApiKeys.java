package com.connectsoft.factory.records;

import com.connectsoft.factory.platform.json.Json;
import com.connectsoft.factory.platform.store.DocumentStore;
import com.connectsoft.factory.shared.domain.Hashing;
import com.connectsoft.factory.shared.domain.TenantId;
import com.connectsoft.factory.tenancy.domain.ApiKeys;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.HexFormat;
import java.util.Optional;

/** API keys as hashes in the owning tenant's partition. */
public final class DocumentApiKeys implements ApiKeys {
    private static final String KEYS = "apikeys";
    private static final SecureRandom RANDOM = new SecureRandom();
    private final DocumentStore store;
    private final Clock clock;

    public DocumentApiKeys(DocumentStore store, Clock clock) {
        this.store = store;
        this.clock = clock;
    }

    @Override
    public String issue(TenantId tenant) {
        byte[] secret = new byte[24];
        RANDOM.nextBytes(secret);
        String key = "fk." + tenant.value() + "." + HexFormat.of().formatHex(secret);
        String hash = Hashing.sha256Hex(key);
        store.transact(tenant, tx -> tx.create(KEYS, hash.substring(0, 24),
                Json.object().put("sha256", hash).put("issuedAt", clock.instant().toString())));
        return key;
    }

    @Override
    public Optional<TenantId> resolve(String key) {
        if (key == null) {
            return Optional.empty();
        }
        String[] parts = key.trim().split("\\.");
        if (parts.length != 3 || !parts[0].equals("fk") || !parts[2].matches("[0-9a-f]{48}")) {
            return Optional.empty();
        }
        TenantId tenant;
        try {
            tenant = TenantId.of(parts[1]);
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
        String hash = Hashing.sha256Hex(key.trim());
        return store.get(tenant, KEYS, hash.substring(0, 24))
                .filter(d -> MessageDigest.isEqual(d.body().path("sha256").asText().getBytes(StandardCharsets.UTF_8),
                        hash.getBytes(StandardCharsets.UTF_8)))
                .map(d -> tenant);
    }
}
