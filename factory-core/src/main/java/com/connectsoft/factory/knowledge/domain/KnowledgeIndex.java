package com.connectsoft.factory.knowledge.domain;

import com.connectsoft.factory.shared.domain.TenantId;

/**
 * The knowledge index (port): documents per tenant plus a shared platform scope. Every search goes through a
 * {@link TenantKnowledge} obtained for one tenant, so no code path can search another tenant's documents; the platform
 * scope can be written but not searched on its own. Adapters: Lucene in the data directory (embedded), Azure AI Search.
 */
public interface KnowledgeIndex extends AutoCloseable {
    TenantKnowledge forTenant(TenantId tenant);

    /** Writes the platform scope (templates, libraries, JDL samples), which every tenant's searches see. */
    KnowledgeWriter platform();

    /** Whether the index holds no document at all (the embedded index is rebuilt from the stores then). */
    boolean isEmpty();

    /** Where it is, for messages (never a key). */
    String description();

    @Override
    void close();
}
