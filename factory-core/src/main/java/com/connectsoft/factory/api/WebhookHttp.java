package com.connectsoft.factory.api;

import com.connectsoft.factory.api.FactoryApi.Request;
import com.connectsoft.factory.api.FactoryApi.Response;
import com.connectsoft.factory.integration.adapter.eventgrid.EventGridDeliveries;
import com.connectsoft.factory.integration.adapter.eventgrid.EventGridDeliveries.Delivery;
import com.connectsoft.factory.integration.application.WebhookIntake;
import com.connectsoft.factory.integration.domain.Webhook;
import com.connectsoft.factory.integration.domain.WebhookCredentials;
import com.connectsoft.factory.platform.json.Json;
import com.connectsoft.factory.shared.domain.TenantId;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.logging.Logger;

/**
 * The webhook routes of the HTTP API. {@code POST|OPTIONS /api/v1/webhooks/eventgrid} takes Event Grid deliveries
 * (Event Grid schema or CloudEvents 1.0): the caller is the webhook whose credential it presents
 * ({@value #HEADER} header, or {@code ?key=} on the endpoint URL), and that credential's tenant is the tenant of
 * every event; nothing in the body can name another. Both handshakes (Event Grid's subscription validation,
 * CloudEvents' abuse-protection OPTIONS) are answered only for a valid credential. The tenant's own routes under
 * {@code /api/v1/tenant/webhooks} create, list, rotate and revoke its webhooks.
 */
public final class WebhookHttp {
    /** The header an Event Grid subscription sends the credential in (a static delivery attribute marked secret). */
    public static final String HEADER = "X-Factory-Webhook-Key";
    /** The query parameter that may carry the credential instead (the endpoint URL then holds a secret). */
    public static final String QUERY = "key";
    public static final String ENDPOINT = "/api/v1/webhooks/eventgrid";
    private static final Logger LOG = Logger.getLogger(WebhookHttp.class.getName());

    private final WebhookCredentials credentials;
    private final WebhookIntake intake;
    private final com.connectsoft.factory.integration.adapter.WebhookRates rates;

    public WebhookHttp(WebhookCredentials credentials, WebhookIntake intake, com.connectsoft.factory.integration.adapter.WebhookRates rates) {
        this.credentials = credentials;
        this.intake = intake;
        this.rates = rates;
    }

    /** One delivery to the Event Grid endpoint (POST events or validation; OPTIONS abuse-protection handshake). */
    public Response deliver(Request r) {
        Optional<String> presented = header(r, HEADER).or(() -> Optional.ofNullable(r.query().get(QUERY)).filter(v -> !v.isBlank()));
        if (presented.isEmpty()) {
            return problem(401, "send the webhook's credential in the " + HEADER + " header (an Event Grid delivery attribute marked "
                    + "secret); create one with ./factory webhooks create --tenant <id> or POST /api/v1/tenant/webhooks");
        }
        Optional<WebhookCredentials.Sender> sender = credentials.resolve(presented.get());
        if (sender.isEmpty()) {
            LOG.warning(() -> "webhook delivery refused: unknown, rotated or revoked credential (method " + r.method() + ")");
            return problem(401, "the webhook credential is not valid (unknown, rotated or revoked)");
        }
        TenantId tenant = sender.get().tenant();
        String webhookId = sender.get().webhookId();
        if (r.method().equalsIgnoreCase("OPTIONS")) {
            Optional<String> origin = header(r, "WebHook-Request-Origin");
            if (origin.isEmpty()) {
                return problem(400, "an OPTIONS request here is the CloudEvents abuse-protection handshake: send WebHook-Request-Origin");
            }
            if (origin.get().length() > 255 || !origin.get().matches("[A-Za-z0-9.:\\-]+")) {
                return problem(400, "WebHook-Request-Origin must be a host name (e.g. eventgrid.azure.net)");
            }
            LOG.info(() -> "webhook handshake (CloudEvents) tenant=" + tenant.value() + " webhook=" + webhookId);
            return new Response(200, Map.of("WebHook-Allowed-Origin", origin.get(), "WebHook-Allowed-Rate", String.valueOf(rates.perMinute()),
                    "Allow", "POST, OPTIONS"), new byte[0]);
        }
        if (r.body().length > EventGridDeliveries.MAX_BODY_BYTES) {
            return problem(413, "the delivery is " + r.body().length + " bytes; at most " + EventGridDeliveries.MAX_BODY_BYTES
                    + " are taken (set the subscription's preferred batch size to 1024 KB or less)");
        }
        Delivery delivery = EventGridDeliveries.read(header(r, "Content-Type").orElse(""), r.body());
        if (delivery instanceof Delivery.Validation v) {
            LOG.info(() -> "webhook handshake (Event Grid) tenant=" + tenant.value() + " webhook=" + webhookId);
            return json(200, Map.of("validationResponse", v.validationCode()));
        }
        if (delivery instanceof Delivery.TooMany t) {
            return problem(413, "the delivery holds " + t.count() + " events; at most " + EventGridDeliveries.MAX_EVENTS
                    + " are taken per delivery (set the subscription's max events per batch to 5000 or less)");
        }
        if (delivery instanceof Delivery.Malformed m) {
            return problem(400, m.problem());
        }
        List<com.connectsoft.factory.integration.domain.ExternalEvent> events = ((Delivery.Events) delivery).events();
        if (events.size() > rates.perMinute()) {
            return problem(413, "the delivery holds " + events.size() + " events; a tenant's webhooks take at most " + rates.perMinute()
                    + " a minute (" + com.connectsoft.factory.integration.adapter.WebhookRates.SETTING + "): set the subscription's max events "
                    + "per batch to " + rates.perMinute() + " or less");
        }
        if (!rates.admit(tenant, events.size())) {
            LOG.warning(() -> "webhook delivery over the rate tenant=" + tenant.value() + " webhook=" + webhookId + " events=" + events.size());
            return problem(429, "tenant " + tenant.value() + "'s webhooks delivered more than " + rates.perMinute() + " events this minute "
                    + "(" + com.connectsoft.factory.integration.adapter.WebhookRates.SETTING + "); nothing of this delivery was taken, send "
                    + "it again later (Event Grid retries it)").withHeader("Retry-After", String.valueOf(
                    com.connectsoft.factory.integration.adapter.WebhookRates.PERIOD.toSeconds()));
        }
        WebhookIntake.Outcome outcome = intake.receive(tenant, webhookId, events);
        LOG.info(() -> "webhook delivery tenant=" + tenant.value() + " webhook=" + webhookId + " events=" + events.size()
                + " accepted=" + outcome.accepted().size() + " duplicates=" + outcome.duplicates());
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("accepted", outcome.accepted().size());
        out.put("duplicates", outcome.duplicates());
        return json(200, out);
    }

