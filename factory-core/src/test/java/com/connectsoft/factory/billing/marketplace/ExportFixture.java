package com.connectsoft.factory.billing.marketplace;

import com.connectsoft.factory.billing.BillingConfiguration;
import com.connectsoft.factory.billing.MarketplaceExportConfiguration;
import com.connectsoft.factory.billing.adapter.marketplace.MarketplaceMeteringClient;
import com.connectsoft.factory.billing.adapter.marketplace.MarketplaceSettings;
import com.connectsoft.factory.billing.application.ExportUsage;
import com.connectsoft.factory.billing.domain.MarketplaceExportRecord;
import com.connectsoft.factory.billing.domain.MarketplaceLink;
import com.connectsoft.factory.platform.store.DocumentStore;
import com.connectsoft.factory.platform.store.sqlite.EmbeddedDatabase;
import com.connectsoft.factory.platform.store.sqlite.SqliteDocumentStore;
import com.connectsoft.factory.run.TestFactory;
import com.connectsoft.factory.shared.domain.TenantId;
import com.connectsoft.factory.tenancy.adapter.DocumentTenants;
import com.connectsoft.factory.usage.adapter.DocumentUsage;
import com.connectsoft.factory.usage.domain.UsageRecord;
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;

/** Billing and the marketplace export on an embedded store in a temporary directory, with a clock the test moves. */
final class ExportFixture implements AutoCloseable {
    static final class MovableClock extends Clock {
        private Instant now;

        MovableClock(Instant now) {
            this.now = now;
        }

        void set(Instant at) {
            now = at;
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }

    final MovableClock clock;
    final EmbeddedDatabase db;
    final DocumentStore store;
    final DocumentTenants tenants;
    final DocumentUsage usage;
    final BillingConfiguration billing;
    final MarketplaceExportConfiguration marketplace;
    private final AtomicInteger usageIds = new AtomicInteger();

    ExportFixture(Path dir, Instant now, String endpoint) {
        this(dir, now, endpoint, 3);
    }

    ExportFixture(Path dir, Instant now, String endpoint, int maxAttempts) {
        this(dir, now, null, endpoint, maxAttempts);
    }

    /** With another Marketplace than the HTTP client (an in-memory one). */
    ExportFixture(Path dir, Instant now, com.connectsoft.factory.billing.domain.MarketplaceMetering api) {
        this(dir, now, api, "http://localhost:1/unused", 1);
    }

    private ExportFixture(Path dir, Instant now, com.connectsoft.factory.billing.domain.MarketplaceMetering api, String endpoint, int maxAttempts) {
        clock = new MovableClock(now);
        db = EmbeddedDatabase.open(dir);
        store = new SqliteDocumentStore(db, clock);
        tenants = new DocumentTenants(store, clock);
        usage = new DocumentUsage(store);
        billing = new BillingConfiguration(new BillingConfiguration.Inputs(store, tenants, usage, TestFactory.ROOT.resolve("plans"), Set.of(),
                id -> Optional.empty(), clock));
        MarketplaceSettings settings = new MarketplaceSettings(URI.create(endpoint), Optional.empty(), maxAttempts, Duration.ofSeconds(5),
                Duration.ofMillis(5));
        marketplace = new MarketplaceExportConfiguration(billing, store, tenants, settings,
                api != null ? api : new MarketplaceMeteringClient(settings, () -> MarketplaceStub.TOKEN), clock);
    }

    TenantId tenant(String id, String plan, Optional<String> resourceId) {
        TenantId t = TenantId.of(id);
        tenants.register(t, id, plan);
        resourceId.ifPresent(r -> marketplace.links().link(t, new MarketplaceLink(id, r, clock.instant())));
        return t;
    }

    void use(TenantId t, String meter, long quantity, Instant at) {
        use(t, "use-" + usageIds.incrementAndGet(), meter, quantity, at);
    }

    void use(TenantId t, String usageId, String meter, long quantity, Instant at) {
        usage.record(t, new UsageRecord(t.value(), usageId, "run-1", "proj-1", meter, quantity, "unit", at));
    }

    ExportUsage.Outcome.Done export(Optional<TenantId> tenant, boolean dryRun) {
        return (ExportUsage.Outcome.Done) marketplace.export().export(new ExportUsage.Request(tenant, Optional.empty(), dryRun));
    }

    ExportUsage.Outcome.Done exportAll() {
        return export(Optional.empty(), false);
    }

    List<MarketplaceExportRecord> records(TenantId t) {
        return marketplace.exports().list(t);
    }

    @Override
    public void close() {
        db.close();
    }
}
