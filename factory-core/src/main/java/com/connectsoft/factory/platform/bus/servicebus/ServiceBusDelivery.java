package com.connectsoft.factory.platform.bus.servicebus;

import com.azure.messaging.servicebus.ServiceBusReceivedMessage;
import com.azure.messaging.servicebus.ServiceBusReceivedMessageContext;
import com.azure.messaging.servicebus.models.DeadLetterOptions;
import com.connectsoft.factory.platform.bus.EventHandler;
import com.connectsoft.factory.platform.bus.PoisonEventException;
import com.connectsoft.factory.shared.domain.Envelope;

/**
 * Settles one received message after its handler ran: success completes it; poison (a message that can never be
 * handled) is dead-lettered at once with a reason and a description; any other failure abandons it, so Service
 * Bus delivers it again and dead-letters it itself after the subscription's max delivery count.
 */
public final class ServiceBusDelivery {
    /** Dead-letter reason of a message no handler can take. */
    public static final String POISON = "PoisonMessage";
    private static final int MAX_DESCRIPTION = 4000;

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
                    .setDeadLetterErrorDescription(truncate(e.getMessage())));
            return Outcome.DEAD_LETTERED;
        } catch (Exception e) {
            context.abandon();
            return Outcome.ABANDONED;
        }
        context.complete();
        return Outcome.COMPLETED;
    }

    private static String truncate(String s) {
        String text = s == null ? "" : s;
        return text.length() <= MAX_DESCRIPTION ? text : text.substring(0, MAX_DESCRIPTION - 1) + "…";
    }
}
