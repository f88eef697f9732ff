package com.connectsoft.factory.infra;

import com.pulumi.azurenative.authorization.RoleAssignment;
import com.pulumi.azurenative.authorization.RoleAssignmentArgs;
import com.pulumi.azurenative.authorization.outputs.GetClientConfigResult;
import com.pulumi.core.Output;

/** Built-in Azure role definitions the factory's identity is given, and a helper that grants one at a scope. */
final class Roles {
    static final String STORAGE_BLOB_DATA_OWNER = "b7e6dc6d-f1e8-4753-8033-0f276bb0955b";
    static final String STORAGE_BLOB_DATA_CONTRIBUTOR = "ba92f5b4-2d11-453d-a403-e96b0029c9fe";
    static final String STORAGE_QUEUE_DATA_CONTRIBUTOR = "974c5e8b-45b9-4653-ba55-5f855dd0fb88";
    static final String STORAGE_TABLE_DATA_CONTRIBUTOR = "0a9a7e1f-b9d0-4cc4-a60d-0319b160aaa3";
    static final String SERVICE_BUS_DATA_OWNER = "090c5cfd-751d-490a-894a-3ce6f1109419";
    static final String SERVICE_BUS_DATA_SENDER = "69a216fc-b8fb-44d8-bc22-1f3c2cd27a39";
    static final String SERVICE_BUS_DATA_RECEIVER = "4f6d3b9b-027b-4f4c-9142-0e5a2a2247e0";
    static final String KEY_VAULT_SECRETS_USER = "4633458b-17de-408a-b874-0445c86b69e6";
    static final String SEARCH_INDEX_DATA_CONTRIBUTOR = "8ebe5a00-799e-43f5-93ac-243d3dce84a7";
    static final String MONITORING_METRICS_PUBLISHER = "3913510d-42f4-4e42-8a64-420c390055eb";
    /** Cosmos DB's data-plane role (not an Azure RBAC role): read and write items. */
    static final String COSMOS_BUILT_IN_DATA_CONTRIBUTOR = "00000000-0000-0000-0000-000000000002";

    private final Output<GetClientConfigResult> client;
    private final Output<String> principal;

    Roles(Output<GetClientConfigResult> client, Output<String> principal) {
        this.client = client;
        this.principal = principal;
    }

    RoleAssignment grant(String name, Output<String> scope, String roleDefinition) {
        return new RoleAssignment(name, RoleAssignmentArgs.builder().principalId(principal).principalType("ServicePrincipal")
                .scope(scope).roleDefinitionId(client.applyValue(c -> "/subscriptions/" + c.subscriptionId()
                        + "/providers/Microsoft.Authorization/roleDefinitions/" + roleDefinition)).build());
    }
}
