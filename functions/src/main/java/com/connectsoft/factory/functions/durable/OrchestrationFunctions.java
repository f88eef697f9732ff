package com.connectsoft.factory.functions.durable;

import com.connectsoft.factory.app.Factory;
import com.connectsoft.factory.orchestration.Contracts;
import com.connectsoft.factory.orchestration.FactoryModuleOrchestration;
import com.connectsoft.factory.orchestration.FactoryRunOrchestration;
import com.connectsoft.factory.orchestration.OrchestrationNames;
import com.microsoft.azure.functions.annotation.FunctionName;
import com.microsoft.durabletask.DataConverter;
import com.microsoft.durabletask.JacksonDataConverter;
import com.microsoft.durabletask.OrchestrationRunner;
import com.microsoft.durabletask.azurefunctions.DurableActivityTrigger;
import com.microsoft.durabletask.azurefunctions.DurableOrchestrationTrigger;
import org.springframework.stereotype.Component;

/**
 * The run orchestration in Durable Functions: the same orchestration classes the local backend runs, replayed by the
 * host through {@link OrchestrationRunner}, and the activities calling the factory's {@code RunActivities}.
 */
@Component
public class OrchestrationFunctions {
    private static final DataConverter JSON = new JacksonDataConverter();
    private final Factory app;

    public OrchestrationFunctions(Factory app) {
        this.app = app;
    }

    @FunctionName(OrchestrationNames.FACTORY_RUN)
    public String factoryRun(@DurableOrchestrationTrigger(name = "runRequest") String request) {
        return OrchestrationRunner.loadAndRun(request, new FactoryRunOrchestration());
    }

    @FunctionName(OrchestrationNames.FACTORY_MODULE)
    public String factoryModule(@DurableOrchestrationTrigger(name = "moduleRequest") String request) {
        return OrchestrationRunner.loadAndRun(request, new FactoryModuleOrchestration());
    }

    @FunctionName(OrchestrationNames.DISPATCH_STEP)
    public void dispatchStep(@DurableActivityTrigger(name = "input") String input) {
        app.runs().activities().dispatch(JSON.deserialize(input, Contracts.StepRequest.class));
    }

    @FunctionName(OrchestrationNames.RECORD_STEP)
    public void recordStep(@DurableActivityTrigger(name = "input") String input) {
        app.runs().activities().record(JSON.deserialize(input, Contracts.RecordRequest.class));
    }

    @FunctionName(OrchestrationNames.FINISH_RUN)
    public void finishRun(@DurableActivityTrigger(name = "input") String input) {
        app.runs().activities().finish(JSON.deserialize(input, Contracts.FinishRequest.class));
    }

    @FunctionName(OrchestrationNames.COMPENSATE_RUN)
    public String compensateRun(@DurableActivityTrigger(name = "input") String input) {
        return JSON.serialize(app.runs().activities().compensate(JSON.deserialize(input, Contracts.CompensateRequest.class)));
    }
}
