package com.connectsoft.factory.functions.durable;

import com.connectsoft.factory.platform.json.Json;
import com.connectsoft.factory.platform.store.Document;
import com.connectsoft.factory.platform.store.DocumentStore;
import com.connectsoft.factory.platform.store.StoreConflictException;
import com.connectsoft.factory.shared.domain.Hashing;
import com.connectsoft.factory.shared.domain.TenantId;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

/**
 * The external events raised on Durable Functions instances, by dedupe key: one document per instance in the tenant's
 * partition of the factory's store (Cosmos DB in Azure), so a key raised once is not raised again by this call, another
 * instance of the function app, or the app after a restart. Durable Functions has no dedupe of raised events of its
 * own (its raise request carries no event id), and a result Service Bus delivers twice would otherwise reach the
 * orchestration twice, where the stale copy would answer the step's next attempt.
 *
 * <p>A raise claims its key ({@code raising}), raises, then confirms ({@code raised}); a raise that fails releases
 * its claim, so the next delivery raises again. A claim younger than {@link #LEASE} is another call raising now: this
 * call waits until it is confirmed or released. An older claim was left by a process that died between claiming and
 * confirming; the next call takes it over and raises. The one window left is a death after the raise and before its
 * confirmation, after which the event is raised again (at least once, as every delivery here).
 */
final class RaisedEvents {
    static final String COLLECTION = "durable-raised-events";
    static final Duration LEASE = Duration.ofSeconds(30);
    private static final String RAISING = "raising";
    private static final String RAISED = "raised";
    private static final int CONFLICT_RETRIES = 50;

    private final DocumentStore store;
    private final Clock clock;

    RaisedEvents(DocumentStore store, Clock clock) {
        this.store = Objects.requireNonNull(store, "store");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** A claim on one key of one instance. */
    record Claim(TenantId tenant, String instanceId, String key, String token) {
    }

    /** Runs {@code raise} unless the key was raised on the instance before; true when it ran now. */
    boolean raiseOnce(TenantId tenant, String instanceId, String key, Runnable raise) {
        Optional<Claim> claim = claim(tenant, instanceId, key);
        if (claim.isEmpty()) {
            return false;
        }
        try {
            raise.run();
        } catch (RuntimeException e) {
            release(claim.get());
            throw e;
        }
        settle(claim.get(), true);
        return true;
    }

    /** Claims the key; empty when it was raised already. Waits (up to the lease and a little) while another call holds a fresh claim. */
    Optional<Claim> claim(TenantId tenant, String instanceId, String key) {
        long giveUp = System.nanoTime() + LEASE.plusSeconds(5).toNanos();
        int conflicts = 0;
        while (true) {
            Optional<Document> doc = store.get(tenant, COLLECTION, documentId(instanceId));
            JsonNode entry = doc.map(d -> d.body().path("keys").path(key)).orElse(null);
            Instant now = clock.instant();
            if (entry != null && RAISED.equals(entry.path("state").asText())) {
                return Optional.empty();
            }
            if (entry != null && RAISING.equals(entry.path("state").asText())
                    && Instant.parse(entry.path("at").asText()).plus(LEASE).isAfter(now)) {
                if (System.nanoTime() > giveUp) {
                    throw new IllegalStateException("event " + key + " of instance " + instanceId + " is still being raised by another call;"
                            + " deliver it again later");
                }
                pause();
                continue;
            }
            Claim claim = new Claim(tenant, instanceId, key, UUID.randomUUID().toString());
            ObjectNode body = doc.map(d -> ((ObjectNode) d.body()).deepCopy()).orElseGet(() -> fresh(tenant, instanceId));
            keys(body).set(key, Json.object().put("state", RAISING).put("claim", claim.token()).put("at", now.toString()));
            try {
                write(tenant, instanceId, body, doc);
                return Optional.of(claim);
            } catch (StoreConflictException e) {
                if (++conflicts > CONFLICT_RETRIES) {
                    throw new IllegalStateException("the raised events of instance " + instanceId + " kept changing; deliver again later", e);
                }
            }
        }
    }

    /** Marks the claimed key raised. */
    void confirm(Claim claim) {
        settle(claim, true);
    }

    /** Gives the claim up, so the next call raises the event. */
    void release(Claim claim) {
        settle(claim, false);
    }

    private void settle(Claim claim, boolean raised) {
        for (int attempt = 0; attempt < CONFLICT_RETRIES; attempt++) {
            Optional<Document> doc = store.get(claim.tenant(), COLLECTION, documentId(claim.instanceId()));
            JsonNode entry = doc.map(d -> d.body().path("keys").path(claim.key())).orElse(null);
            if (entry == null || !claim.token().equals(entry.path("claim").asText())) {
                return; // our claim went stale and another call took it over: that call settles the key
            }
            ObjectNode body = ((ObjectNode) doc.get().body()).deepCopy();
            ObjectNode keys = keys(body);
            if (raised) {
                keys.set(claim.key(), Json.object().put("state", RAISED).put("at", clock.instant().toString()));
            } else {
                keys.remove(claim.key());
            }
            try {
                write(claim.tenant(), claim.instanceId(), body, doc);
                return;
            } catch (StoreConflictException e) {
                // another key of the same instance was written meanwhile: read again
            }
        }
        throw new IllegalStateException("the raised events of instance " + claim.instanceId() + " kept changing; deliver again later");
    }

    private void write(TenantId tenant, String instanceId, ObjectNode body, Optional<Document> read) {
        store.transact(tenant, tx -> read.isPresent() ? tx.replace(COLLECTION, documentId(instanceId), body, read.get().etag())
                : tx.create(COLLECTION, documentId(instanceId), body));
    }

    private static ObjectNode keys(ObjectNode body) {
        JsonNode keys = body.get("keys");
        if (keys instanceof ObjectNode o) {
            return o;
        }
        ObjectNode created = Json.object();
        body.set("keys", created);
        return created;
    }

    private static ObjectNode fresh(TenantId tenant, String instanceId) {
        ObjectNode body = Json.object().put("tenantId", tenant.value()).put("instanceId", instanceId);
        body.set("keys", Json.object());
        return body;
    }

    /** Instance ids hold a run id and a module id; the document id is their hash, safe for every store. */
    static String documentId(String instanceId) {
        return "instance-" + Hashing.sha256Hex(instanceId).substring(0, 40);
    }

    private static void pause() {
        try {
            Thread.sleep(20);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while another call raised the same event", e);
        }
    }
}
