package com.connectsoft.extensions.runtime.call;

import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * W3C trace context ({@code traceparent}) and correlation ids of a request: the request's own when well-formed, new
 * ones otherwise; never anything a client sent that does not match the formats (a header cannot inject text into
 * logs or events). Also the case-insensitive header lookup HTTP adapters share.
 */
public final class TraceContext {
    public static final String TRACEPARENT = "traceparent";
    public static final String CORRELATION_ID = "cs-correlation-id";
    private static final Pattern TRACEPARENT_FORMAT = Pattern.compile("00-([0-9a-f]{32})-([0-9a-f]{16})-[0-9a-f]{2}");
    private static final Pattern CORRELATION_FORMAT = Pattern.compile("[A-Za-z0-9._:-]{1,128}");
    private static final SecureRandom RANDOM = new SecureRandom();

    private TraceContext() {
    }

    /** The request's traceparent when it is a well-formed version-00 trace context, else a new one. */
    public static String traceparent(Optional<String> header) {
        return header.filter(TraceContext::isTraceparent).orElseGet(() -> traceparent(hex(16)));
    }

    /** A new span id under {@code traceId}, sampled. */
    public static String traceparent(String traceId) {
        return "00-" + traceId + "-" + hex(8) + "-01";
    }

    public static boolean isTraceparent(String value) {
        return value != null && TRACEPARENT_FORMAT.matcher(value).matches();
    }

    /** The trace id of a well-formed traceparent. */
    public static String traceId(String traceparent) {
        Matcher m = TRACEPARENT_FORMAT.matcher(traceparent);
        if (!m.matches()) {
            throw new IllegalArgumentException("not a W3C traceparent (00-<32 hex>-<16 hex>-<2 hex>)");
        }
        return m.group(1);
    }

    /** The client's correlation id when it is 1-128 of {@code A-Z a-z 0-9 . _ : -}, else a new {@code corr-<uuid>}. */
    public static String correlationId(Optional<String> header) {
        return header.filter(c -> CORRELATION_FORMAT.matcher(c).matches()).orElseGet(() -> "corr-" + UUID.randomUUID());
    }

    /** A header's value by case-insensitive name; blank counts as absent. */
    public static Optional<String> header(Map<String, String> headers, String name) {
        if (headers == null) {
            return Optional.empty();
        }
        return headers.entrySet().stream()
                .filter(e -> e.getKey() != null && e.getKey().equalsIgnoreCase(name) && e.getValue() != null && !e.getValue().isBlank())
                .map(Map.Entry::getValue).findFirst();
    }

    static String hex(int bytes) {
        byte[] b = new byte[bytes];
        RANDOM.nextBytes(b);
        return HexFormat.of().formatHex(b);
    }
}
