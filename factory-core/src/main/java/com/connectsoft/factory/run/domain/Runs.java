package com.connectsoft.factory.run.domain;

import com.connectsoft.factory.shared.domain.TenantId;
import java.util.List;
import java.util.Optional;

/** A tenant's factory runs, oldest first. */
public interface Runs {
    Optional<FactoryRun> find(TenantId tenant, String runId);

    List<FactoryRun> list(TenantId tenant);
}
