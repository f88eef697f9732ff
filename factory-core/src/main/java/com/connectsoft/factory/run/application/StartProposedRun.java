package com.connectsoft.factory.run.application;

import com.connectsoft.factory.agent.domain.AgentArtifacts;
import com.connectsoft.factory.artifact.domain.Artifact;
import com.connectsoft.factory.artifact.domain.Artifacts;
import com.connectsoft.factory.platform.content.ContentStore;
import com.connectsoft.factory.shared.domain.TenantId;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Starts a run of a proposal an agent made from a tenant's intent ({@code POST /api/v1/intents}), keeping its lineage:
 * the run's blueprint artifact is recorded as made from the intent artifact and the proposal's blueprint artifact, as
 * {@code ./factory generate --intent} records it. Tenancy: the proposal is looked up in the caller's tenant only, so
 * another tenant's proposal is as unknown as one that never existed. Not idempotent: each call opens a new run (on the
 * same blueprint version, found by its content).
 */
public final class StartProposedRun {
    public sealed interface Outcome {
        /** The tenant has no proposal with that id (or no longer has its intent). Nothing was written. */
        record Unknown(String proposalId) implements Outcome {
        }

        /** The proposal failed: it has no accepted blueprint to run. Nothing was written. */
        record NotProposed(String proposalId) implements Outcome {
        }

        /** The run start's own answer (rejected, refused by the plan, or started), and the intent the run derives from. */
        record Attempted(StartRun.Start start, String intentArtifactId, String proposalArtifactId) implements Outcome {
        }
    }

    private final Artifacts artifacts;
    private final ContentStore content;
    private final StartRun start;

    public StartProposedRun(Artifacts artifacts, ContentStore content, StartRun start) {
        this.artifacts = Objects.requireNonNull(artifacts, "artifacts");
        this.content = Objects.requireNonNull(content, "content");
        this.start = Objects.requireNonNull(start, "start");
    }

    public Outcome start(TenantId tenant, String proposalId, String templateId, RunProgress progress) {
        List<Artifact> recorded = artifacts.byRun(tenant, proposalId);
        Optional<Artifact> intent = first(recorded, AgentArtifacts.INTENT);
        if (intent.isEmpty()) {
            return new Outcome.Unknown(proposalId);
        }
        Optional<Artifact> proposal = first(recorded, AgentArtifacts.BLUEPRINT_PROPOSAL);
        if (proposal.isEmpty()) {
            return new Outcome.NotProposed(proposalId);
        }
        Artifact p = proposal.get();
        byte[] yaml = content.get(tenant, p.contentHash()).orElseThrow(() -> new IllegalStateException(
                "the bytes of artifact " + p.artifactId() + " are missing from the artifact store"));
        StartRun.Origin origin = new StartRun.Origin(unversioned(p.producedByAgentId()), unversioned(p.producedBySkillId()),
                List.of(intent.get().artifactId(), p.artifactId()));
        StartRun.Start started = start.start(new StartRun.Request(tenant, proposalId + ".blueprint.yaml", yaml, Optional.empty(), templateId,
                Optional.of(origin)), progress);
        return new Outcome.Attempted(started, intent.get().artifactId(), p.artifactId());
    }

    private static Optional<Artifact> first(List<Artifact> recorded, String type) {
        return recorded.stream().filter(a -> type.equals(a.artifactType())).findFirst();
    }

    private static String unversioned(String id) {
        return id == null ? "" : id.replaceFirst("@.*$", "");
    }
}