    /** {@code GET /api/v1/tenant/webhooks}: the tenant's webhooks, without credentials. */
    public Response list(TenantId tenant) {
        return json(200, Map.of("items", credentials.list(tenant)));
    }

    /** {@code POST /api/v1/tenant/webhooks} {@code {"name"?}}: 201 with the credential, shown once. */
    public Response create(TenantId tenant, Request r) {
        String name;
        try {
            JsonNode body = Json.mapper().readTree(r.body().length == 0 ? "{}" : new String(r.body(), StandardCharsets.UTF_8));
            if (body == null || !body.isObject() || (body.has("name") && !body.get("name").isTextual())) {
                return problem(400, "send {\"name\": \"...\"} (optional) to name the webhook");
            }
            name = body.path("name").asText("");
        } catch (IOException e) {
            return problem(400, "the body is not JSON; send {\"name\": \"...\"} (optional)");
        }
        WebhookCredentials.Issued issued = credentials.create(tenant, name);
        LOG.info(() -> "webhook created tenant=" + tenant.value() + " webhook=" + issued.webhook().webhookId());
        return issuedResponse(201, issued);
    }

    /** {@code POST /api/v1/tenant/webhooks/{id}/rotate}: a new credential; the previous one stops working. */
    public Response rotate(TenantId tenant, String webhookId) {
        return credentials.rotate(tenant, webhookId).map(i -> {
            LOG.info(() -> "webhook credential rotated tenant=" + tenant.value() + " webhook=" + webhookId);
            return issuedResponse(200, i);
        }).orElseGet(() -> problem(404, "webhook " + abbreviate(webhookId) + " was not found"));
    }

    /** {@code DELETE /api/v1/tenant/webhooks/{id}}: the webhook and its credential are gone. */
    public Response revoke(TenantId tenant, String webhookId) {
        if (!credentials.revoke(tenant, webhookId)) {
            return problem(404, "webhook " + abbreviate(webhookId) + " was not found");
        }
        LOG.info(() -> "webhook revoked tenant=" + tenant.value() + " webhook=" + webhookId);
        return new Response(204, Map.of(), new byte[0]);
    }

    private static Response issuedResponse(int status, WebhookCredentials.Issued issued) {
        Webhook w = issued.webhook();
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("webhookId", w.webhookId());
        out.put("name", w.name());
        out.put("endpointPath", ENDPOINT);
        out.put("deliveryHeader", Map.of("name", HEADER, "value", issued.credential(), "isSecret", true));
        out.put("rotatedAt", w.rotatedAt());
        return json(status, out);
    }

    private static Optional<String> header(Request r, String name) {
        return Optional.ofNullable(r.headers().get(name)).map(String::trim).filter(v -> !v.isEmpty());
    }

    private static String abbreviate(String s) {
        return s.length() <= 40 ? s : s.substring(0, 39) + "…";
    }

    private static Response json(int status, Object body) {
        return new Response(status, Map.of("Content-Type", "application/json"), Json.write(body).getBytes(StandardCharsets.UTF_8));
    }

    private static Response problem(int status, String title) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("type", "about:blank");
        body.put("title", title);
        body.put("status", status);
        return new Response(status, Map.of("Content-Type", "application/problem+json"), Json.write(body).getBytes(StandardCharsets.UTF_8));
    }
}
