package com.connectsoft.factory.functions.capability;

import com.connectsoft.factory.capability.CapabilityRegistry;
import com.connectsoft.factory.functions.CapabilityTrigger;
import com.microsoft.azure.functions.ExecutionContext;
import com.microsoft.azure.functions.annotation.BindingName;
import com.microsoft.azure.functions.annotation.FunctionName;
import com.microsoft.azure.functions.annotation.ServiceBusTopicTrigger;
import org.springframework.stereotype.Component;

/** The {@code GovernanceCheckSecrets} function: checks one module for secrets (capability {@code governance-check-secrets}). */
@Component
public class GovernanceCheckSecretsFunction {
    private final CapabilityTrigger trigger;

    public GovernanceCheckSecretsFunction(CapabilityTrigger trigger) {
        this.trigger = trigger;
    }

    @FunctionName("GovernanceCheckSecrets")
    public void run(@ServiceBusTopicTrigger(name = "message", topicName = CapabilityRegistry.COMMANDS,
                            subscriptionName = CapabilityRegistry.GOVERNANCE_SECRETS, connection = CapabilityRegistry.CONNECTION) String message,
                    @BindingName("MessageId") String messageId, @BindingName("Subject") String subject,
                    @BindingName("ApplicationProperties") String properties, @BindingName("DeliveryCount") int deliveryCount,
                    ExecutionContext context) {
        trigger.handle(CapabilityRegistry.GOVERNANCE_SECRETS, message, messageId, subject, properties, deliveryCount, context);
    }
}
