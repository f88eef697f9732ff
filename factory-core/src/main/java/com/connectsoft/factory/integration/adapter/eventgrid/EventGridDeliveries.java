package com.connectsoft.factory.integration.adapter.eventgrid;

import com.azure.core.models.CloudEvent;
import com.azure.core.util.BinaryData;
import com.azure.messaging.eventgrid.EventGridEvent;
import com.azure.messaging.eventgrid.SystemEventNames;
import com.azure.messaging.eventgrid.systemevents.SubscriptionValidationEventData;
import com.connectsoft.factory.integration.domain.ExternalEvent;
import com.connectsoft.factory.integration.domain.ExternalEvent.EventSchema;
import com.connectsoft.factory.platform.json.Json;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.NullNode;
import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Reads one webhook delivery body with the Azure SDK's event types: the Event Grid schema ({@link EventGridEvent},
 * always a JSON array) or CloudEvents 1.0 in structured mode ({@link CloudEvent}, content type
 * {@code application/cloudevents+json} for one event, {@code application/cloudevents-batch+json} for a batch).
 * Bounds: the body's size and the number of events are checked by the caller before and after parsing; each event's
 * id, type, source and subject are bounded here.
 */
public final class EventGridDeliveries {
    /** Event Grid delivers at most 5,000 events per batch (max events per batch: 1 to 5,000). */
    public static final int MAX_EVENTS = 5_000;
    /**
     * Event Grid's preferred batch size is at most 1,024 KB, and an event may be up to 1 MB (delivered alone when it
     * is larger than the preferred size), so a delivery is at most about 1 MiB plus the event's envelope.
     */
    public static final int MAX_BODY_BYTES = 1024 * 1024 + 64 * 1024;
    private static final int MAX_ID = 256;
    private static final int MAX_TYPE = 256;
    private static final int MAX_SOURCE = 1024;
    private static final int MAX_SUBJECT = 1024;

    private EventGridDeliveries() {
    }

    /** What a delivery holds. */
    public sealed interface Delivery {
        /** Event Grid's subscription-validation event: answer {@code {"validationResponse": code}}. */
        record Validation(String validationCode) implements Delivery {
        }

        /** Events to take in (the Event Grid schema's subscription-deleted notice is dropped: it is not a tenant's event). */
        record Events(List<ExternalEvent> events) implements Delivery {
        }

        /** More than {@link #MAX_EVENTS} events. */
        record TooMany(int count) implements Delivery {
        }

        /** Not a body of either schema; {@code problem} says what is wrong and how to send it. */
        record Malformed(String problem) implements Delivery {
        }
    }

    /** Whether the content type is CloudEvents' structured JSON mode. */
    public static boolean isCloudEvents(String contentType) {
        String ct = contentType == null ? "" : contentType.toLowerCase(Locale.ROOT);
        return ct.startsWith("application/cloudevents+json") || ct.startsWith("application/cloudevents-batch+json");
    }

    public static Delivery read(String contentType, byte[] body) {
        String text = new String(body, StandardCharsets.UTF_8);
        if (text.isBlank()) {
            return new Delivery.Malformed("the body is empty: send an array of Event Grid events or CloudEvents");
        }
        return isCloudEvents(contentType) ? cloudEvents(text) : eventGrid(text);
    }

    private static Delivery eventGrid(String text) {
        if (!text.stripLeading().startsWith("[")) {
            return new Delivery.Malformed("an Event Grid delivery is a JSON array of events; for CloudEvents send Content-Type "
                    + "application/cloudevents+json or application/cloudevents-batch+json");
        }
        List<EventGridEvent> events;
        try {
            events = EventGridEvent.fromString(text);
        } catch (RuntimeException e) {
            return new Delivery.Malformed("the body is not an array of Event Grid events (each needs id, eventType, subject, "
                    + "eventTime, dataVersion and data)");
        }
        if (events.size() > MAX_EVENTS) {
            return new Delivery.TooMany(events.size());
        }
        if (events.size() == 1 && SystemEventNames.EVENT_GRID_SUBSCRIPTION_VALIDATION.equalsIgnoreCase(events.get(0).getEventType())) {
            String code = validationCode(events.get(0));
            return code == null ? new Delivery.Malformed("the subscription-validation event has no data.validationCode")
                    : new Delivery.Validation(code);
        }
        List<ExternalEvent> out = new ArrayList<>(events.size());
        for (int i = 0; i < events.size(); i++) {
            EventGridEvent e = events.get(i);
            if (SystemEventNames.EVENT_GRID_SUBSCRIPTION_VALIDATION.equalsIgnoreCase(e.getEventType())
                    || SystemEventNames.EVENT_GRID_SUBSCRIPTION_DELETED.equalsIgnoreCase(e.getEventType())) {
                continue;
            }
            Optional<String> problem = bounded(i, e.getId(), e.getEventType(), nullToEmpty(e.getTopic()), nullToEmpty(e.getSubject()));
            if (problem.isPresent()) {
                return new Delivery.Malformed(problem.get());
            }
            Optional<JsonNode> data = data(e.getData());
            if (data.isEmpty()) {
                return new Delivery.Malformed("event " + i + ": data is not JSON");
            }
            out.add(new ExternalEvent(e.getId(), e.getEventType(), nullToEmpty(e.getTopic()), nullToEmpty(e.getSubject()),
                    Optional.ofNullable(e.getEventTime()).map(OffsetDateTime::toInstant), EventSchema.EVENT_GRID, Json.payload(data.get())));
        }
        return new Delivery.Events(out);
    }

