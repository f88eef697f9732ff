package com.connectsoft.factory.shared.domain;

import java.security.SecureRandom;
import java.time.Instant;
import java.util.Locale;
import java.util.UUID;

/** Identifier conventions: prefixed ids ({@code evt-}, {@code run-}, {@code art-} ...). Run ids sort by creation time. */
public final class Ids {
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final char[] BASE32 = "0123456789abcdefghjkmnpqrstvwxyz".toCharArray();

    private Ids() {
    }

    public static String eventId() {
        return "evt-" + UUID.randomUUID();
    }

    /** Time-ordered id: prefix, 10 chars of millis, 8 random chars (sortable like a ULID). */
    public static String sortable(String prefix, Instant at) {
        StringBuilder sb = new StringBuilder(prefix).append('-');
        long millis = at.toEpochMilli();
        char[] time = new char[10];
        for (int i = 9; i >= 0; i--) {
            time[i] = BASE32[(int) (millis & 31)];
            millis >>>= 5;
        }
        sb.append(time);
        for (int i = 0; i < 8; i++) {
            sb.append(BASE32[RANDOM.nextInt(32)]);
        }
        return sb.toString();
    }

    public static String random(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
    }

    /** Deterministic id from parts: the same inputs always give the same id (used for idempotent writes). */
    public static String derived(String prefix, String... parts) {
        return prefix + "-" + Hashing.sha256Hex(String.join("\u0000", parts)).substring(0, 20);
    }

    public static String slug(String text) {
        String s = text.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-").replaceAll("(^-+|-+$)", "");
        return s.isEmpty() ? "x" : s;
    }
}
