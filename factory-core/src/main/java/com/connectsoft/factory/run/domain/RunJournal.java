package com.connectsoft.factory.run.domain;

import com.connectsoft.factory.artifact.domain.Artifact;
import com.connectsoft.factory.project.domain.BlueprintVersion;
import com.connectsoft.factory.project.domain.Project;
import com.connectsoft.factory.shared.domain.Envelope;
import com.connectsoft.factory.shared.domain.TenantId;
import java.util.List;

/**
 * Records a run's progress. Each call commits atomically in the tenant's partition: the run record, the
 * artifacts of the step, and the events it publishes (through the outbox). Artifact and event ids are
 * deterministic, so committing the same step again changes nothing.
 */
public interface RunJournal {
    /** The intake step: project, blueprint version and the new run, together. */
    void open(TenantId tenant, Project project, BlueprintVersion blueprint, FactoryRun run, List<Artifact> artifacts,
              List<Envelope> events);

    void commit(TenantId tenant, FactoryRun run, List<Artifact> artifacts, List<Envelope> events);

    /** A run as stored, with the version (ETag) a guarded commit must match. */
    record Versioned(FactoryRun run, String etag) {
    }

    /** Publishes events through the tenant's outbox on their own (a step's command); an eventId already published is not sent again. */
    void publish(TenantId tenant, List<Envelope> events);

    java.util.Optional<Versioned> load(TenantId tenant, String runId);

    /**
     * Commits only if the run is still at {@code expectedEtag}; otherwise nothing is written and
     * {@link com.connectsoft.factory.platform.store.StoreConflictException} says someone else changed it first.
     */
    void commit(TenantId tenant, FactoryRun run, String expectedEtag, List<Artifact> artifacts, List<Envelope> events);
}
