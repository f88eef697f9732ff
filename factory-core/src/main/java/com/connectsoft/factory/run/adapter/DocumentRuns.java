package com.connectsoft.factory.run.adapter;

import com.connectsoft.factory.platform.store.Documents;
import com.connectsoft.factory.artifact.domain.Artifact;
import com.connectsoft.factory.platform.json.Json;
import com.connectsoft.factory.platform.store.DocumentStore;
import com.connectsoft.factory.platform.store.DocumentTransaction;
import com.connectsoft.factory.platform.store.Filter;
import com.connectsoft.factory.project.domain.BlueprintVersion;
import com.connectsoft.factory.project.domain.Project;
import com.connectsoft.factory.run.domain.FactoryRun;
import com.connectsoft.factory.run.domain.RunJournal;
import com.connectsoft.factory.run.domain.Runs;
import com.connectsoft.factory.shared.domain.Envelope;
import com.connectsoft.factory.shared.domain.TenantId;
import java.util.List;
import java.util.Optional;

/** Runs, and the journal that commits a run's steps with their artifacts and events in one transaction. */
public final class DocumentRuns implements Runs, RunJournal {
    static final String RUNS = "runs";
    static final String ARTIFACTS = "artifacts";
    private final DocumentStore store;
    private final ProjectWriter projects;

    /**
     * Writes the project and blueprint version a run opens with into the run's own transaction (they are the project
     * capability's documents; its wiring says how).
     */
    @FunctionalInterface
    public interface ProjectWriter {
        void ensure(com.connectsoft.factory.platform.store.DocumentTransaction tx, Project project, BlueprintVersion version);
    }

    public DocumentRuns(DocumentStore store, ProjectWriter projects) {
        this.store = store;
        this.projects = projects;
    }

    @Override
    public Optional<FactoryRun> find(TenantId tenant, String runId) {
        return store.get(tenant, RUNS, runId).map(d -> Json.fromTree(d.body(), FactoryRun.class));
    }

    @Override
    public List<FactoryRun> list(TenantId tenant) {
        return Documents.all(store, tenant, RUNS, Filter.all(), FactoryRun.class);
    }

    @Override
    public void open(TenantId tenant, Project project, BlueprintVersion blueprint, FactoryRun run, List<Artifact> artifacts,
                     List<Envelope> events) {
        store.transact(tenant, tx -> {
            projects.ensure(tx, project, blueprint);
            write(tx, run, artifacts, events);
            return null;
        });
    }

    @Override
    public void commit(TenantId tenant, FactoryRun run, List<Artifact> artifacts, List<Envelope> events) {
        store.transact(tenant, tx -> {
            write(tx, run, artifacts, events);
            return null;
        });
    }

    @Override
    public void publish(TenantId tenant, List<Envelope> events) {
        store.transact(tenant, tx -> {
            events.forEach(tx::publish);
            return null;
        });
    }

    @Override
    public Optional<Versioned> load(TenantId tenant, String runId) {
        return store.get(tenant, RUNS, runId).map(d -> new Versioned(Json.fromTree(d.body(), FactoryRun.class), d.etag()));
    }

    @Override
    public void commit(TenantId tenant, FactoryRun run, String expectedEtag, List<Artifact> artifacts, List<Envelope> events) {
        store.transact(tenant, tx -> {
            tx.replace(RUNS, run.runId(), Documents.body(run), expectedEtag);
            writeArtifactsAndEvents(tx, artifacts, events);
            return null;
        });
    }

    private static void write(DocumentTransaction tx, FactoryRun run, List<Artifact> artifacts, List<Envelope> events) {
        tx.upsert(RUNS, run.runId(), Documents.body(run));
        writeArtifactsAndEvents(tx, artifacts, events);
    }

    private static void writeArtifactsAndEvents(DocumentTransaction tx, List<Artifact> artifacts, List<Envelope> events) {
        for (Artifact a : artifacts) {
            if (tx.get(ARTIFACTS, a.artifactId()).isEmpty()) {
                tx.create(ARTIFACTS, a.artifactId(), Documents.body(a));
            }
        }
        events.forEach(tx::publish);
    }
}
