package com.connectsoft.factory.agent.domain;

import java.util.List;
import java.util.Set;

/**
 * What an agent may read and write, always inside the tenant of its task: {@code reads} from {@link #READS},
 * {@code writes} artifact types from {@link #WRITES}.
 */
public record PermissionScope(List<String> reads, List<String> writes) {
    public static final Set<String> READS = Set.of("knowledge:tenant", "knowledge:platform", "templates");
    public static final Set<String> WRITES = Set.of(AgentArtifacts.INTENT, AgentArtifacts.PRODUCT_VISION, AgentArtifacts.SOLUTION,
            AgentArtifacts.BLUEPRINT_PROPOSAL, AgentArtifacts.AGENT_CONTEXT);

    public PermissionScope {
        reads = List.copyOf(reads);
        writes = List.copyOf(writes);
    }

    public boolean mayRead(String what) {
        return reads.contains(what);
    }

    public boolean mayWrite(String artifactType) {
        return writes.contains(artifactType);
    }
}
