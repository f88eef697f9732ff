package com.connectsoft.extensions.runtime.events;

import java.nio.charset.StandardCharsets;
import java.util.UUID;

/**
 * Event ids derived from what the event is about, never random: the same change of the same entity always has the
 * same id, so a re-publish after a crash carries the same Service Bus {@code messageId} and the topic's duplicate
 * detection drops it. Name-based UUID (RFC 4122 version 3) over tenant, entity type, entity id, version and kind.
 */
public final class EventIds {
    private EventIds() {
    }

    public static String of(String tenantId, String entityType, String entityId, long version, String eventType) {
        String name = tenantId + "/" + entityType + "/" + entityId + "/" + version + "/" + eventType;
        return "evt-" + UUID.nameUUIDFromBytes(name.getBytes(StandardCharsets.UTF_8));
    }
}
