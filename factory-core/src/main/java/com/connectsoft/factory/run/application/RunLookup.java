package com.connectsoft.factory.run.application;

import com.connectsoft.factory.run.domain.FactoryRun;
import com.connectsoft.factory.run.domain.Runs;
import com.connectsoft.factory.shared.domain.TenantId;

/** A tenant's run by id, or a clear error: another tenant's run is as unknown as one that does not exist. */
final class RunLookup {
    private RunLookup() {
    }

    static FactoryRun find(Runs runs, TenantId tenant, String runId) {
        return runs.find(tenant, runId).orElseThrow(() -> new IllegalArgumentException("tenant " + tenant.value() + " has no run " + runId
                + "; ./factory runs --tenant " + tenant.value() + " lists them"));
    }
}
