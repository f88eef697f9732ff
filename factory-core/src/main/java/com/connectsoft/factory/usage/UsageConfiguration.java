package com.connectsoft.factory.usage;

import com.connectsoft.factory.platform.store.DocumentStore;
import com.connectsoft.factory.shared.domain.Envelope;
import com.connectsoft.factory.tenancy.domain.Tenants;
import com.connectsoft.factory.usage.adapter.DocumentUsage;
import com.connectsoft.factory.usage.application.UsageMeter;
import com.connectsoft.factory.usage.application.UsageQueries;
import com.connectsoft.factory.usage.application.UsageRollup;
import java.time.Clock;
import java.util.List;
import java.util.function.Function;

/** Metering wired on the document store: the usage-meter capability records usage events, hourly roll-ups sum them. */
public final class UsageConfiguration {
    private final DocumentUsage usage;
    private final UsageQueries queries;
    private final UsageRollup rollup;
    private final UsageMeter meter;

    public UsageConfiguration(DocumentStore store, Tenants tenants, Clock clock) {
        this.usage = new DocumentUsage(store);
        this.queries = new UsageQueries(usage);
        this.rollup = new UsageRollup(tenants, usage, clock);
        this.meter = new UsageMeter(usage);
    }

    public UsageQueries queries() {
        return queries;
    }

    /** The usage records and roll-ups themselves (billing, tests). */
    public com.connectsoft.factory.usage.domain.UsageRecords ledger() {
        return usage;
    }

    public UsageRollup rollup() {
        return rollup;
    }

    /** The usage-meter capability: records the usage event; answers nothing. */
    public Function<Envelope, List<Envelope>> meterStep() {
        return event -> {
            meter.handle(event);
            return List.of();
        };
    }
}
