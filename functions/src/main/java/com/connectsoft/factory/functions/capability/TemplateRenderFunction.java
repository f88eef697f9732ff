package com.connectsoft.factory.functions.capability;

import com.connectsoft.factory.capability.CapabilityRegistry;
import com.connectsoft.factory.functions.CapabilityTrigger;
import com.microsoft.azure.functions.ExecutionContext;
import com.microsoft.azure.functions.annotation.BindingName;
import com.microsoft.azure.functions.annotation.FunctionName;
import com.microsoft.azure.functions.annotation.ServiceBusTopicTrigger;
import org.springframework.stereotype.Component;

/** The {@code TemplateRender} function: renders one module from its template (capability {@code template-render}). */
@Component
public class TemplateRenderFunction {
    private final CapabilityTrigger trigger;

    public TemplateRenderFunction(CapabilityTrigger trigger) {
        this.trigger = trigger;
    }

    @FunctionName("TemplateRender")
    public void run(@ServiceBusTopicTrigger(name = "message", topicName = CapabilityRegistry.COMMANDS,
                            subscriptionName = CapabilityRegistry.TEMPLATE_RENDER, connection = CapabilityRegistry.CONNECTION) String message,
                    @BindingName("MessageId") String messageId, @BindingName("Subject") String subject,
                    @BindingName("ApplicationProperties") String properties, @BindingName("DeliveryCount") int deliveryCount,
                    ExecutionContext context) {
        trigger.handle(CapabilityRegistry.TEMPLATE_RENDER, message, messageId, subject, properties, deliveryCount, context);
    }
}
