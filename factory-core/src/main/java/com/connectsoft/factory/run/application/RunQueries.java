package com.connectsoft.factory.run.application;

import com.connectsoft.factory.run.domain.FactoryRun;
import com.connectsoft.factory.run.domain.Runs;
import com.connectsoft.factory.shared.domain.TenantId;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/** Reading runs: a tenant's (never another's), and, for the platform's own recovery, the unfinished runs of all tenants. */
public final class RunQueries {
    private final Runs runs;
    private final Supplier<List<TenantId>> tenants;

    public RunQueries(Runs runs, Supplier<List<TenantId>> tenants) {
        this.runs = runs;
        this.tenants = tenants;
    }

    public List<FactoryRun> list(TenantId tenant) {
        return runs.list(tenant);
    }

    public Optional<FactoryRun> find(TenantId tenant, String runId) {
        return runs.find(tenant, runId);
    }

    /** Every run that has not ended, of every registered tenant (what a restarted host resumes). */
    public List<FactoryRun> unfinished() {
        List<FactoryRun> out = new ArrayList<>();
        for (TenantId t : tenants.get()) {
            runs.list(t).stream().filter(r -> !r.terminal()).forEach(out::add);
        }
        return out;
    }
}
