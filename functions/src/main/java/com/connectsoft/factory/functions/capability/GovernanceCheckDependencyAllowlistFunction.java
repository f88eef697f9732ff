package com.connectsoft.factory.functions.capability;

import com.connectsoft.factory.capability.CapabilityRegistry;
import com.connectsoft.factory.functions.CapabilityTrigger;
import com.microsoft.azure.functions.ExecutionContext;
import com.microsoft.azure.functions.annotation.BindingName;
import com.microsoft.azure.functions.annotation.FunctionName;
import com.microsoft.azure.functions.annotation.ServiceBusTopicTrigger;
import org.springframework.stereotype.Component;

/** The {@code GovernanceCheckDependencyAllowlist} function: checks one module's dependencies against the allowlist (capability {@code governance-check-dependency-allowlist}). */
@Component
public class GovernanceCheckDependencyAllowlistFunction {
    private final CapabilityTrigger trigger;

    public GovernanceCheckDependencyAllowlistFunction(CapabilityTrigger trigger) {
        this.trigger = trigger;
    }

    @FunctionName("GovernanceCheckDependencyAllowlist")
    public void run(@ServiceBusTopicTrigger(name = "message", topicName = CapabilityRegistry.COMMANDS,
                            subscriptionName = CapabilityRegistry.GOVERNANCE_DEPENDENCY_ALLOWLIST, connection = CapabilityRegistry.CONNECTION) String message,
                    @BindingName("MessageId") String messageId, @BindingName("Subject") String subject,
                    @BindingName("ApplicationProperties") String properties, @BindingName("DeliveryCount") int deliveryCount,
                    ExecutionContext context) {
        trigger.handle(CapabilityRegistry.GOVERNANCE_DEPENDENCY_ALLOWLIST, message, messageId, subject, properties, deliveryCount, context);
    }
}
