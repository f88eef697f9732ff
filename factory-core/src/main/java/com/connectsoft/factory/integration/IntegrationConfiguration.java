package com.connectsoft.factory.integration;

import com.connectsoft.factory.integration.adapter.store.DocumentReceivedEvents;
import com.connectsoft.factory.integration.adapter.store.DocumentWebhookCredentials;
import com.connectsoft.factory.integration.application.WebhookAdministration;
import com.connectsoft.factory.integration.application.WebhookIntake;
import com.connectsoft.factory.platform.store.DocumentStore;
import java.time.Clock;

/**
 * Integration wired on the document store: per-tenant webhook credentials, the intake that turns delivered events
 * into bus events once (48 hours of dedupe). The HTTP endpoint senders call is the API's ({@code api/WebhookHttp}).
 */
public final class IntegrationConfiguration {
    private final DocumentWebhookCredentials credentials;
    private final WebhookAdministration webhooks;
    private final WebhookIntake intake;
    private final com.connectsoft.factory.integration.adapter.WebhookRates rates;

    public IntegrationConfiguration(DocumentStore store, Clock clock, com.connectsoft.factory.integration.adapter.WebhookRates rates) {
        this.rates = rates;
        this.credentials = new DocumentWebhookCredentials(store, clock);
        this.webhooks = new WebhookAdministration(credentials);
        this.intake = new WebhookIntake(new DocumentReceivedEvents(store, clock, DocumentReceivedEvents.MINIMUM_RETENTION), clock);
    }

    public WebhookAdministration webhooks() {
        return webhooks;
    }

    /** Which tenant and webhook a presented credential belongs to (the endpoint asks it for every delivery). */
    public com.connectsoft.factory.integration.domain.WebhookCredentials credentials() {
        return credentials;
    }

    /** How many events a tenant's webhooks may deliver a minute (the endpoint asks before the intake takes them). */
    public com.connectsoft.factory.integration.adapter.WebhookRates rates() {
        return rates;
    }

    /** Turns a tenant's delivered events into bus events, each once (the webhook endpoint hands them over). */
    public WebhookIntake intake() {
        return intake;
    }
}
