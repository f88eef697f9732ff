package com.connectsoft.factory.functions;

import com.connectsoft.factory.app.Capabilities;
import com.connectsoft.factory.app.Factory;
import com.connectsoft.factory.capability.Capability;
import com.connectsoft.factory.capability.CapabilityRegistry;
import com.connectsoft.factory.capability.CapabilityTelemetry;
import com.connectsoft.factory.platform.bus.DeadLetters;
import com.connectsoft.factory.platform.bus.PoisonEventException;
import com.connectsoft.factory.platform.bus.servicebus.ServiceBusMessages;
import com.connectsoft.factory.platform.json.Json;
import com.connectsoft.factory.shared.domain.Envelope;
import com.fasterxml.jackson.databind.JsonNode;
import com.microsoft.azure.functions.ExecutionContext;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.logging.Level;
import org.springframework.context.ApplicationContext;
import org.springframework.stereotype.Component;

/**
 * What every Service Bus triggered function does with its message: read the envelope, call the capability's
 * Spring Cloud Function bean, publish what it returns. A transient fault is rethrown, so the host abandons the
 * message and Service Bus delivers it again (and dead-letters it after the subscription's max deliveries).
 * Poison (an envelope that can never be handled) is not retried: the Java worker cannot dead-letter a trigger
 * message with a reason, so the factory records it as an {@code EventDeadLettered} event carrying the original
 * envelope, the reason and the description, which ends the run that waited for it, and completes the message.
 * A body that is not an envelope at all is rethrown, so Service Bus keeps it in the dead-letter queue.
 */
@Component
public class CapabilityTrigger {
    private final ApplicationContext context;
    private final Factory app;

    public CapabilityTrigger(ApplicationContext context, Factory app) {
        this.context = context;
        this.app = app;
    }

    /** @return the events the capability published */
    @SuppressWarnings("unchecked")
    public List<Envelope> handle(String capabilityName, String body, String messageId, String subject, String applicationProperties,
                                 int deliveryCount, ExecutionContext log) {
        Capability capability = CapabilityRegistry.get(capabilityName);
        Envelope event = ServiceBusMessages.fromBody(body, messageId, subject, properties(applicationProperties));
        try {
            List<Envelope> out;
            try {
                out = app.tracing().process(event, "servicebus", capability.subscription(),
                        () -> Capabilities.run(capability, context.getBean(capability.name(), Function.class), event, app.bus()));
            } catch (PoisonEventException poison) {
                throw poison;
            } catch (RuntimeException transientFault) {
                log.getLogger().warning(CapabilityTelemetry.line(capability, event, CapabilityTelemetry.FAILED));
                throw transientFault;
            }
            log.getLogger().info(CapabilityTelemetry.line(capability, event, CapabilityTelemetry.HANDLED));
            log.getLogger().fine(() -> capability.functionName() + " handled " + event.eventId() + " (trace " + event.traceId()
                    + ", delivery " + deliveryCount + "): " + out.size() + " event(s)");
            return out;
        } catch (PoisonEventException poison) {
            log.getLogger().log(Level.SEVERE, CapabilityTelemetry.line(capability, event, CapabilityTelemetry.POISON));
            log.getLogger().log(Level.SEVERE, capability.functionName() + " refused " + event.eventId() + ": " + poison.getMessage());
            Envelope announcement = DeadLetters.announcement(event, capability.subscription(), deliveryCount,
                    "PoisonMessage: " + poison.getMessage(), java.time.Instant.now());
            app.bus().publish(announcement);
            return List.of(announcement);
        }
    }

    private static Map<String, Object> properties(String json) {
        Map<String, Object> out = new HashMap<>();
        if (json == null || json.isBlank()) {
            return out;
        }
        try {
            JsonNode n = Json.read(json);
            n.fields().forEachRemaining(e -> out.put(e.getKey(), e.getValue().isTextual() ? e.getValue().asText() : e.getValue().toString()));
        } catch (RuntimeException e) {
            throw new PoisonEventException("application properties are not JSON: " + e.getMessage());
        }
        return out;
    }
}
