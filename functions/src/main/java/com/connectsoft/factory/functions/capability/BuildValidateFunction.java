package com.connectsoft.factory.functions.capability;

import com.connectsoft.factory.capability.CapabilityRegistry;
import com.connectsoft.factory.functions.CapabilityTrigger;
import com.microsoft.azure.functions.ExecutionContext;
import com.microsoft.azure.functions.annotation.BindingName;
import com.microsoft.azure.functions.annotation.FunctionName;
import com.microsoft.azure.functions.annotation.ServiceBusTopicTrigger;
import org.springframework.stereotype.Component;

/** The {@code BuildValidate} function: builds one module and runs its tests (capability {@code build-validate}). */
@Component
public class BuildValidateFunction {
    private final CapabilityTrigger trigger;

    public BuildValidateFunction(CapabilityTrigger trigger) {
        this.trigger = trigger;
    }

    @FunctionName("BuildValidate")
    public void run(@ServiceBusTopicTrigger(name = "message", topicName = CapabilityRegistry.COMMANDS,
                            subscriptionName = CapabilityRegistry.BUILD_VALIDATE, connection = CapabilityRegistry.CONNECTION) String message,
                    @BindingName("MessageId") String messageId, @BindingName("Subject") String subject,
                    @BindingName("ApplicationProperties") String properties, @BindingName("DeliveryCount") int deliveryCount,
                    ExecutionContext context) {
        trigger.handle(CapabilityRegistry.BUILD_VALIDATE, message, messageId, subject, properties, deliveryCount, context);
    }
}
