package com.connectsoft.factory.platform.bus;

/** An event a subscription gave up on, with the reason and how many attempts were made. */
public record DeadLetter(String eventId, String eventType, String subscription, int attempts, String reason, String correlationId) {
}
