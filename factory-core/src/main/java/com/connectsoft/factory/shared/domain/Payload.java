package com.connectsoft.factory.shared.domain;

import java.util.Objects;

/**
 * The body of an event: one JSON value, as compact text. The domain carries it without reading it; what it holds is
 * the business of the event's type, read and written with the platform's JSON codec ({@code Json.payload},
 * {@code Json.fromPayload}). On the wire it is the JSON value itself, not a string.
 */
public record Payload(String json) {
    /** An empty JSON object. */
    public static final Payload EMPTY = new Payload("{}");

    public Payload {
        Objects.requireNonNull(json, "payload JSON is required (use Payload.EMPTY)");
        if (json.isBlank()) {
            throw new IllegalArgumentException("a payload is a JSON value, not blank text; use Payload.EMPTY");
        }
    }

    @Override
    public String toString() {
        return json;
    }
}
