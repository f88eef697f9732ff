package com.connectsoft.factory.platform.bus.servicebus;

import com.azure.messaging.servicebus.ServiceBusReceivedMessage;
import com.azure.messaging.servicebus.ServiceBusReceivedMessageContext;
import com.azure.messaging.servicebus.models.AbandonOptions;
import com.azure.messaging.servicebus.models.DeadLetterOptions;
import com.connectsoft.factory.platform.bus.EventHandler;
import com.connectsoft.factory.platform.bus.PoisonEventException;
import com.connectsoft.factory.shared.domain.Envelope;
import java.util.Map;

/**
 * Settles one received message after its handler ran: success completes it; poison (a message that can never be
 * handled) is dead-lettered at once with a reason and a description; any other failure abandons it, so Service
 * Bus delivers it again and dead-letters it itself after the subscription's max delivery count. Abandoning writes the
 * failure into the message's {@link #LAST_ERROR} property, so a message Service Bus gave up on still says why.
 */
public final class ServiceBusDelivery {
    /** Dead-letter reason of a message no handler can take. */
    public static final String POISON = "PoisonMessage";
    /** Application property an abandoned message carries: the type and message of its handler's last failure. */
    public static final String LAST_ERROR = "cs-last-error";
    private static final int MAX_DESCRIPTION = 4000;
    private static final int MAX_LAST_ERROR = 1000;

    public enum Outcome { COMPLETED, DEAD_LETTERED, ABANDONED }

    private ServiceBusDelivery() {
    }

    public static Outcome handle(ServiceBusReceivedMessageContext context, EventHandler handler) {
        ServiceBusReceivedMessage message = context.getMessage();
        try {
            Envelope event = ServiceBusMessages.fromMessage(message);
            handler.handle(event);
        } catch (PoisonEventException e) {
            context.deadLetter(new DeadLetterOptions().setDeadLetterReason(POISON)
                    .setDeadLetterErrorDescription(truncate(e.getMessage(), MAX_DESCRIPTION)));
            return Outcome.DEAD_LETTERED;
        } catch (Exception e) {
            String error = e.getClass().getSimpleName() + ": " + (e.getMessage() == null ? "" : e.getMessage());
            context.abandon(new AbandonOptions().setPropertiesToModify(Map.of(LAST_ERROR, truncate(error, MAX_LAST_ERROR))));
            return Outcome.ABANDONED;
        }
        context.complete();
        return Outcome.COMPLETED;
    }

    private static String truncate(String s, int max) {
        String text = s == null ? "" : s;
        return text.length() <= max ? text : text.substring(0, max - 1) + "…";
    }
}
