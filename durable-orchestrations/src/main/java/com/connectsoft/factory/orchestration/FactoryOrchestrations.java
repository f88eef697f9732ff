package com.connectsoft.factory.orchestration;

import com.connectsoft.factory.orchestration.local.InstanceStore;
import com.connectsoft.factory.orchestration.local.LocalDurableBackend;
import com.connectsoft.factory.orchestration.local.LocalDurableBackend.ActivityHandler;
import com.microsoft.durabletask.DataConverter;
import com.microsoft.durabletask.JacksonDataConverter;
import com.microsoft.durabletask.TaskOrchestration;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;

/** The factory's orchestrations and activities by name, and the local backend that runs them. */
public final class FactoryOrchestrations {
    private static final DataConverter JSON = new JacksonDataConverter();

    private FactoryOrchestrations() {
    }

    public static Map<String, TaskOrchestration> orchestrations() {
        return Map.of(OrchestrationNames.FACTORY_RUN, new FactoryRunOrchestration(),
                OrchestrationNames.FACTORY_MODULE, new FactoryModuleOrchestration());
    }

    /** The activities as the local backend calls them: JSON in, JSON out. */
    public static Map<String, ActivityHandler> activities(FactoryActivities a) {
        Map<String, ActivityHandler> m = new LinkedHashMap<>();
        m.put(OrchestrationNames.DISPATCH_STEP, in -> {
            a.dispatch(JSON.deserialize(in, Contracts.StepRequest.class));
            return null;
        });
        m.put(OrchestrationNames.RECORD_STEP, in -> {
            a.record(JSON.deserialize(in, Contracts.RecordRequest.class));
            return null;
        });
        m.put(OrchestrationNames.FINISH_RUN, in -> {
            a.finish(JSON.deserialize(in, Contracts.FinishRequest.class));
            return null;
        });
        m.put(OrchestrationNames.COMPENSATE_RUN, in -> JSON.serialize(a.compensate(JSON.deserialize(in, Contracts.CompensateRequest.class))));
        return m;
    }

    /** The local backend running the factory's orchestrations with these activities. */
    public static LocalDurableBackend localBackend(InstanceStore store, FactoryActivities activities, Clock clock, int activityThreads) {
        return new LocalDurableBackend(store, orchestrations(), activities(activities), clock, activityThreads);
    }
}
