package com.connectsoft.factory.agent.domain;

import com.connectsoft.factory.shared.domain.TenantId;
import java.util.List;
import java.util.Optional;

/**
 * A tenant's agent tasks. Every read and write is in one tenant's partition; saving a task again (same taskId)
 * replaces it, so recording each transition is idempotent.
 */
public interface AgentTasks {
    void save(TenantId tenant, AgentTask task);

    Optional<AgentTask> find(TenantId tenant, String taskId);

    /** The tasks of one proposal, in the order they were assigned. */
    List<AgentTask> byProposal(TenantId tenant, String proposalId);
}
