package com.connectsoft.factory.functions.capability;

import com.connectsoft.factory.capability.CapabilityRegistry;
import com.connectsoft.factory.functions.CapabilityTrigger;
import com.microsoft.azure.functions.ExecutionContext;
import com.microsoft.azure.functions.annotation.BindingName;
import com.microsoft.azure.functions.annotation.FunctionName;
import com.microsoft.azure.functions.annotation.ServiceBusTopicTrigger;
import org.springframework.stereotype.Component;

/** The {@code GovernanceCheckTenantIsolation} function: checks tenant isolation of one module (capability {@code governance-check-tenant-isolation}). */
@Component
public class GovernanceCheckTenantIsolationFunction {
    private final CapabilityTrigger trigger;

    public GovernanceCheckTenantIsolationFunction(CapabilityTrigger trigger) {
        this.trigger = trigger;
    }

    @FunctionName("GovernanceCheckTenantIsolation")
    public void run(@ServiceBusTopicTrigger(name = "message", topicName = CapabilityRegistry.COMMANDS,
                            subscriptionName = CapabilityRegistry.GOVERNANCE_TENANT_ISOLATION, connection = CapabilityRegistry.CONNECTION) String message,
                    @BindingName("MessageId") String messageId, @BindingName("Subject") String subject,
                    @BindingName("ApplicationProperties") String properties, @BindingName("DeliveryCount") int deliveryCount,
                    ExecutionContext context) {
        trigger.handle(CapabilityRegistry.GOVERNANCE_TENANT_ISOLATION, message, messageId, subject, properties, deliveryCount, context);
    }
}
