package com.connectsoft.factory.shared.domain;

import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A run's {@code traceId} is a W3C trace id (32 lowercase hex digits, not all zero), so the id users see in the API and
 * the lineage is the id of the run's trace. Older runs carry {@code trace-<hex>} ids; {@link #w3c} maps those onto a
 * stable W3C id. The run's own span has an id derived from the runId, so any step that knows the run can hang its
 * spans under it without the span id being stored anywhere.
 */
public final class TraceIds {
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final Pattern TRACE_ID = Pattern.compile("[0-9a-f]{32}");
    private static final Pattern SPAN_ID = Pattern.compile("[0-9a-f]{16}");
    private static final Pattern TRACEPARENT = Pattern.compile("00-([0-9a-f]{32})-([0-9a-f]{16})-[0-9a-f]{2}");
    private static final String INVALID_TRACE = "0".repeat(32);
    private static final String INVALID_SPAN = "0".repeat(16);

    private TraceIds() {
    }

    /** A new random W3C trace id. */
    public static String mint() {
        byte[] b = new byte[16];
        do {
            RANDOM.nextBytes(b);
        } while (HexFormat.of().formatHex(b).equals(INVALID_TRACE));
        return HexFormat.of().formatHex(b);
    }

    public static boolean isW3c(String traceId) {
        return traceId != null && TRACE_ID.matcher(traceId).matches() && !traceId.equals(INVALID_TRACE);
    }

    /** The W3C trace id of a traceId: itself when it is one, else one derived from it (older runs). */
    public static String w3c(String traceId) {
        return isW3c(traceId) ? traceId : Hashing.sha256Hex("trace\u0000" + traceId).substring(0, 32);
    }

    /** The span id of a run's own span. */
    public static String runSpanId(String runId) {
        String id = Hashing.sha256Hex("run-span\u0000" + runId).substring(0, 16);
        return id.equals(INVALID_SPAN) ? "0000000000000001" : id;
    }

    /** The runId of an envelope's run: its correlationId is {@code corr-<runId>} for every event of a run. */
    public static Optional<String> runOf(Envelope event) {
        String c = event.correlationId();
        return c != null && c.startsWith("corr-run-") ? Optional.of(c.substring(5)) : Optional.empty();
    }

    /** Whether {@code value} is a version-00 W3C traceparent with valid ids. */
    public static boolean isTraceparent(String value) {
        if (value == null || value.length() != 55) {
            return false;
        }
        var m = TRACEPARENT.matcher(value);
        return m.matches() && !m.group(1).equals(INVALID_TRACE) && !m.group(2).equals(INVALID_SPAN);
    }

    public static boolean isSpanId(String value) {
        return value != null && SPAN_ID.matcher(value).matches() && !value.equals(INVALID_SPAN);
    }
}
