package com.connectsoft.factory.artifact.application;

import com.connectsoft.factory.capability.Lineage;
import com.connectsoft.factory.artifact.domain.Artifact;
import com.connectsoft.factory.artifact.domain.Artifacts;
import com.connectsoft.factory.platform.content.ContentStore;
import com.connectsoft.factory.shared.domain.TenantId;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** Reading a tenant's artifacts: one, a run's, their lineage both ways, and their bytes. Never another tenant's. */
public final class ArtifactQueries {
    private final Artifacts artifacts;
    private final ContentStore content;

    public ArtifactQueries(Artifacts artifacts, ContentStore content) {
        this.artifacts = artifacts;
        this.content = content;
    }

    /** One input of an artifact: its id, and (when the tenant still has it) what it is and what it was made from. */
    public record Ancestor(String artifactId, Optional<Artifact> artifact, List<Ancestor> madeFrom) {
    }

    /** Where an artifact came from (recursively; each artifact's inputs listed once) and what was made from it. */
    public record Lineage(Artifact artifact, List<Ancestor> madeFrom, List<Artifact> usedBy) {
    }

    public Optional<Artifact> find(TenantId tenant, String artifactId) {
        return artifacts.find(tenant, artifactId);
    }

    public List<Artifact> byRun(TenantId tenant, String runId) {
        return artifacts.byRun(tenant, runId);
    }

    public Optional<Lineage> lineage(TenantId tenant, String artifactId) {
        return artifacts.find(tenant, artifactId).map(a -> new Lineage(a, ancestors(tenant, a, new HashSet<>()),
                artifacts.derivedFrom(tenant, artifactId)));
    }

    /** The bytes of a tenant's artifact (its report, log, manifest...), when the store still has them. */
    public Optional<byte[]> bytes(TenantId tenant, String contentHash) {
        return content.get(tenant, contentHash);
    }

    private List<Ancestor> ancestors(TenantId tenant, Artifact a, Set<String> seen) {
        return a.inputArtifactIds().stream().map(id -> {
            Optional<Artifact> in = artifacts.find(tenant, id);
            List<Ancestor> further = in.isPresent() && seen.add(id) ? ancestors(tenant, in.get(), seen) : List.of();
            return new Ancestor(id, in, further);
        }).toList();
    }
}
