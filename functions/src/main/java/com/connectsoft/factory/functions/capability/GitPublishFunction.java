package com.connectsoft.factory.functions.capability;

import com.connectsoft.factory.capability.CapabilityRegistry;
import com.connectsoft.factory.functions.CapabilityTrigger;
import com.microsoft.azure.functions.ExecutionContext;
import com.microsoft.azure.functions.annotation.BindingName;
import com.microsoft.azure.functions.annotation.FunctionName;
import com.microsoft.azure.functions.annotation.ServiceBusTopicTrigger;
import org.springframework.stereotype.Component;

/** The {@code GitPublish} function: commits a run's modules (capability {@code git-publish}). */
@Component
public class GitPublishFunction {
    private final CapabilityTrigger trigger;

    public GitPublishFunction(CapabilityTrigger trigger) {
        this.trigger = trigger;
    }

    @FunctionName("GitPublish")
    public void run(@ServiceBusTopicTrigger(name = "message", topicName = CapabilityRegistry.COMMANDS,
                            subscriptionName = CapabilityRegistry.GIT_PUBLISH, connection = CapabilityRegistry.CONNECTION) String message,
                    @BindingName("MessageId") String messageId, @BindingName("Subject") String subject,
                    @BindingName("ApplicationProperties") String properties, @BindingName("DeliveryCount") int deliveryCount,
                    ExecutionContext context) {
        trigger.handle(CapabilityRegistry.GIT_PUBLISH, message, messageId, subject, properties, deliveryCount, context);
    }
}
