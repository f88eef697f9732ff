package com.connectsoft.factory.platform.bus;

import com.connectsoft.factory.platform.json.Json;
import com.connectsoft.factory.shared.domain.Envelope;
import com.connectsoft.factory.shared.domain.Ids;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;

/**
 * When a consumer gives up on an event, the bus announces it with an {@code EventDeadLettered} event in the same
 * tenant, trace and correlation, carrying the original event and the reason, so whoever waits for a result (the
 * run) learns that it will not come instead of waiting forever.
 */
public final class DeadLetters {
    public static final String EVENT_TYPE = "EventDeadLettered";

    private DeadLetters() {
    }

    public static Envelope announcement(Envelope event, String subscription, int attempts, String reason, Instant now) {
        ObjectNode p = Json.object();
        p.put("eventId", event.eventId());
        p.put("eventType", event.eventType());
        p.put("subscription", subscription);
        p.put("attempts", attempts);
        p.put("reason", reason);
        p.set("payload", Json.tree(event.payload()));
        return new Envelope(Ids.derived("evt", event.eventId(), subscription, EVENT_TYPE), EVENT_TYPE, event.tenantId(), event.projectId(),
                event.moduleId(), event.traceId(), event.correlationId(), event.eventId(), now, 1, Json.payload(p));
    }
}
