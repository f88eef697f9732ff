package com.connectsoft.factory.integration.application;

import com.connectsoft.factory.integration.domain.ExternalEvent;
import com.connectsoft.factory.integration.domain.ReceivedEvents;
import com.connectsoft.factory.platform.json.Json;
import com.connectsoft.factory.shared.domain.Envelope;
import com.connectsoft.factory.shared.domain.Ids;
import com.connectsoft.factory.shared.domain.TenantId;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

/**
 * Events delivered to a tenant's webhook become {@code ExternalEventReceived} envelopes of that tenant. The tenant is
 * the one whose webhook credential the delivery presented (the caller resolves it), never anything in the payload.
 * An event redelivered while it is remembered ({@link ReceivedEvents}: at least 48 hours) is one event; its envelope
 * id also derives from the event's source and id. What each kind of external event leads to comes with the features
 * that consume them.
 */
public final class WebhookIntake {
    public static final String EVENT_TYPE = "ExternalEventReceived";

    private final ReceivedEvents received;
    private final Clock clock;

    public WebhookIntake(ReceivedEvents received, Clock clock) {
        this.received = received;
        this.clock = clock;
    }

    /** How many events of a delivery were new (published now) and how many had been received before. */
    public record Outcome(List<String> accepted, int duplicates) {
        public Outcome {
            accepted = List.copyOf(accepted);
        }
    }

    /** Publishes the new events of one delivery to the tenant's webhook {@code webhookId}. */
    public Outcome receive(TenantId tenant, String webhookId, List<ExternalEvent> events) {
        List<ReceivedEvents.Arrival> arrivals = new ArrayList<>(events.size());
        for (ExternalEvent e : events) {
            arrivals.add(new ReceivedEvents.Arrival(key(e), envelope(tenant, webhookId, e)));
        }
        List<Boolean> fresh = received.admit(tenant, arrivals);
        List<String> accepted = new ArrayList<>();
        int duplicates = 0;
        for (int i = 0; i < arrivals.size(); i++) {
            if (fresh.get(i)) {
                accepted.add(arrivals.get(i).envelope().eventId());
            } else {
                duplicates++;
            }
        }
        received.prune(tenant);
        return new Outcome(accepted, duplicates);
    }

    /** The dedupe key of an external event: its source and id (the schema's identity of an event). */
    static String key(ExternalEvent e) {
        return Ids.derived("whe", e.source(), e.id());
    }

    private Envelope envelope(TenantId tenant, String webhookId, ExternalEvent e) {
        ObjectNode payload = Json.object();
        payload.put("id", e.id());
        payload.put("type", e.type());
        payload.put("source", e.source());
        payload.put("subject", e.subject());
        payload.put("schema", e.schema().label());
        payload.put("webhookId", webhookId);
        payload.set("data", Json.tree(e.data()));
        String eventId = Ids.derived("evt", tenant.value(), "webhook", e.source(), e.id());
        return new Envelope(eventId, EVENT_TYPE, tenant.value(), null, null, "trace-" + Ids.derived("x", e.source(), e.id()).substring(2),
                null, null, e.time().orElseGet(clock::instant), 1, Json.payload(payload));
    }
}
