package com.connectsoft.factory.integration.application;

import com.connectsoft.factory.integration.domain.Webhook;
import com.connectsoft.factory.integration.domain.WebhookCredentials;
import com.connectsoft.factory.integration.domain.WebhookCredentials.Issued;
import com.connectsoft.factory.shared.domain.TenantId;
import java.util.List;
import java.util.Optional;

/**
 * A tenant's webhooks: create one (its credential shown once), list, rotate its credential, revoke it. Every call is
 * scoped to the tenant; another tenant's webhook is as unknown as one that does not exist.
 */
public final class WebhookAdministration {
    private final WebhookCredentials credentials;

    public WebhookAdministration(WebhookCredentials credentials) {
        this.credentials = credentials;
    }

    public Issued create(TenantId tenant, String name) {
        return credentials.create(tenant, name);
    }

    public List<Webhook> list(TenantId tenant) {
        return credentials.list(tenant);
    }

    /** A new credential for the webhook (the old one stops working); empty when the tenant has no such webhook. */
    public Optional<Issued> rotate(TenantId tenant, String webhookId) {
        return credentials.rotate(tenant, webhookId);
    }

    /** False when the tenant has no such webhook. */
    public boolean revoke(TenantId tenant, String webhookId) {
        return credentials.revoke(tenant, webhookId);
    }
}
