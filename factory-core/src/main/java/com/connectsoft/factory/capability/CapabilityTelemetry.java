package com.connectsoft.factory.capability;

import com.connectsoft.factory.shared.domain.Envelope;

/**
 * The one log line every capability invocation writes (Application Insights keeps it in {@code traces}), and the
 * KQL that reads it back: the factory stack's workbook and alert rules query exactly this format, so the two cannot
 * drift. Fields are space-separated {@code key=value}; values never contain spaces (ids, names, ISO instants).
 */
public final class CapabilityTelemetry {
    /** What every line starts with. */
    public static final String PREFIX = "factory-capability";
    public static final String HANDLED = "handled";
    public static final String POISON = "poison";
    public static final String FAILED = "failed";

    /** KQL: the invocations as rows (capability, eventType, tenant, run, occurredAt, outcome) from {@code traces}. */
    public static final String KQL_INVOCATIONS = "traces | where message startswith '" + PREFIX + " '"
            + " | parse message with '" + PREFIX + " capability=' capability ' eventType=' eventType ' tenant=' tenant"
            + " ' run=' run ' occurredAt=' occurredAt:datetime ' outcome=' outcome";

    private CapabilityTelemetry() {
    }

    public static String line(Capability capability, Envelope event, String outcome) {
        return PREFIX + " capability=" + capability.name() + " eventType=" + event.eventType() + " tenant=" + event.tenantId()
                + " run=" + (event.correlationId() == null ? "-" : event.correlationId()) + " occurredAt=" + event.occurredAt()
                + " outcome=" + outcome;
    }
}
