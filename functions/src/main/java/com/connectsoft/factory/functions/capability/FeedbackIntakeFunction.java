package com.connectsoft.factory.functions.capability;

import com.connectsoft.factory.capability.CapabilityRegistry;
import com.connectsoft.factory.functions.CapabilityTrigger;
import com.microsoft.azure.functions.ExecutionContext;
import com.microsoft.azure.functions.annotation.BindingName;
import com.microsoft.azure.functions.annotation.FunctionName;
import com.microsoft.azure.functions.annotation.ServiceBusTopicTrigger;
import org.springframework.stereotype.Component;

/** The {@code FeedbackIntake} function: webhook events about generated modules become feedback items (capability {@code feedback-intake}). */
@Component
public class FeedbackIntakeFunction {
    private final CapabilityTrigger trigger;

    public FeedbackIntakeFunction(CapabilityTrigger trigger) {
        this.trigger = trigger;
    }

    @FunctionName("FeedbackIntake")
    public void run(@ServiceBusTopicTrigger(name = "message", topicName = CapabilityRegistry.EVENTS,
                            subscriptionName = CapabilityRegistry.FEEDBACK_INTAKE, connection = CapabilityRegistry.CONNECTION) String message,
                    @BindingName("MessageId") String messageId, @BindingName("Subject") String subject,
                    @BindingName("ApplicationProperties") String properties, @BindingName("DeliveryCount") int deliveryCount,
                    ExecutionContext context) {
        trigger.handle(CapabilityRegistry.FEEDBACK_INTAKE, message, messageId, subject, properties, deliveryCount, context);
    }
}
