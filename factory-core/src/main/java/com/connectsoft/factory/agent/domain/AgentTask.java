package com.connectsoft.factory.agent.domain;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * One skill performed by one agent for one tenant, as recorded: its state and every transition, how many answers it
 * took, the context it retrieved (document ids), its input and output artifacts, its token use and, when it failed,
 * the reason and the located problems of its last answer.
 */
public record AgentTask(String tenantId, String taskId, String proposalId, String agentId, String skillId, String implementation,
                        TaskState state, int attempts, TokenUse tokens, List<String> contextIds, String inputArtifactId,
                        String outputArtifactId, String reason, List<String> problems, List<Transition> history) {

    public record Transition(TaskState state, Instant at, String note) {
    }

    public AgentTask {
        Objects.requireNonNull(tenantId, "tenantId");
        Objects.requireNonNull(taskId, "taskId");
        contextIds = List.copyOf(contextIds);
        problems = List.copyOf(problems);
        history = List.copyOf(history);
    }

    public static AgentTask assigned(String tenantId, String taskId, String proposalId, String agentId, String skillId, String implementation,
                                     String inputArtifactId, Instant now) {
        return new AgentTask(tenantId, taskId, proposalId, agentId, skillId, implementation, TaskState.ASSIGNED, 0, TokenUse.NONE, List.of(),
                inputArtifactId, null, null, List.of(), List.of(new Transition(TaskState.ASSIGNED, now, "")));
    }

    public AgentTask to(TaskState next, Instant at, String note) {
        List<Transition> h = new ArrayList<>(history);
        h.add(new Transition(state.next(next), at, note == null ? "" : note));
        return new AgentTask(tenantId, taskId, proposalId, agentId, skillId, implementation, next,
                next == TaskState.EXECUTING ? attempts + 1 : attempts, tokens, contextIds, inputArtifactId, outputArtifactId, reason, problems, h);
    }

    public AgentTask withContext(List<String> ids) {
        return new AgentTask(tenantId, taskId, proposalId, agentId, skillId, implementation, state, attempts, tokens, ids, inputArtifactId,
                outputArtifactId, reason, problems, history);
    }

    public AgentTask used(TokenUse more) {
        return new AgentTask(tenantId, taskId, proposalId, agentId, skillId, implementation, state, attempts, tokens.plus(more), contextIds,
                inputArtifactId, outputArtifactId, reason, problems, history);
    }

    public AgentTask withProblems(List<String> p) {
        return new AgentTask(tenantId, taskId, proposalId, agentId, skillId, implementation, state, attempts, tokens, contextIds,
                inputArtifactId, outputArtifactId, reason, p, history);
    }

    public AgentTask completed(String outputArtifact, Instant at) {
        AgentTask t = to(TaskState.COMPLETED, at, "");
        return new AgentTask(tenantId, taskId, proposalId, agentId, skillId, implementation, t.state, attempts, tokens, contextIds,
                inputArtifactId, outputArtifact, null, List.of(), t.history);
    }

    public AgentTask failed(String why, Instant at) {
        AgentTask t = to(TaskState.FAILED, at, why);
        return new AgentTask(tenantId, taskId, proposalId, agentId, skillId, implementation, t.state, attempts, tokens, contextIds,
                inputArtifactId, null, why, problems, t.history);
    }
}
