package com.connectsoft.factory.artifact.domain;

import java.time.Instant;
import java.util.List;

/**
 * The lineage record of one output: what it is, which hash its bytes have, who produced it in which run and
 * trace, and which artifacts it was made from ({@code inputArtifactIds}).
 */
public record Artifact(
        String tenantId,
        String artifactId,
        String artifactType,
        String name,
        String projectId,
        String moduleId,
        String runId,
        String version,
        String contentHash,
        String producedByAgentId,
        String producedBySkillId,
        String traceId,
        String sourceBlueprintId,
        List<String> inputArtifactIds,
        String storageRef,
        String classification,
        String status,
        Instant createdAt) {

    public Artifact {
        inputArtifactIds = List.copyOf(inputArtifactIds);
    }

    /** Artifact types the production line records. */
    public static final String BLUEPRINT = "Blueprint";
    public static final String MODULE_SOURCE = "ModuleSource";
    public static final String GOVERNANCE_REPORT = "GovernanceReport";
    public static final String BUILD_REPORT = "BuildReport";
    /** The whole log of a module's build (its report keeps the reason and the last lines). */
    public static final String BUILD_LOG = "BuildLog";
    public static final String COMMIT = "Commit";
    /** How many mutants of a module's code its tests kill (./factory mutation), derived from the module's sources. */
    public static final String MUTATION_REPORT = "MutationReport";
}
