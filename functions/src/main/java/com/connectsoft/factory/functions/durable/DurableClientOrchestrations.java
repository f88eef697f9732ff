package com.connectsoft.factory.functions.durable;

import com.connectsoft.factory.orchestration.Contracts.RunPlan;
import com.connectsoft.factory.orchestration.OrchestrationNames;
import com.connectsoft.factory.run.application.RunOrchestrations;
import com.connectsoft.factory.shared.domain.TenantId;
import com.microsoft.durabletask.DurableTaskClient;
import com.microsoft.durabletask.NewOrchestrationInstanceOptions;
import com.microsoft.durabletask.OrchestrationMetadata;

/**
 * Runs in Durable Functions: starts and talks to instances through the invocation's durable client. Instance ids are
 * the run's (and "runId:moduleId"), unique across tenants; an event for an instance that ended is not raised.
 */
public final class DurableClientOrchestrations implements RunOrchestrations {
    private final DurableTaskClient client;

    public DurableClientOrchestrations(DurableTaskClient client) {
        this.client = client;
    }

    @Override
    public void start(TenantId tenant, RunPlan plan) {
        String id = OrchestrationNames.runInstance(plan.runId());
        if (client.getInstanceMetadata(id, false).isInstanceFound()) {
            return;
        }
        client.scheduleNewOrchestrationInstance(OrchestrationNames.FACTORY_RUN, new NewOrchestrationInstanceOptions().setInstanceId(id)
                .setInput(plan));
    }

    @Override
    public boolean raise(TenantId tenant, String instanceId, String eventName, Object data, String dedupeKey) {
        OrchestrationMetadata m = client.getInstanceMetadata(instanceId, false);
        if (!m.isInstanceFound() || m.isCompleted()) {
            return false;
        }
        client.raiseEvent(instanceId, eventName, data);
        return true;
    }
}
