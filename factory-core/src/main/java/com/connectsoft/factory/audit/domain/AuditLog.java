package com.connectsoft.factory.audit.domain;

import com.connectsoft.factory.shared.domain.TenantId;
import java.util.List;
import java.util.Optional;

/** Reading a tenant's audit log as stored (for listing and for verifying it); only that tenant's partition is read. */
public interface AuditLog extends AuditTrail {
    /** The log's head as last written: the sequence and hash of its newest entry. */
    record Head(long sequence, String hash) {
    }

    /** Every stored entry in storage order (the store's id order, which is the sequence order of an untouched log). */
    List<AuditEntry> all(TenantId tenant);

    Optional<Head> head(TenantId tenant);
}
