package com.connectsoft.extensions.runtime.data.cosmos;

import com.connectsoft.extensions.runtime.events.PendingTenants;

import com.azure.cosmos.CosmosContainer;
import com.azure.cosmos.models.CosmosQueryRequestOptions;
import com.azure.cosmos.models.SqlParameter;
import com.azure.cosmos.models.SqlQuerySpec;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/** The tenants with pending outbox records in one container: a cross-partition query returning tenant ids only. */
public final class CosmosPendingTenants implements PendingTenants {
    static final String QUERY = "SELECT DISTINCT VALUE c.tenantId FROM c WHERE c.docType = @docType";
    private final CosmosContainer container;

    public CosmosPendingTenants(CosmosContainer container) {
        this.container = Objects.requireNonNull(container, "container");
    }

    @Override
    public List<String> tenantsWithPending(int limit) {
        List<String> tenants = new ArrayList<>();
        for (String tenant : container.queryItems(new SqlQuerySpec(QUERY,
                List.of(new SqlParameter("@docType", CosmosRepository.OUTBOX))), new CosmosQueryRequestOptions(), String.class)) {
            if (tenants.size() == limit) {
                break;
            }
            tenants.add(tenant);
        }
        return tenants;
    }
}
