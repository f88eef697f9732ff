package com.connectsoft.factory.artifact.domain;

import com.connectsoft.factory.shared.domain.TenantId;
import java.util.List;
import java.util.Optional;

/** A tenant's artifact lineage records. */
public interface Artifacts {
    Optional<Artifact> find(TenantId tenant, String artifactId);

    List<Artifact> byRun(TenantId tenant, String runId);

    /** Artifacts that list {@code artifactId} among their inputs. */
    List<Artifact> derivedFrom(TenantId tenant, String artifactId);
}
