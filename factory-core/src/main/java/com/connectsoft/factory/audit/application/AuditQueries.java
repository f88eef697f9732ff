package com.connectsoft.factory.audit.application;

import com.connectsoft.factory.audit.domain.AuditChain;
import com.connectsoft.factory.audit.domain.AuditEntry;
import com.connectsoft.factory.audit.domain.AuditLog;
import com.connectsoft.factory.shared.domain.TenantId;
import java.util.List;

/** Reading and verifying one tenant's audit log; only that tenant's partition is read. */
public final class AuditQueries {
    public static final int MAX_LIMIT = 1000;
    private final AuditLog log;

    public AuditQueries(AuditLog log) {
        this.log = log;
    }

    /** The newest {@code limit} entries (1..{@value #MAX_LIMIT}), oldest of them first. */
    public List<AuditEntry> latest(TenantId tenant, int limit) {
        if (limit < 1 || limit > MAX_LIMIT) {
            throw new IllegalArgumentException("limit must be from 1 to " + MAX_LIMIT + ", was " + limit);
        }
        List<AuditEntry> all = log.all(tenant);
        return all.subList(Math.max(0, all.size() - limit), all.size());
    }

    /** Whether the tenant's log is intact, or the first entry that breaks it. */
    public AuditChain.Verification verify(TenantId tenant) {
        return AuditChain.verify(log.all(tenant), log.head(tenant));
    }
}
