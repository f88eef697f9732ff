package com.connectsoft.factory.functions.capability;

import com.connectsoft.factory.capability.CapabilityRegistry;
import com.connectsoft.factory.functions.CapabilityTrigger;
import com.connectsoft.factory.functions.durable.InvocationOrchestrations;
import com.microsoft.azure.functions.ExecutionContext;
import com.microsoft.azure.functions.annotation.BindingName;
import com.microsoft.azure.functions.annotation.FunctionName;
import com.microsoft.azure.functions.annotation.ServiceBusTopicTrigger;
import com.microsoft.durabletask.azurefunctions.DurableClientContext;
import com.microsoft.durabletask.azurefunctions.DurableClientInput;
import org.springframework.stereotype.Component;

/**
 * The {@code RunRelay} function: raises each step's result on the orchestration instance waiting for it, through
 * this invocation's durable client (capability {@code run-relay}).
 */
@Component
public class RunRelayFunction {
    private final CapabilityTrigger trigger;

    public RunRelayFunction(CapabilityTrigger trigger) {
        this.trigger = trigger;
    }

    @FunctionName("RunRelay")
    public void run(@ServiceBusTopicTrigger(name = "message", topicName = CapabilityRegistry.EVENTS,
                            subscriptionName = CapabilityRegistry.RUN_RELAY, connection = CapabilityRegistry.CONNECTION) String message,
                    @BindingName("MessageId") String messageId, @BindingName("Subject") String subject,
                    @BindingName("ApplicationProperties") String properties, @BindingName("DeliveryCount") int deliveryCount,
                    @DurableClientInput(name = "durableContext") DurableClientContext durable,
                    ExecutionContext context) {
        InvocationOrchestrations.using(durable.getClient(), () -> trigger.handle(CapabilityRegistry.RUN_RELAY, message, messageId, subject,
                properties, deliveryCount, context));
    }
}