    private static Delivery cloudEvents(String text) {
        List<CloudEvent> events;
        try {
            events = CloudEvent.fromString(text);
        } catch (RuntimeException e) {
            return new Delivery.Malformed("the body is not a CloudEvent or an array of CloudEvents 1.0 (each needs specversion "
                    + "\"1.0\", id, source and type)");
        }
        if (events.size() > MAX_EVENTS) {
            return new Delivery.TooMany(events.size());
        }
        List<ExternalEvent> out = new ArrayList<>(events.size());
        for (int i = 0; i < events.size(); i++) {
            CloudEvent e = events.get(i);
            Optional<String> problem = bounded(i, e.getId(), e.getType(), e.getSource(), nullToEmpty(e.getSubject()));
            if (problem.isPresent()) {
                return new Delivery.Malformed(problem.get());
            }
            Optional<JsonNode> data = cloudEventData(e);
            if (data.isEmpty()) {
                return new Delivery.Malformed("event " + i + ": data is not JSON (binary data must come as data_base64)");
            }
            out.add(new ExternalEvent(e.getId(), e.getType(), e.getSource(), nullToEmpty(e.getSubject()),
                    Optional.ofNullable(e.getTime()).map(OffsetDateTime::toInstant), EventSchema.CLOUD_EVENTS_1_0, Json.payload(data.get())));
        }
        return new Delivery.Events(out);
    }

    private static String validationCode(EventGridEvent e) {
        try {
            SubscriptionValidationEventData d = e.getData().toObject(SubscriptionValidationEventData.class);
            return d == null || d.getValidationCode() == null || d.getValidationCode().isBlank() || d.getValidationCode().length() > MAX_ID
                    ? null : d.getValidationCode();
        } catch (RuntimeException ex) {
            return null;
        }
    }

    private static Optional<String> bounded(int index, String id, String type, String source, String subject) {
        if (id == null || id.isBlank() || id.length() > MAX_ID) {
            return Optional.of("event " + index + ": id must be 1-" + MAX_ID + " characters");
        }
        if (type == null || type.isBlank() || type.length() > MAX_TYPE) {
            return Optional.of("event " + index + ": the event type must be 1-" + MAX_TYPE + " characters");
        }
        if (source.length() > MAX_SOURCE) {
            return Optional.of("event " + index + ": the source (topic) must be at most " + MAX_SOURCE + " characters");
        }
        if (subject.length() > MAX_SUBJECT) {
            return Optional.of("event " + index + ": the subject must be at most " + MAX_SUBJECT + " characters");
        }
        return Optional.empty();
    }

    private static Optional<JsonNode> data(BinaryData data) {
        if (data == null) {
            return Optional.of(NullNode.getInstance());
        }
        try {
            return Optional.of(Json.read(data.toString()));
        } catch (RuntimeException e) {
            return Optional.empty();
        }
    }

    private static Optional<JsonNode> cloudEventData(CloudEvent e) {
        BinaryData data = e.getData();
        if (data == null) {
            return Optional.of(NullNode.getInstance());
        }
        String ct = e.getDataContentType() == null ? "application/json" : e.getDataContentType().toLowerCase(Locale.ROOT);
        if (ct.startsWith("application/json") || ct.endsWith("+json")) {
            return data(data);
        }
        return Optional.of(Json.object().put("contentType", e.getDataContentType())
                .put("dataBase64", Base64.getEncoder().encodeToString(data.toBytes())));
    }

    private static String nullToEmpty(String s) {
        return s == null ? "" : s;
    }
}
