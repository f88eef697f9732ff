package com.connectsoft.factory.functions.durable;

import com.connectsoft.factory.orchestration.Contracts.RunPlan;
import com.connectsoft.factory.platform.store.DocumentStore;
import com.connectsoft.factory.run.application.RunOrchestrations;
import com.connectsoft.factory.shared.domain.TenantId;
import com.microsoft.durabletask.DurableTaskClient;
import java.time.Clock;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * The function app's orchestrations: the durable client of the invocation in progress (each HTTP or relay function
 * that starts or answers runs binds one with {@code durableClient}). Outside such an invocation there is none, and
 * saying so is better than starting a run nobody runs. The keys of raised events are kept in {@code store}.
 */
public final class InvocationOrchestrations implements RunOrchestrations {
    private static final ThreadLocal<DurableTaskClient> CURRENT = new ThreadLocal<>();
    private final DocumentStore store;
    private final Clock clock;

    public InvocationOrchestrations(DocumentStore store, Clock clock) {
        this.store = Objects.requireNonNull(store, "store");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** Runs {@code work} with the invocation's durable client. */
    public static <T> T using(DurableTaskClient client, Supplier<T> work) {
        DurableTaskClient before = CURRENT.get();
        CURRENT.set(client);
        try {
            return work.get();
        } finally {
            CURRENT.set(before);
        }
    }

    private DurableClientOrchestrations current() {
        DurableTaskClient c = CURRENT.get();
        if (c == null) {
            throw new IllegalStateException("no durable client in this invocation: bind one with @DurableClientInput");
        }
        return new DurableClientOrchestrations(c, store, clock);
    }

    @Override
    public void start(TenantId tenant, RunPlan plan) {
        current().start(tenant, plan);
    }

    @Override
    public boolean raise(TenantId tenant, String instanceId, String eventName, Object data, String dedupeKey) {
        return current().raise(tenant, instanceId, eventName, data, dedupeKey);
    }
}
