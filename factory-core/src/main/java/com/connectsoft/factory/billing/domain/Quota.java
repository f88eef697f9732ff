package com.connectsoft.factory.billing.domain;

import java.util.Arrays;
import java.util.Optional;

/** A limit a plan sets, what it counts and in which unit; monthly quotas reset at the start of the next UTC month. */
public enum Quota {
    RUNS_PER_MONTH("runsPerMonth", Meter.RUNS, 1, "runs"),
    BUILD_MINUTES_PER_MONTH("buildMinutesPerMonth", Meter.BUILD_SECONDS, 60, "build minutes"),
    AGENT_TOKENS_PER_MONTH("agentTokensPerMonth", Meter.AGENT_TOKENS, 1, "agent tokens"),
    STORED_BYTES("storedBytes", Meter.STORED_BYTES, 1, "stored bytes");

    private final String key;
    private final Meter meter;
    private final long meterUnitsPerQuotaUnit;
    private final String words;

    Quota(String key, Meter meter, long meterUnitsPerQuotaUnit, String words) {
        this.key = key;
        this.meter = meter;
        this.meterUnitsPerQuotaUnit = meterUnitsPerQuotaUnit;
        this.words = words;
    }

    /** The field in a plan file's {@code quotas}. */
    public String key() {
        return key;
    }

    public Meter meter() {
        return meter;
    }

    /** Whether it counts a month's consumption (stored bytes count everything stored so far). */
    public boolean monthly() {
        return this != STORED_BYTES;
    }

    /** What {@code meterQuantity} of the meter is in the quota's unit, rounded up (59 build-seconds are 1 build minute). */
    public long inQuotaUnits(long meterQuantity) {
        return Math.floorDiv(meterQuantity + meterUnitsPerQuotaUnit - 1, meterUnitsPerQuotaUnit);
    }

    public String words() {
        return words;
    }

    public static Optional<Quota> of(String key) {
        return Arrays.stream(values()).filter(q -> q.key.equals(key)).findFirst();
    }
}
