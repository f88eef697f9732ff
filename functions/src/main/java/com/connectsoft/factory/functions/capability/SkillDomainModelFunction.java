package com.connectsoft.factory.functions.capability;

import com.connectsoft.factory.capability.CapabilityRegistry;
import com.connectsoft.factory.functions.CapabilityTrigger;
import com.microsoft.azure.functions.ExecutionContext;
import com.microsoft.azure.functions.annotation.BindingName;
import com.microsoft.azure.functions.annotation.FunctionName;
import com.microsoft.azure.functions.annotation.ServiceBusTopicTrigger;
import org.springframework.stereotype.Component;

/** The {@code SkillDomainModel} function: agent skill ConnectSoft.Skill.DomainModel (modules to a validated blueprint) as a recorded task. */
@Component
public class SkillDomainModelFunction {
    private final CapabilityTrigger trigger;

    public SkillDomainModelFunction(CapabilityTrigger trigger) {
        this.trigger = trigger;
    }

    @FunctionName("SkillDomainModel")
    public void run(@ServiceBusTopicTrigger(name = "message", topicName = CapabilityRegistry.COMMANDS,
                            subscriptionName = CapabilityRegistry.SKILL_DOMAIN_MODEL, connection = CapabilityRegistry.CONNECTION) String message,
                    @BindingName("MessageId") String messageId, @BindingName("Subject") String subject,
                    @BindingName("ApplicationProperties") String properties, @BindingName("DeliveryCount") int deliveryCount,
                    ExecutionContext context) {
        trigger.handle(CapabilityRegistry.SKILL_DOMAIN_MODEL, message, messageId, subject, properties, deliveryCount, context);
    }
}
