package com.connectsoft.factory.run.adapter;

import com.connectsoft.factory.orchestration.Contracts.RunPlan;
import com.connectsoft.factory.orchestration.OrchestrationNames;
import com.connectsoft.factory.orchestration.local.LocalDurableBackend;
import com.connectsoft.factory.run.application.RunOrchestrations;
import com.connectsoft.factory.shared.domain.TenantId;

/** Runs on the local durable backend, the instances kept in the tenant's partition of the factory's store. */
public final class LocalRunOrchestrations implements RunOrchestrations {
    private final LocalDurableBackend backend;

    public LocalRunOrchestrations(LocalDurableBackend backend) {
        this.backend = backend;
    }

    @Override
    public void start(TenantId tenant, RunPlan plan) {
        backend.schedule(tenant.value(), OrchestrationNames.FACTORY_RUN, OrchestrationNames.runInstance(plan.runId()), plan);
    }

    @Override
    public boolean raise(TenantId tenant, String instanceId, String eventName, Object data, String dedupeKey) {
        return backend.raise(tenant.value(), instanceId, eventName, data, dedupeKey);
    }
}
