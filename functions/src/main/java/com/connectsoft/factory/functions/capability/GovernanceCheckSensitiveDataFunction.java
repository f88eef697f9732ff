package com.connectsoft.factory.functions.capability;

import com.connectsoft.factory.capability.CapabilityRegistry;
import com.connectsoft.factory.functions.CapabilityTrigger;
import com.microsoft.azure.functions.ExecutionContext;
import com.microsoft.azure.functions.annotation.BindingName;
import com.microsoft.azure.functions.annotation.FunctionName;
import com.microsoft.azure.functions.annotation.ServiceBusTopicTrigger;
import org.springframework.stereotype.Component;

/** The {@code GovernanceCheckSensitiveData} function: asks for approval when a module stores special personal data (capability {@code governance-check-sensitive-data}). */
@Component
public class GovernanceCheckSensitiveDataFunction {
    private final CapabilityTrigger trigger;

    public GovernanceCheckSensitiveDataFunction(CapabilityTrigger trigger) {
        this.trigger = trigger;
    }

    @FunctionName("GovernanceCheckSensitiveData")
    public void run(@ServiceBusTopicTrigger(name = "message", topicName = CapabilityRegistry.COMMANDS,
                            subscriptionName = CapabilityRegistry.GOVERNANCE_SENSITIVE_DATA, connection = CapabilityRegistry.CONNECTION) String message,
                    @BindingName("MessageId") String messageId, @BindingName("Subject") String subject,
                    @BindingName("ApplicationProperties") String properties, @BindingName("DeliveryCount") int deliveryCount,
                    ExecutionContext context) {
        trigger.handle(CapabilityRegistry.GOVERNANCE_SENSITIVE_DATA, message, messageId, subject, properties, deliveryCount, context);
    }
}
