package com.connectsoft.factory.integration.adapter.store;

import com.connectsoft.factory.integration.domain.Webhook;
import com.connectsoft.factory.integration.domain.WebhookCredentials;
import com.connectsoft.factory.platform.json.Json;
import com.connectsoft.factory.platform.store.Document;
import com.connectsoft.factory.platform.store.DocumentStore;
import com.connectsoft.factory.platform.store.DocumentTransaction;
import com.connectsoft.factory.platform.store.Filter;
import com.connectsoft.factory.platform.store.Page;
import com.connectsoft.factory.platform.store.PageRequest;
import com.connectsoft.factory.shared.domain.Hashing;
import com.connectsoft.factory.shared.domain.Ids;
import com.connectsoft.factory.shared.domain.TenantId;
import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Webhooks ({@code webhooks}, id = webhook id) and the hashes of their credentials ({@code webhook-secrets}, id =
 * the first 24 hex digits of the credential's sha256), both in the owning tenant's partition. A credential is
 * {@code fwh.<tenant>.<48 hex digits>}: the tenant in it picks the partition, and the full hash must match there.
 */
public final class DocumentWebhookCredentials implements WebhookCredentials {
    static final String WEBHOOKS = "webhooks";
    static final String SECRETS = "webhook-secrets";
    private static final String PREFIX = "fwh";
    private static final Pattern SECRET = Pattern.compile("[0-9a-f]{48}");
    private static final Pattern WEBHOOK_ID = Pattern.compile("wh-[0-9a-f]{12}");
    private static final int MAX_NAME = 100;
    private static final int MAX_WEBHOOKS = 100;
    private static final SecureRandom RANDOM = new SecureRandom();

    private final DocumentStore store;
    private final Clock clock;

    public DocumentWebhookCredentials(DocumentStore store, Clock clock) {
        this.store = store;
        this.clock = clock;
    }

    @Override
    public Issued create(TenantId tenant, String name) {
        String label = name == null || name.isBlank() ? "eventgrid" : name.strip();
        if (label.length() > MAX_NAME || !label.codePoints().allMatch(c -> c >= 0x20 && c < 0x7f)) {
            throw new IllegalArgumentException("a webhook name is 1-" + MAX_NAME + " printable ASCII characters; '"
                    + label.codePoints().limit(40).filter(c -> c >= 0x20 && c < 0x7f)
                    .collect(StringBuilder::new, StringBuilder::appendCodePoint, StringBuilder::append) + "' is not");
        }
        if (list(tenant).size() >= MAX_WEBHOOKS) {
            throw new IllegalArgumentException("tenant " + tenant.value() + " has " + MAX_WEBHOOKS
                    + " webhooks already; revoke one (./factory webhooks revoke) before creating another");
        }
        String webhookId = Ids.random("wh");
        String credential = newCredential(tenant);
        Instant now = clock.instant();
        Webhook webhook = new Webhook(webhookId, tenant.value(), label, now, now);
        store.transact(tenant, tx -> {
            tx.create(WEBHOOKS, webhookId, body(webhook, secretId(credential)));
            storeSecret(tx, webhookId, credential);
            return null;
        });
        return new Issued(webhook, credential);
    }

    @Override
    public List<Webhook> list(TenantId tenant) {
        List<Webhook> out = new ArrayList<>();
        PageRequest req = PageRequest.first(MAX_WEBHOOKS);
        while (true) {
            Page<Document> page = store.query(tenant, WEBHOOKS, Filter.all(), req);
            page.items().forEach(d -> out.add(webhook(d.body())));
            if (page.continuation().isEmpty()) {
                return out;
            }
            req = PageRequest.after(MAX_WEBHOOKS, page.continuation().get());
        }
    }

    @Override
    public Optional<Issued> rotate(TenantId tenant, String webhookId) {
        if (!WEBHOOK_ID.matcher(webhookId).matches()) {
            return Optional.empty();
        }
        String credential = newCredential(tenant);
        return store.transact(tenant, tx -> tx.get(WEBHOOKS, webhookId).map(d -> {
            tx.delete(SECRETS, d.body().path("secretId").asText(), Optional.empty());
            Webhook old = webhook(d.body());
            Webhook rotated = new Webhook(old.webhookId(), old.tenantId(), old.name(), old.createdAt(), clock.instant());
            tx.replace(WEBHOOKS, webhookId, body(rotated, secretId(credential)), d.etag());
            storeSecret(tx, webhookId, credential);
            return new Issued(rotated, credential);
        }));
    }

    @Override
    public boolean revoke(TenantId tenant, String webhookId) {
        if (!WEBHOOK_ID.matcher(webhookId).matches()) {
            return false;
        }
        return store.transact(tenant, tx -> tx.get(WEBHOOKS, webhookId).map(d -> {
            tx.delete(SECRETS, d.body().path("secretId").asText(), Optional.empty());
            return tx.delete(WEBHOOKS, webhookId, Optional.of(d.etag()));
        }).orElse(false));
    }

    @Override
    public Optional<Sender> resolve(String credential) {
        if (credential == null || credential.length() > 128) {
            return Optional.empty();
        }
        String[] parts = credential.strip().split("\\.", -1);
        if (parts.length != 3 || !parts[0].equals(PREFIX) || !SECRET.matcher(parts[2]).matches()) {
            return Optional.empty();
        }
        TenantId tenant;
        try {
            tenant = TenantId.of(parts[1]);
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
        String hash = Hashing.sha256Hex(credential.strip());
        return store.get(tenant, SECRETS, hash.substring(0, 24))
                .filter(d -> MessageDigest.isEqual(d.body().path("sha256").asText().getBytes(StandardCharsets.UTF_8),
                        hash.getBytes(StandardCharsets.UTF_8)))
                .map(d -> d.body().path("webhookId").asText())
                .filter(id -> store.get(tenant, WEBHOOKS, id).isPresent())
                .map(id -> new Sender(tenant, id));
    }

    private static String newCredential(TenantId tenant) {
        byte[] secret = new byte[24];
        RANDOM.nextBytes(secret);
        return PREFIX + "." + tenant.value() + "." + HexFormat.of().formatHex(secret);
    }

    private static String secretId(String credential) {
        return Hashing.sha256Hex(credential).substring(0, 24);
    }

    private void storeSecret(DocumentTransaction tx, String webhookId, String credential) {
        tx.create(SECRETS, secretId(credential), Json.object().put("sha256", Hashing.sha256Hex(credential)).put("webhookId", webhookId)
                .put("issuedAt", clock.instant().toString()));
    }

    private static JsonNode body(Webhook w, String secretId) {
        return Json.object().put("webhookId", w.webhookId()).put("name", w.name()).put("createdAt", w.createdAt().toString())
                .put("rotatedAt", w.rotatedAt().toString()).put("secretId", secretId);
    }

    private static Webhook webhook(JsonNode body) {
        return new Webhook(body.path("webhookId").asText(), body.path("tenantId").asText(), body.path("name").asText(),
                Instant.parse(body.path("createdAt").asText()), Instant.parse(body.path("rotatedAt").asText()));
    }
}
