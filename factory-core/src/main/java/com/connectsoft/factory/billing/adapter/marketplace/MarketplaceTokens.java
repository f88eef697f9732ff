package com.connectsoft.factory.billing.adapter.marketplace;

/**
 * Access tokens for the Marketplace metering API, issued to the app's own identity (no tenant's credential). Called once
 * per request; an implementation caches as it sees fit.
 */
@FunctionalInterface
public interface MarketplaceTokens {
    /** The Marketplace SaaS API's resource (application) id: tokens are requested for {@code <this>/.default}. */
    String RESOURCE = "20e940b3-4c77-4b0b-9a53-9e16a1b010a7";

    /** A bearer token for {@link #RESOURCE}; throws when none can be had (the batch then fails and is retried later). */
    String token();
}
