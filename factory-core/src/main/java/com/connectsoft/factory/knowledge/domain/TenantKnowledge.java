package com.connectsoft.factory.knowledge.domain;

import com.connectsoft.factory.shared.domain.TenantId;
import java.util.List;

/**
 * One tenant's view of the knowledge index, obtained from {@link KnowledgeIndex#forTenant}: it writes only that
 * tenant's documents and searches only that tenant's documents and the platform's. There is no way to name another
 * tenant through it; the adapter adds the scope filter to every query itself.
 */
public interface TenantKnowledge extends KnowledgeWriter {
    TenantId tenant();

    /** Hybrid search (keywords and meaning), best first, at most {@code query.limit()} hits. */
    List<SearchHit> search(SearchQuery query);
}
