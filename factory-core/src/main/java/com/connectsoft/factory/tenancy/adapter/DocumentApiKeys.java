package com.connectsoft.factory.tenancy.adapter;

import com.connectsoft.factory.platform.store.Documents;
import com.connectsoft.factory.platform.json.Json;
import com.connectsoft.factory.platform.store.Document;
import com.connectsoft.factory.platform.store.DocumentStore;
import com.connectsoft.factory.platform.store.Filter;
import com.connectsoft.factory.platform.store.StoreConflictException;
import com.connectsoft.factory.shared.domain.Hashing;
import com.connectsoft.factory.shared.domain.TenantId;
import com.connectsoft.factory.tenancy.domain.ApiKeys;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * API keys as hashes in the owning tenant's partition (collection {@code apikeys}, id = the first 24 hex digits of the
 * key's sha256). The time a key was last used is recorded at most once an hour, so checking a key stays a read.
 */
public final class DocumentApiKeys implements ApiKeys {
    private static final String KEYS = "apikeys";
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final Pattern SECRET = Pattern.compile("[0-9a-f]{48}");
    private static final Pattern KEY_ID = Pattern.compile("[0-9a-f]{24}");
    private static final Duration LAST_USED_RESOLUTION = Duration.ofHours(1);
    private final DocumentStore store;
    private final Clock clock;

    public DocumentApiKeys(DocumentStore store, Clock clock) {
        this.store = Objects.requireNonNull(store, "store");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    @Override
    public IssuedKey issue(TenantId tenant, Duration lifetime) {
        Objects.requireNonNull(tenant, "tenant");
        if (lifetime.isNegative() || lifetime.isZero()) {
            throw new IllegalArgumentException("a key's lifetime must be positive");
        }
        byte[] secret = new byte[24];
        RANDOM.nextBytes(secret);
        String key = "fk." + tenant.value() + "." + HexFormat.of().formatHex(secret);
        String hash = Hashing.sha256Hex(key);
        Instant now = clock.instant();
        ObjectNode body = Json.object().put("sha256", hash).put("prefix", key.substring(0, key.length() - 42) + "…")
                .put("issuedAt", now.toString()).put("expiresAt", now.plus(lifetime).toString());
        Document stored = store.transact(tenant, tx -> tx.create(KEYS, keyId(hash), body));
        return new IssuedKey(key, info(stored));
    }

    @Override
    public KeyCheck check(String presented) {
        String key = presented == null ? "" : presented.trim();
        String hash = Hashing.sha256Hex(key);
        String keyId = keyId(hash);
        String[] parts = key.split("\\.", -1);
        if (parts.length != 3 || !parts[0].equals("fk") || !SECRET.matcher(parts[2]).matches()) {
            return new KeyCheck.Unknown(keyId);
        }
        TenantId tenant;
        try {
            tenant = TenantId.of(parts[1]);
        } catch (IllegalArgumentException e) {
            return new KeyCheck.Unknown(keyId);
        }
        Optional<Document> doc = store.get(tenant, KEYS, keyId).filter(d -> MessageDigest.isEqual(
                d.body().path("sha256").asText().getBytes(StandardCharsets.UTF_8), hash.getBytes(StandardCharsets.UTF_8)));
        if (doc.isEmpty()) {
            return new KeyCheck.Unknown(keyId);
        }
        ApiKeyInfo info = info(doc.get());
        Instant now = clock.instant();
        if (info.revokedAt().isPresent()) {
            return new KeyCheck.Revoked(tenant, keyId, info.revokedAt().get());
        }
        if (info.expiresAt().filter(at -> !now.isBefore(at)).isPresent()) {
            return new KeyCheck.Expired(tenant, keyId, info.expiresAt().get());
        }
        if (info.lastUsedAt().map(at -> at.plus(LAST_USED_RESOLUTION).isBefore(now)).orElse(true)) {
            touch(tenant, doc.get(), now);
        }
        return new KeyCheck.Valid(tenant, keyId);
    }

    @Override
    public List<ApiKeyInfo> list(TenantId tenant) {
        return Documents.documents(store, tenant, KEYS, Filter.all()).stream().map(this::info)
                .sorted(Comparator.comparing(ApiKeyInfo::createdAt).reversed()).toList();
    }

    @Override
    public Optional<ApiKeyInfo> revoke(TenantId tenant, String keyId) {
        if (keyId == null || !KEY_ID.matcher(keyId).matches()) {
            return Optional.empty();
        }
        return store.transact(tenant, tx -> tx.get(KEYS, keyId).map(d -> {
            if (d.body().hasNonNull("revokedAt")) {
                return info(d);
            }
            ObjectNode body = ((ObjectNode) d.body()).deepCopy().put("revokedAt", clock.instant().toString());
            return info(tx.replace(KEYS, keyId, body, d.etag()));
        }));
    }

    /** Records when the key was last used; a concurrent writer's record is as good as ours. */
    private void touch(TenantId tenant, Document d, Instant now) {
        try {
            store.transact(tenant, tx -> tx.replace(KEYS, d.id(), ((ObjectNode) d.body()).deepCopy().put("lastUsedAt", now.toString()),
                    d.etag()));
        } catch (StoreConflictException e) {
            // another request recorded a use (or revoked the key) meanwhile
        }
    }

    private static String keyId(String hash) {
        return hash.substring(0, 24);
    }

    private ApiKeyInfo info(Document d) {
        JsonNode b = d.body();
        Optional<Instant> expiresAt = instant(b, "expiresAt");
        Optional<Instant> revokedAt = instant(b, "revokedAt");
        Instant now = clock.instant();
        ApiKeyInfo.Status status = revokedAt.isPresent() ? ApiKeyInfo.Status.REVOKED
                : expiresAt.filter(at -> !now.isBefore(at)).isPresent() ? ApiKeyInfo.Status.EXPIRED : ApiKeyInfo.Status.ACTIVE;
        return new ApiKeyInfo(d.id(), d.tenantId().value(), b.path("prefix").asText("fk." + d.tenantId().value() + ".…"), status,
                Instant.parse(b.path("issuedAt").asText(d.createdAt().toString())), expiresAt, instant(b, "lastUsedAt"), revokedAt);
    }

    private static Optional<Instant> instant(JsonNode body, String field) {
        return body.hasNonNull(field) ? Optional.of(Instant.parse(body.get(field).asText())) : Optional.empty();
    }
}
