package com.connectsoft.factory.functions.durable;

import com.connectsoft.factory.orchestration.Contracts.RunPlan;
import com.connectsoft.factory.orchestration.OrchestrationNames;
import com.connectsoft.factory.platform.json.Json;
import com.connectsoft.factory.platform.store.DocumentStore;
import com.connectsoft.factory.run.application.RunOrchestrations;
import com.connectsoft.factory.shared.domain.TenantId;
import com.microsoft.durabletask.DurableTaskClient;
import com.microsoft.durabletask.NewOrchestrationInstanceOptions;
import com.microsoft.durabletask.OrchestrationMetadata;
import java.time.Clock;
import java.util.Objects;

/**
 * Runs in Durable Functions: starts and talks to instances through the invocation's durable client. Instance ids are
 * the run's (and "runId:moduleId"), unique across tenants; an instance belongs to the tenant its plan names, and an
 * event for an instance that ended, does not exist or is another tenant's is not raised. Durable Functions does not
 * dedupe raised events, so the keys raised on each instance are kept in the tenant's partition of the factory's store
 * ({@link RaisedEvents}): a key raised once, by any process, is not raised again.
 */
public final class DurableClientOrchestrations implements RunOrchestrations {
    private final DurableTaskClient client;
    private final RaisedEvents raised;

    public DurableClientOrchestrations(DurableTaskClient client, DocumentStore store, Clock clock) {
        this.client = Objects.requireNonNull(client, "client");
        this.raised = new RaisedEvents(store, clock);
    }

    /**
     * Schedules the run unless an instance with its id exists, running or ended (Durable Functions would start an ended
     * one afresh). Two calls racing: the loser's schedule fails on the running instance, which is the start it wanted.
     */
    @Override
    public void start(TenantId tenant, RunPlan plan) {
        String id = OrchestrationNames.runInstance(plan.runId());
        if (client.getInstanceMetadata(id, false).isInstanceFound()) {
            return;
        }
        try {
            client.scheduleNewOrchestrationInstance(OrchestrationNames.FACTORY_RUN, new NewOrchestrationInstanceOptions().setInstanceId(id)
                    .setInput(plan));
        } catch (RuntimeException e) {
            if (!client.getInstanceMetadata(id, false).isInstanceFound()) {
                throw e;
            }
        }
    }

    @Override
    public boolean raise(TenantId tenant, String instanceId, String eventName, Object data, String dedupeKey) {
        OrchestrationMetadata m = client.getInstanceMetadata(instanceId, true);
        if (!m.isInstanceFound() || m.isCompleted() || !tenant.value().equals(tenantOf(m))) {
            return false;
        }
        if (dedupeKey == null) {
            client.raiseEvent(instanceId, eventName, data);
        } else {
            raised.raiseOnce(tenant, instanceId, dedupeKey, () -> client.raiseEvent(instanceId, eventName, data));
        }
        return true;
    }

    /** The tenant the instance's plan (RunPlan or ModulePlan) names; null when it names none. */
    private static String tenantOf(OrchestrationMetadata m) {
        String input = m.getSerializedInput();
        if (input == null || input.isBlank()) {
            return null;
        }
        try {
            return Json.read(input).path("tenantId").asText(null);
        } catch (RuntimeException unreadable) {
            return null;
        }
    }
}
