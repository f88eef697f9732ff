package com.connectsoft.factory.artifact.adapter;

import com.connectsoft.factory.platform.store.Documents;
import com.connectsoft.factory.artifact.domain.Artifact;
import com.connectsoft.factory.artifact.domain.Artifacts;
import com.connectsoft.factory.platform.json.Json;
import com.connectsoft.factory.platform.store.DocumentStore;
import com.connectsoft.factory.platform.store.Filter;
import com.connectsoft.factory.shared.domain.TenantId;
import java.util.List;
import java.util.Optional;

/** Artifact lineage records. */
public final class DocumentArtifacts implements Artifacts {
    static final String ARTIFACTS = "artifacts";
    private final DocumentStore store;

    public DocumentArtifacts(DocumentStore store) {
        this.store = store;
    }

    @Override
    public Optional<Artifact> find(TenantId tenant, String artifactId) {
        return store.get(tenant, ARTIFACTS, artifactId).map(d -> Json.fromTree(d.body(), Artifact.class));
    }

    @Override
    public List<Artifact> byRun(TenantId tenant, String runId) {
        List<Artifact> list = new java.util.ArrayList<>(Documents.all(store, tenant, ARTIFACTS, Filter.where("runId", runId), Artifact.class));
        list.sort(java.util.Comparator.comparing(Artifact::createdAt).thenComparing(Artifact::artifactId));
        return list;
    }

    @Override
    public Artifact record(TenantId tenant, Artifact artifact) {
        if (!tenant.value().equals(artifact.tenantId())) {
            throw new IllegalArgumentException("artifact " + artifact.artifactId() + " belongs to tenant " + artifact.tenantId()
                    + ", not " + tenant.value());
        }
        return store.transact(tenant, tx -> tx.get(ARTIFACTS, artifact.artifactId())
                .map(d -> Json.fromTree(d.body(), Artifact.class))
                .orElseGet(() -> {
                    tx.create(ARTIFACTS, artifact.artifactId(), Documents.body(artifact));
                    return artifact;
                }));
    }

    @Override
    public boolean remove(TenantId tenant, String artifactId) {
        return store.transact(tenant, tx -> tx.delete(ARTIFACTS, artifactId, java.util.Optional.empty()));
    }

    @Override
    public List<Artifact> derivedFrom(TenantId tenant, String artifactId) {
        return find(tenant, artifactId)
                .map(a -> byRun(tenant, a.runId()).stream().filter(x -> x.inputArtifactIds().contains(artifactId)).toList())
                .orElse(List.of());
    }
}
