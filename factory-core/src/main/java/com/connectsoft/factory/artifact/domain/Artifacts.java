package com.connectsoft.factory.artifact.domain;

import com.connectsoft.factory.shared.domain.TenantId;
import java.util.List;
import java.util.Optional;

/** A tenant's artifact lineage records. */
public interface Artifacts {
    Optional<Artifact> find(TenantId tenant, String artifactId);

    List<Artifact> byRun(TenantId tenant, String runId);

    /** Records the artifact unless one with its id exists; returns the stored record (the first one wins). */
    Artifact record(TenantId tenant, Artifact artifact);

    /** Removes an artifact record (compensation of a cancelled run); false when there was none. */
    boolean remove(TenantId tenant, String artifactId);

    /** Artifacts that list {@code artifactId} among their inputs. */
    List<Artifact> derivedFrom(TenantId tenant, String artifactId);
}
