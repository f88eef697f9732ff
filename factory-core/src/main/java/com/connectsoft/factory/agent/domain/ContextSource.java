package com.connectsoft.factory.agent.domain;

import com.connectsoft.factory.shared.domain.TenantId;
import java.util.List;

/**
 * Where ContextLoading looks: the knowledge index, in the task's tenant's scope and the platform's only (never
 * another tenant's). Returns at most {@code limit} snippets, best first; none when the tenant has nothing indexed.
 */
public interface ContextSource {
    record Snippet(String id, String kind, String title, String text) {
    }

    List<Snippet> retrieve(TenantId tenant, String query, int limit);

    ContextSource NONE = (tenant, query, limit) -> List.of();
}
