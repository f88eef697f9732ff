package com.connectsoft.factory.functions.capability;

import com.connectsoft.factory.capability.CapabilityRegistry;
import com.connectsoft.factory.functions.CapabilityTrigger;
import com.microsoft.azure.functions.ExecutionContext;
import com.microsoft.azure.functions.annotation.BindingName;
import com.microsoft.azure.functions.annotation.FunctionName;
import com.microsoft.azure.functions.annotation.ServiceBusTopicTrigger;
import org.springframework.stereotype.Component;

/** The {@code KnowledgeIndex} function: indexes blueprints, generated modules and run outcomes per tenant (capability {@code knowledge-index}). */
@Component
public class KnowledgeIndexFunction {
    private final CapabilityTrigger trigger;

    public KnowledgeIndexFunction(CapabilityTrigger trigger) {
        this.trigger = trigger;
    }

    @FunctionName("KnowledgeIndex")
    public void run(@ServiceBusTopicTrigger(name = "message", topicName = CapabilityRegistry.EVENTS,
                            subscriptionName = CapabilityRegistry.KNOWLEDGE_INDEX, connection = CapabilityRegistry.CONNECTION) String message,
                    @BindingName("MessageId") String messageId, @BindingName("Subject") String subject,
                    @BindingName("ApplicationProperties") String properties, @BindingName("DeliveryCount") int deliveryCount,
                    ExecutionContext context) {
        trigger.handle(CapabilityRegistry.KNOWLEDGE_INDEX, message, messageId, subject, properties, deliveryCount, context);
    }
}
