package com.connectsoft.factory.agent.adapter.store;

import com.connectsoft.factory.agent.domain.AgentTask;
import com.connectsoft.factory.agent.domain.AgentTasks;
import com.connectsoft.factory.platform.json.Json;
import com.connectsoft.factory.platform.store.DocumentStore;
import com.connectsoft.factory.platform.store.Documents;
import com.connectsoft.factory.platform.store.Filter;
import com.connectsoft.factory.shared.domain.TenantId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/** Agent tasks as documents in the tenant's partition ({@code agent-tasks}), replaced on every transition. */
public final class DocumentAgentTasks implements AgentTasks {
    static final String TASKS = "agent-tasks";
    private final DocumentStore store;

    public DocumentAgentTasks(DocumentStore store) {
        this.store = store;
    }

    @Override
    public void save(TenantId tenant, AgentTask task) {
        if (!tenant.value().equals(task.tenantId())) {
            throw new IllegalArgumentException("task " + task.taskId() + " belongs to tenant " + task.tenantId() + ", not " + tenant.value());
        }
        store.transact(tenant, tx -> tx.upsert(TASKS, task.taskId(), Documents.body(task)));
    }

    @Override
    public Optional<AgentTask> find(TenantId tenant, String taskId) {
        return store.get(tenant, TASKS, taskId).map(d -> Json.fromTree(d.body(), AgentTask.class));
    }

    @Override
    public List<AgentTask> byProposal(TenantId tenant, String proposalId) {
        List<AgentTask> list = new ArrayList<>(Documents.all(store, tenant, TASKS, Filter.where("proposalId", proposalId), AgentTask.class));
        list.sort(Comparator.comparing((AgentTask t) -> t.history().get(0).at()).thenComparing(AgentTask::taskId));
        return list;
    }
}
