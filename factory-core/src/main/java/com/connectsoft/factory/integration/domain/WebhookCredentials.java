package com.connectsoft.factory.integration.domain;

import com.connectsoft.factory.shared.domain.TenantId;
import java.util.List;
import java.util.Optional;

/**
 * Per-tenant webhook credentials. A credential names its tenant ({@code fwh.<tenant>.<secret>}) and only its sha256
 * is stored, in that tenant's partition: resolving one reads no other tenant, and a credential can never resolve to
 * a tenant other than the one it was issued for.
 */
public interface WebhookCredentials {
    /** A webhook and its credential, shown once. */
    record Issued(Webhook webhook, String credential) {
    }

    /** Who a presented credential speaks for. */
    record Sender(TenantId tenant, String webhookId) {
    }

    /** A new webhook of the tenant with a new credential. */
    Issued create(TenantId tenant, String name);

    /** The tenant's webhooks (never their credentials). */
    List<Webhook> list(TenantId tenant);

    /** A new credential for the webhook; the previous one stops working at once. Empty when the tenant has no such webhook. */
    Optional<Issued> rotate(TenantId tenant, String webhookId);

    /** Deletes the webhook and its credential; false when the tenant has no such webhook. */
    boolean revoke(TenantId tenant, String webhookId);

    /** The tenant and webhook of a credential that was issued and not rotated or revoked since. */
    Optional<Sender> resolve(String credential);
}
