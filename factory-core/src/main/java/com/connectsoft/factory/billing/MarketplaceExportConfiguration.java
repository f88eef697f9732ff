package com.connectsoft.factory.billing;

import com.connectsoft.factory.billing.adapter.marketplace.AzureIdentityTokens;
import com.connectsoft.factory.billing.adapter.marketplace.MarketplaceMeteringClient;
import com.connectsoft.factory.billing.adapter.marketplace.MarketplaceSettings;
import com.connectsoft.factory.billing.adapter.store.DocumentMarketplaceExports;
import com.connectsoft.factory.billing.adapter.store.DocumentMarketplaceLinks;
import com.connectsoft.factory.billing.application.ExportUsage;
import com.connectsoft.factory.billing.domain.MarketplaceExports;
import com.connectsoft.factory.billing.domain.MarketplaceLinks;
import com.connectsoft.factory.billing.domain.MarketplaceMetering;
import com.connectsoft.factory.platform.store.DocumentStore;
import com.connectsoft.factory.tenancy.domain.Tenants;
import java.time.Clock;
import java.util.Map;

/** The Azure Marketplace export wired on the document store, the billing ledger and the metering API. */
public final class MarketplaceExportConfiguration {
    private final MarketplaceLinks links;
    private final MarketplaceExports exports;
    private final ExportUsage export;

    public MarketplaceExportConfiguration(BillingConfiguration billing, DocumentStore store, Tenants tenants, MarketplaceSettings settings,
                                          MarketplaceMetering marketplace, Clock clock) {
        this.links = new DocumentMarketplaceLinks(store);
        this.exports = new DocumentMarketplaceExports(store);
        this.export = new ExportUsage(tenants, billing.plans(), billing.roll(), exports, links, marketplace, settings.planId(), clock);
    }

    /** From the FACTORY_MARKETPLACE_* settings, signed in with the app's identity (DefaultAzureCredential, on first send). */
    public static MarketplaceExportConfiguration fromSettings(BillingConfiguration billing, DocumentStore store, Tenants tenants,
                                                              Map<String, String> env, Clock clock) {
        MarketplaceSettings settings = MarketplaceSettings.from(env);
        return new MarketplaceExportConfiguration(billing, store, tenants, settings,
                new MarketplaceMeteringClient(settings, new AzureIdentityTokens()), clock);
    }

    public MarketplaceLinks links() {
        return links;
    }

    public MarketplaceExports exports() {
        return exports;
    }

    public ExportUsage export() {
        return export;
    }
}
