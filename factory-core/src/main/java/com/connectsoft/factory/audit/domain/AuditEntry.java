package com.connectsoft.factory.audit.domain;

import java.time.Instant;
import java.util.Map;

/**
 * One entry of a tenant's audit log. {@code sequence} counts from 1 without gaps; {@code previousHash} is the hash of
 * entry {@code sequence - 1} ({@link AuditChain#GENESIS} for the first); {@code hash} is the SHA-256 of the entry's
 * canonical JSON without its own hash ({@link AuditChain#hashOf}).
 */
public record AuditEntry(long sequence, String tenantId, Instant at, AuditAction action, String actor, String subject,
                         Map<String, String> details, String key, String previousHash, String hash) {
    public AuditEntry {
        details = details == null ? Map.of() : new java.util.TreeMap<>(details);
    }
}
