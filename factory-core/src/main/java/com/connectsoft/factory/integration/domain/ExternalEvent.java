package com.connectsoft.factory.integration.domain;

import com.connectsoft.factory.shared.domain.Payload;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * One event delivered to a tenant's webhook, whatever its wire schema. {@code source} and {@code id} identify it:
 * a publisher sends the same pair again only when it redelivers the same event.
 *
 * @param data the event's data as JSON ({@code null} node when it has none)
 */
public record ExternalEvent(String id, String type, String source, String subject, Optional<Instant> time, EventSchema schema, Payload data) {
    public ExternalEvent {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(subject, "subject");
        Objects.requireNonNull(time, "time");
        Objects.requireNonNull(schema, "schema");
        Objects.requireNonNull(data, "data");
    }

    /** The wire schema an event came in. */
    public enum EventSchema {
        EVENT_GRID("eventgrid"),
        CLOUD_EVENTS_1_0("cloudevents-1.0");

        private final String label;

        EventSchema(String label) {
            this.label = label;
        }

        public String label() {
            return label;
        }
    }
}
