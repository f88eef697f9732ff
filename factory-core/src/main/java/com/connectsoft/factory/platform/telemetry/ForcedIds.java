package com.connectsoft.factory.platform.telemetry;

import io.opentelemetry.sdk.trace.IdGenerator;

/**
 * Random ids, except for the next span started on this thread when {@link #next} named its ids: the run's own span gets
 * the id derived from its runId (so steps in other threads and processes can parent onto it without storing it), and a
 * trace that starts without a parent gets the trace id the run already has.
 */
final class ForcedIds implements IdGenerator {
    private static final ThreadLocal<String[]> NEXT = new ThreadLocal<>();

    static void next(String traceId, String spanId) {
        NEXT.set(new String[] {traceId, spanId});
    }

    static void clear() {
        NEXT.remove();
    }

    @Override
    public String generateSpanId() {
        String[] next = NEXT.get();
        if (next != null && next[1] != null) {
            String id = next[1];
            next[1] = null;
            return id;
        }
        return IdGenerator.random().generateSpanId();
    }

    @Override
    public String generateTraceId() {
        String[] next = NEXT.get();
        if (next != null && next[0] != null) {
            String id = next[0];
            next[0] = null;
            return id;
        }
        return IdGenerator.random().generateTraceId();
    }
}
