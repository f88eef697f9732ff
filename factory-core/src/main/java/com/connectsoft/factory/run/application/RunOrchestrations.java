package com.connectsoft.factory.run.application;

import com.connectsoft.factory.orchestration.Contracts.RunPlan;
import com.connectsoft.factory.shared.domain.TenantId;

/**
 * Where runs execute as durable orchestrations: the local durable backend on one machine, Durable Functions in Azure.
 * Every call names the tenant; the instances of a run live with the run.
 */
public interface RunOrchestrations {
    /** Starts the FactoryRun orchestration for the plan (instance id = run id); starting it again changes nothing. */
    void start(TenantId tenant, RunPlan plan);

    /**
     * Raises an external event on one instance. The dedupe key makes raising the same thing twice (a redelivered
     * result) one event. False when the instance does not exist or has ended.
     */
    boolean raise(TenantId tenant, String instanceId, String eventName, Object data, String dedupeKey);
}
