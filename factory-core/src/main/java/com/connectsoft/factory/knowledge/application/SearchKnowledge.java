package com.connectsoft.factory.knowledge.application;

import com.connectsoft.factory.knowledge.domain.KnowledgeIndex;
import com.connectsoft.factory.knowledge.domain.SearchHit;
import com.connectsoft.factory.knowledge.domain.SearchQuery;
import com.connectsoft.factory.shared.domain.TenantId;
import com.connectsoft.factory.tenancy.domain.Tenants;
import java.util.List;
import java.util.function.Supplier;

/** Searching as a tenant: only a registered tenant searches, and only its own documents and the platform's. */
public final class SearchKnowledge {
    private final Tenants tenants;
    private final Supplier<KnowledgeIndex> index;

    public SearchKnowledge(Tenants tenants, Supplier<KnowledgeIndex> index) {
        this.tenants = tenants;
        this.index = index;
    }

    public sealed interface Outcome {
        record Found(TenantId tenant, SearchQuery query, List<SearchHit> hits, long millis) implements Outcome {
            public Found {
                hits = List.copyOf(hits);
            }
        }

        record UnknownTenant(TenantId tenant) implements Outcome {
        }
    }

    public Outcome search(TenantId tenant, SearchQuery query) {
        if (tenants.find(tenant).isEmpty()) {
            return new Outcome.UnknownTenant(tenant);
        }
        long started = System.nanoTime();
        List<SearchHit> hits = index.get().forTenant(tenant).search(query);
        return new Outcome.Found(tenant, query, hits, (System.nanoTime() - started) / 1_000_000);
    }
}
