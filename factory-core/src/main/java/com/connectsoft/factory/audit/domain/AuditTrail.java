package com.connectsoft.factory.audit.domain;

import com.connectsoft.factory.shared.domain.TenantId;

/**
 * The port every capability appends audit entries through (governance decisions, approvals, cancellations, API keys,
 * quota refusals, plan changes).
 *
 * <p>Tenancy: the entry goes to {@code tenant}'s own log, in its partition; nothing is read from another tenant.
 * Idempotency: an event whose {@link AuditEvent#key() key} the tenant's log already holds appends nothing and
 * returns the entry that holds it, so callers that may run twice need no guard of their own. Concurrent appends to
 * the same log are serialised by the store's conditional writes: each gets its own sequence number and the chain
 * stays linear.
 */
public interface AuditTrail {
    AuditEntry record(TenantId tenant, AuditEvent event);
}
