package com.connectsoft.factory.knowledge.domain;

import com.connectsoft.factory.shared.domain.TenantId;
import java.util.Objects;

/**
 * Whose a knowledge document is: one tenant's, or the platform's (templates, libraries, JDL samples), which every
 * tenant sees. A search always runs in one {@link Tenant} scope, and sees that tenant's documents and the platform's.
 */
public sealed interface KnowledgeScope {
    /** The value adapters store and filter on; tenant and platform keys can never collide. */
    String key();

    record Tenant(TenantId tenant) implements KnowledgeScope {
        public Tenant {
            Objects.requireNonNull(tenant, "tenant");
        }

        @Override
        public String key() {
            return "tenant:" + tenant.value();
        }
    }

    record Platform() implements KnowledgeScope {
        @Override
        public String key() {
            return PLATFORM_KEY;
        }
    }

    String PLATFORM_KEY = "platform";

    static KnowledgeScope of(TenantId tenant) {
        return new Tenant(tenant);
    }

    static KnowledgeScope platform() {
        return new Platform();
    }
}
