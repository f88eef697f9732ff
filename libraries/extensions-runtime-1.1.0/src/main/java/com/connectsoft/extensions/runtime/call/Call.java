package com.connectsoft.extensions.runtime.call;

import java.util.Objects;

/**
 * Who is calling and under which trace: the tenant (from a validated credential, never from a header of its own), the
 * W3C trace id and trace context ({@code traceparent}) the request continues, and a correlation id the client can
 * quote. Use cases take a Call and scope every store access to {@link #tenantId()}; the events they publish carry the
 * trace context, so consumers continue the caller's trace.
 */
public record Call(String tenantId, String traceId, String correlationId, String traceparent) {
    public Call {
        Objects.requireNonNull(tenantId, "tenantId");
        Objects.requireNonNull(traceId, "traceId");
        Objects.requireNonNull(correlationId, "correlationId");
        Objects.requireNonNull(traceparent, "traceparent");
    }

    /** A call without a known trace context: a new span under {@code traceId}. */
    public Call(String tenantId, String traceId, String correlationId) {
        this(tenantId, traceId, correlationId, TraceContext.traceparent(traceId));
    }
}
