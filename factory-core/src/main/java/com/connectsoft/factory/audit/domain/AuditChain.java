package com.connectsoft.factory.audit.domain;

import com.connectsoft.factory.shared.domain.Hashing;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;

/**
 * The hash chain of an audit log. An entry's hash is {@code sha256:} and the hex SHA-256 of its canonical JSON: an
 * object of its fields except {@code hash}, keys sorted, no whitespace, strings escaped as JSON does, the time as
 * ISO-8601 UTC. Verifying walks the stored entries in order and names the first one that is altered (its hash does
 * not match its content), missing (a sequence number skipped, or the head names a later entry than the last one
 * stored), out of order (a sequence number lower than its position), or unlinked (its previous hash is not the hash
 * of the entry before it).
 */
public final class AuditChain {
    public static final String GENESIS = "sha256:" + "0".repeat(64);
    private static final ObjectMapper CANONICAL = new ObjectMapper();

    private AuditChain() {
    }

    /** The hash an entry must carry, computed from every field but the hash itself. */
    public static String hashOf(AuditEntry e) {
        return "sha256:" + Hashing.sha256Hex(canonical(e).getBytes(StandardCharsets.UTF_8));
    }

    /** The canonical JSON the hash is taken of. */
    public static String canonical(AuditEntry e) {
        JsonNodeFactory f = JsonNodeFactory.instance;
        ObjectNode details = f.objectNode();
        new java.util.TreeMap<>(e.details()).forEach(details::put);
        // fields in sorted order; ObjectNode keeps insertion order
        ObjectNode o = f.objectNode();
        o.put("action", e.action() == null ? "" : e.action().key());
        o.put("actor", e.actor());
        o.put("at", e.at() == null ? "" : e.at().toString());
        o.set("details", details);
        o.put("key", e.key());
        o.put("previousHash", e.previousHash());
        o.put("sequence", e.sequence());
        o.put("subject", e.subject());
        o.put("tenantId", e.tenantId());
        try {
            return CANONICAL.writeValueAsString(o);
        } catch (JsonProcessingException ex) {
            throw new IllegalStateException("an audit entry could not be written as JSON", ex);
        }
    }

    /** The outcome of verifying a log. */
    public sealed interface Verification {
        /** Every entry is intact and linked to the one before, and the last is the head. */
        record Intact(long entries, String headHash) implements Verification {
        }

        /**
         * The first entry that breaks the chain: {@code position} is its place in storage order (1-based), {@code sequence}
         * the sequence number expected there.
         */
        record Broken(long position, long sequence, Breach breach, String detail) implements Verification {
        }
    }

    /** How a chain was broken. */
    public enum Breach {
        ALTERED, MISSING, OUT_OF_ORDER, UNLINKED
    }

    public static Verification verify(List<AuditEntry> stored, Optional<AuditLog.Head> head) {
        String previous = GENESIS;
        long expected = 1;
        java.util.Set<Long> present = new java.util.HashSet<>();
        stored.forEach(e -> present.add(e.sequence()));
        for (AuditEntry e : stored) {
            long position = expected;
            if (e.sequence() > expected && present.contains(expected)) {
                return new Verification.Broken(position, expected, Breach.OUT_OF_ORDER, "entry " + e.sequence() + " is stored at position "
                        + position + ", where entry " + expected + " belongs: the log was reordered");
            }
            if (e.sequence() > expected) {
                return new Verification.Broken(position, expected, Breach.MISSING, "entry " + expected + " is missing: the entry stored at "
                        + "position " + position + " is entry " + e.sequence());
            }
            if (e.sequence() < expected) {
                return new Verification.Broken(position, expected, Breach.OUT_OF_ORDER, "entry " + e.sequence() + " is stored at position "
                        + position + ", after entry " + (expected - 1) + ": the log was reordered");
            }
            if (!hashOf(e).equals(e.hash())) {
                return new Verification.Broken(position, expected, Breach.ALTERED, "entry " + expected + " (" + e.action().key() + ", "
                        + e.subject() + ") was altered: its content no longer matches its hash");
            }
            if (!previous.equals(e.previousHash())) {
                return new Verification.Broken(position, expected, Breach.UNLINKED, "entry " + expected + " does not follow entry "
                        + (expected - 1) + ": its previous hash is not that entry's hash");
            }
            previous = e.hash();
            expected++;
        }
        long last = expected - 1;
        if (head.isPresent() && head.get().sequence() > last) {
            return new Verification.Broken(expected, expected, Breach.MISSING, "entries " + expected + " to " + head.get().sequence()
                    + " are missing: the log's head names entry " + head.get().sequence() + " but the last stored is " + last);
        }
        if (head.isPresent() && head.get().sequence() < last) {
            long extra = head.get().sequence() + 1;
            return new Verification.Broken(extra, extra, Breach.UNLINKED, "entries " + extra + " to " + last + " were added outside the log: "
                    + "its head names entry " + head.get().sequence());
        }
        if (head.isPresent() && head.get().sequence() == last && !head.get().hash().equals(previous)) {
            return new Verification.Broken(last, last, Breach.ALTERED, "entry " + last + " is not the entry the log's head recorded "
                    + "(its hash differs)");
        }
        if (head.isEmpty() && last > 0) {
            return new Verification.Broken(1, 1, Breach.MISSING, "the log's head record is missing");
        }
        return new Verification.Intact(last, previous);
    }
}
