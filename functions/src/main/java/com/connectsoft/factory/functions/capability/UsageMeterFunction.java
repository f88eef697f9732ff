package com.connectsoft.factory.functions.capability;

import com.connectsoft.factory.capability.CapabilityRegistry;
import com.connectsoft.factory.functions.CapabilityTrigger;
import com.microsoft.azure.functions.ExecutionContext;
import com.microsoft.azure.functions.annotation.BindingName;
import com.microsoft.azure.functions.annotation.FunctionName;
import com.microsoft.azure.functions.annotation.ServiceBusTopicTrigger;
import org.springframework.stereotype.Component;

/** The {@code UsageMeter} function: records usage in the ledger (capability {@code usage-meter}). */
@Component
public class UsageMeterFunction {
    private final CapabilityTrigger trigger;

    public UsageMeterFunction(CapabilityTrigger trigger) {
        this.trigger = trigger;
    }

    @FunctionName("UsageMeter")
    public void run(@ServiceBusTopicTrigger(name = "message", topicName = CapabilityRegistry.EVENTS,
                            subscriptionName = CapabilityRegistry.USAGE_METER, connection = CapabilityRegistry.CONNECTION) String message,
                    @BindingName("MessageId") String messageId, @BindingName("Subject") String subject,
                    @BindingName("ApplicationProperties") String properties, @BindingName("DeliveryCount") int deliveryCount,
                    ExecutionContext context) {
        trigger.handle(CapabilityRegistry.USAGE_METER, message, messageId, subject, properties, deliveryCount, context);
    }
}
