package com.connectsoft.factory.billing.domain;

import java.util.Arrays;
import java.util.Optional;

/** The consumption the factory bills: one definition, which plans, the ledger, invoices and the marketplace export use. */
public enum Meter {
    RUNS("runs", "run"),
    RENDERS("renders", "module"),
    BUILD_SECONDS("build-seconds", "second"),
    AGENT_TOKENS("agent-tokens", "token"),
    STORED_BYTES("stored-bytes", "byte");

    private final String key;
    private final String unit;

    Meter(String key, String unit) {
        this.key = key;
        this.unit = unit;
    }

    /** The name usage records carry (UsageRecord.meter). */
    public String key() {
        return key;
    }

    public String unit() {
        return unit;
    }

    public static Optional<Meter> of(String key) {
        return Arrays.stream(values()).filter(m -> m.key.equals(key)).findFirst();
    }
}
