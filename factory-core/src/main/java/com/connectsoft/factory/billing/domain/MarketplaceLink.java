package com.connectsoft.factory.billing.domain;

import java.time.Instant;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A tenant's Azure Marketplace purchase: the SaaS subscription id (a GUID, the {@code resourceId} of its usage events) its
 * metered usage is billed to.
 */
public record MarketplaceLink(String tenantId, String resourceId, Instant linkedAt) {
    private static final Pattern GUID = Pattern.compile("[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");

    public MarketplaceLink {
        Objects.requireNonNull(tenantId, "tenantId");
        if (resourceId == null || !GUID.matcher(resourceId).matches()) {
            throw new IllegalArgumentException("resource id '" + (resourceId == null ? "" : resourceId.length() > 80 ? resourceId.substring(0, 80) + "..." : resourceId)
                    + "' is not a Marketplace SaaS subscription id: give the GUID the SaaS fulfillment API resolved, e.g. "
                    + "9b1c4e0a-3f2d-4c5b-8a7e-1d2f3a4b5c6d");
        }
        resourceId = resourceId.toLowerCase(java.util.Locale.ROOT);
    }
}
