package com.connectsoft.factory.usage.domain;

import java.time.Instant;

/** What a tenant consumed in a run: {@code quantity} of {@code meter} (runs, renders, build-seconds, stored-bytes). */
public record UsageRecord(String tenantId, String usageId, String runId, String projectId, String meter, long quantity,
                          String unit, Instant recordedAt) {
}
