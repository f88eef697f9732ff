package com.connectsoft.factory.audit.domain;

import com.connectsoft.factory.shared.domain.Hashing;
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

    private AuditChain() {
    }

    /** The hash an entry must carry, computed from every field but the hash itself. */
    public static String hashOf(AuditEntry e) {
        return "sha256:" + Hashing.sha256Hex(canonical(e).getBytes(StandardCharsets.UTF_8));
    }

    /** The canonical JSON the hash is taken of: members in key order, no whitespace, strings escaped as RFC 8785 does. */
    public static String canonical(AuditEntry e) {
        StringBuilder b = new StringBuilder(256);
        b.append('{');
        member(b, "action", e.action() == null ? "" : e.action().key()).append(',');
        member(b, "actor", e.actor()).append(',');
        member(b, "at", e.at() == null ? "" : e.at().toString()).append(',');
        string(b, "details").append(":{");
        boolean first = true;
        for (var d : new java.util.TreeMap<>(e.details()).entrySet()) {
            if (!first) {
                b.append(',');
            }
            member(b, d.getKey(), d.getValue());
            first = false;
        }
        b.append("},");
        member(b, "key", e.key()).append(',');
        member(b, "previousHash", e.previousHash()).append(',');
        string(b, "sequence").append(':').append(e.sequence()).append(',');
        member(b, "subject", e.subject()).append(',');
        member(b, "tenantId", e.tenantId());
        return b.append('}').toString();
    }

    private static StringBuilder member(StringBuilder b, String name, String value) {
        return string(string(b, name).append(':'), value);
    }

    private static StringBuilder string(StringBuilder b, String value) {
        b.append('"');
        String v = value == null ? "" : value;
        for (int i = 0; i < v.length(); i++) {
            char c = v.charAt(i);
            switch (c) {
                case '"' -> b.append("\\\"");
                case '\\' -> b.append("\\\\");
                case '\b' -> b.append("\\b");
                case '\f' -> b.append("\\f");
                case '\n' -> b.append("\\n");
                case '\r' -> b.append("\\r");
                case '\t' -> b.append("\\t");
                default -> {
                    if (c < 0x20) {
                        b.append(String.format("\\u%04x", (int) c));
                    } else {
                        b.append(c);
                    }
                }
            }
        }
        return b.append('"');
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
