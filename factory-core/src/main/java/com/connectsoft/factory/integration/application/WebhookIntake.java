package com.connectsoft.factory.integration.application;

import com.connectsoft.factory.platform.bus.EventBus;
import com.connectsoft.factory.platform.json.Json;
import com.connectsoft.factory.shared.domain.Envelope;
import com.connectsoft.factory.shared.domain.Ids;
import com.connectsoft.factory.shared.domain.TenantId;
import com.connectsoft.factory.tenancy.domain.Tenants;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Events from outside (Event Grid, in its own schema or as CloudEvents 1.0) become {@code ExternalEventReceived}
 * envelopes on the bus, in the tenant named by the event's {@code data.tenantId}. The envelope's id derives from
 * the event's id, so an event delivered twice is one event. What each kind of external event leads to (feedback
 * items, build results) comes with the features that consume them.
 */
public final class WebhookIntake {
    public static final String EVENT_TYPE = "ExternalEventReceived";

    private final Tenants tenants;
    private final EventBus bus;
    private final Clock clock;

    public WebhookIntake(Tenants tenants, EventBus bus, Clock clock) {
        this.tenants = tenants;
        this.bus = bus;
        this.clock = clock;
    }

    /** What became of each event: accepted (with its envelope id) or refused (with the reason). */
    public record Outcome(List<String> accepted, List<String> refused) {
    }

    /** Takes one event or an array of events (either schema). */
    public Outcome receive(JsonNode body) {
        List<String> accepted = new ArrayList<>();
        List<String> refused = new ArrayList<>();
        List<JsonNode> events = new ArrayList<>();
        if (body != null && body.isArray()) {
            body.forEach(events::add);
        } else if (body != null && body.isObject()) {
            events.add(body);
        } else {
            refused.add("the body is neither an event nor an array of events");
        }
        for (JsonNode e : events) {
            String id = e.path("id").asText("");
            boolean cloudEvent = e.has("specversion");
            String type = cloudEvent ? e.path("type").asText("") : e.path("eventType").asText("");
            String time = cloudEvent ? e.path("time").asText("") : e.path("eventTime").asText("");
            String source = cloudEvent ? e.path("source").asText("") : e.path("topic").asText("");
            String tenantText = e.path("data").path("tenantId").asText("");
            if (id.isBlank() || type.isBlank()) {
                refused.add("event without id or type: " + abbreviate(e.toString()));
                continue;
            }
            TenantId tenant;
            try {
                tenant = TenantId.of(tenantText);
            } catch (IllegalArgumentException ex) {
                refused.add("event " + id + ": data.tenantId '" + tenantText + "' is not a tenant id");
                continue;
            }
            if (tenants.find(tenant).isEmpty()) {
                refused.add("event " + id + ": tenant " + tenant.value() + " is not registered");
                continue;
            }
            ObjectNode payload = Json.object();
            payload.put("id", id);
            payload.put("type", type);
            payload.put("source", source);
            payload.put("subject", e.path("subject").asText(""));
            payload.put("schema", cloudEvent ? "cloudevents-1.0" : "eventgrid");
            payload.set("data", e.path("data"));
            Instant occurred;
            try {
                occurred = time.isBlank() ? clock.instant() : Instant.parse(time);
            } catch (RuntimeException ex) {
                occurred = clock.instant();
            }
            String eventId = Ids.derived("evt", tenant.value(), "webhook", source, id);
            bus.publish(new Envelope(eventId, EVENT_TYPE, tenant.value(), e.path("data").path("projectId").asText(null), null,
                    "trace-" + Ids.derived("x", source, id).substring(2), null, null, occurred, 1, payload));
            accepted.add(eventId);
        }
        return new Outcome(accepted, refused);
    }

    private static String abbreviate(String s) {
        return s.length() <= 120 ? s : s.substring(0, 119) + "…";
    }
}
