package com.connectsoft.factory.audit;

import com.connectsoft.factory.audit.adapter.DocumentAuditLog;
import com.connectsoft.factory.audit.application.AuditQueries;
import com.connectsoft.factory.audit.domain.AuditTrail;
import com.connectsoft.factory.platform.store.DocumentStore;
import java.time.Clock;

/** The audit log on the document store: the trail other capabilities append to, and its queries. */
public final class AuditConfiguration {
    private final DocumentAuditLog log;
    private final AuditQueries queries;

    public AuditConfiguration(DocumentStore store, Clock clock) {
        this.log = new DocumentAuditLog(store, clock);
        this.queries = new AuditQueries(log);
    }

    /** What capabilities append to (policy decisions, approvals, cancellations, keys, quota refusals, plan changes). */
    public AuditTrail trail() {
        return log;
    }

    public AuditQueries queries() {
        return queries;
    }
}
