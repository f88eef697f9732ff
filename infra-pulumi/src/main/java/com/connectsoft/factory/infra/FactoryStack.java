package com.connectsoft.factory.infra;

import com.connectsoft.factory.capability.Capability;
import com.connectsoft.factory.capability.CapabilityRegistry;
import com.connectsoft.factory.api.WebhookHttp;
import com.connectsoft.factory.tenancy.adapter.entra.BrowserSignIn;
import com.connectsoft.factory.tenancy.adapter.entra.EntraSettings;
import com.pulumi.Context;
import com.pulumi.Pulumi;
import com.pulumi.asset.FileArchive;
import com.pulumi.azurenative.authorization.AuthorizationFunctions;
import com.pulumi.azurenative.authorization.RoleAssignment;
import com.pulumi.azurenative.authorization.RoleAssignmentArgs;
import com.pulumi.azurenative.authorization.outputs.GetClientConfigResult;
import com.pulumi.azurenative.documentdb.DatabaseAccount;
import com.pulumi.azurenative.documentdb.DatabaseAccountArgs;
import com.pulumi.azurenative.documentdb.SqlResourceSqlContainer;
import com.pulumi.azurenative.documentdb.SqlResourceSqlContainerArgs;
import com.pulumi.azurenative.documentdb.SqlResourceSqlDatabase;
import com.pulumi.azurenative.documentdb.SqlResourceSqlDatabaseArgs;
import com.pulumi.azurenative.documentdb.SqlResourceSqlRoleAssignment;
import com.pulumi.azurenative.documentdb.SqlResourceSqlRoleAssignmentArgs;
import com.pulumi.azurenative.documentdb.inputs.CapabilityArgs;
import com.pulumi.azurenative.documentdb.inputs.ConsistencyPolicyArgs;
import com.pulumi.azurenative.documentdb.inputs.ContainerPartitionKeyArgs;
import com.pulumi.azurenative.documentdb.inputs.LocationArgs;
import com.pulumi.azurenative.documentdb.inputs.SqlContainerResourceArgs;
import com.pulumi.azurenative.documentdb.inputs.SqlDatabaseResourceArgs;
import com.pulumi.azurenative.insights.Component;
import com.pulumi.azurenative.insights.ComponentArgs;
import com.pulumi.azurenative.keyvault.Secret;
import com.pulumi.azurenative.keyvault.SecretArgs;
import com.pulumi.azurenative.keyvault.Vault;
import com.pulumi.azurenative.keyvault.VaultArgs;
import com.pulumi.azurenative.keyvault.inputs.SecretPropertiesArgs;
import com.pulumi.azurenative.keyvault.inputs.SkuArgs;
import com.pulumi.azurenative.keyvault.inputs.VaultPropertiesArgs;
import com.pulumi.azurenative.operationalinsights.Workspace;
import com.pulumi.azurenative.operationalinsights.WorkspaceArgs;
import com.pulumi.azurenative.operationalinsights.inputs.WorkspaceSkuArgs;
import com.pulumi.azurenative.resources.ResourceGroup;
import com.pulumi.azurenative.resources.ResourceGroupArgs;
import com.pulumi.azurenative.search.Service;
import com.pulumi.azurenative.search.ServiceArgs;
import com.pulumi.azurenative.servicebus.Namespace;
import com.pulumi.azurenative.servicebus.NamespaceArgs;
import com.pulumi.azurenative.servicebus.Rule;
import com.pulumi.azurenative.servicebus.RuleArgs;
import com.pulumi.azurenative.servicebus.Subscription;
import com.pulumi.azurenative.servicebus.SubscriptionArgs;

import com.pulumi.azurenative.servicebus.inputs.SBSkuArgs;
import com.pulumi.azurenative.servicebus.inputs.SqlFilterArgs;
import com.pulumi.azurenative.storage.Blob;
import com.pulumi.azurenative.storage.BlobArgs;
import com.pulumi.azurenative.storage.BlobContainer;
import com.pulumi.azurenative.storage.BlobContainerArgs;
import com.pulumi.azurenative.storage.StorageAccount;
import com.pulumi.azurenative.storage.StorageAccountArgs;
import com.pulumi.azurenative.storage.enums.PublicAccess;
import com.pulumi.azurenative.web.AppServicePlan;
import com.pulumi.azurenative.web.AppServicePlanArgs;
import com.pulumi.azurenative.web.WebApp;
import com.pulumi.azurenative.web.WebAppArgs;
import com.pulumi.azurenative.web.inputs.CorsSettingsArgs;
import com.pulumi.azurenative.web.inputs.ManagedServiceIdentityArgs;
import com.pulumi.azurenative.web.inputs.NameValuePairArgs;
import com.pulumi.azurenative.web.inputs.SiteConfigArgs;
import com.pulumi.azurenative.web.inputs.SkuDescriptionArgs;
import com.pulumi.core.Output;
import com.pulumi.resources.CustomResourceOptions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The factory's Azure resources. Everything the function app reaches, it reaches with its system-assigned managed
 * identity: its app settings name endpoints and Key Vault references, never keys or connection strings. The Service
 * Bus topics and subscriptions come from {@link CapabilityRegistry}, the same list the function app's triggers are
 * generated from. Every taggable resource carries the product and environment tags.
 *
 * <p>Identity: the app validates Entra ID access tokens itself (issuer, audience and key set URL are app settings);
 * App Service Authentication is not turned on, and the app refuses {@code X-MS-CLIENT-PRINCIPAL}. External events:
 * there is no shared Event Grid topic or subscription. Each tenant creates its own Event Grid subscription (on its own
 * topic or system topic) with the webhook endpoint this stack exports and its own webhook credential as a delivery
 * attribute ({@code ./factory webhooks create --tenant <id>}); the credential, never the payload, names the tenant.
 *
 * <p>Web app: {@link WebHosting} serves marketplace-web from a static website behind Front Door; the function app's CORS
 * allows exactly that origin (stack output {@code webUrl}), and the app finds the API in the {@code config.json} uploaded
 * with its files.
 */
public final class FactoryStack {
    static final String COSMOS_DATABASE = "factory";
    static final String COSMOS_CONTAINER = "factory";
    static final String ARTIFACTS_CONTAINER = "artifacts";
    static final String APPINSIGHTS_SECRET = "appinsights-connection-string";
    /** Every container is partitioned by tenant. */
    static final String PARTITION_KEY = "/tenantId";

    private FactoryStack() {
    }

    public static void main(String[] args) {
        Pulumi.run(FactoryStack::define);
    }

    /** What {@code pulumi up} creates; also what the mock tests run. */
    public static void define(Context ctx) {
        define(ctx, StackSettings.from(ctx));
    }

    /** The stack with the given settings (tests pass them directly: a mock run has no stack config). */
    public static void define(Context ctx, StackSettings s) {
        define(ctx, s, s.buildJob().registry().isEmpty() ? Optional.empty()
                : Optional.of(ctx.config(StackSettings.NAMESPACE).getSecret("buildJobRegistryPassword")));
    }

    /** The same, with the build job's registry password (a secret) given. */
    static void define(Context ctx, StackSettings s, Optional<Output<Optional<String>>> buildJobRegistryPassword) {
        Map<String, String> tags = s.tags();
        String env = s.environment();
        Output<GetClientConfigResult> client = AuthorizationFunctions.getClientConfig();

        var rg = new ResourceGroup("rg", ResourceGroupArgs.builder().resourceGroupName("connectsoft-factory-" + env).tags(tags).build());
        Output<String> rgName = rg.name();

        // observability first: the function app and the alerts point at it
        var workspace = new Workspace("logs", WorkspaceArgs.builder().resourceGroupName(rgName)
                .sku(WorkspaceSkuArgs.builder().name("PerGB2018").build()).retentionInDays(30).tags(tags).build());
        var insights = new Component("appinsights", ComponentArgs.builder().resourceGroupName(rgName).kind("web").applicationType("web")
                .workspaceResourceId(workspace.id()).disableLocalAuth(true).tags(tags).build());

        // storage: one account for the Functions host, one for artifact bytes
        var hostStorage = storage("fnhost", rgName, tags);
        var artifactStorage = storage("artifacts", rgName, tags);
        var artifacts = new BlobContainer(ARTIFACTS_CONTAINER, BlobContainerArgs.builder().resourceGroupName(rgName)
                .accountName(artifactStorage.name()).containerName(ARTIFACTS_CONTAINER).publicAccess(PublicAccess.None).build());

        // generated code is built and tested by a Container Apps job with no identity, fed by its own queues
        BuildJobStack.Provisioned buildJobs = BuildJobStack.define(s, rgName, artifactStorage, workspace, buildJobRegistryPassword, tags);

        // Service Bus: the registry's topics, one subscription per capability with its SQL filter as the only rule
        var namespace = new Namespace("bus", NamespaceArgs.builder().resourceGroupName(rgName)
                .sku(SBSkuArgs.builder().name("Standard").tier("Standard").build())
                .minimumTlsVersion("1.2").disableLocalAuth(true).tags(tags).build());
        Map<String, com.pulumi.azurenative.servicebus.Topic> topics = new LinkedHashMap<>();
        for (String topic : List.of(CapabilityRegistry.COMMANDS, CapabilityRegistry.EVENTS)) {
            var args = com.pulumi.azurenative.servicebus.TopicArgs.builder().resourceGroupName(rgName).namespaceName(namespace.name())
                    .topicName(topic).requiresDuplicateDetection(true).duplicateDetectionHistoryTimeWindow("PT1H")
                    .defaultMessageTimeToLive("P14D");
            topics.put(topic, new com.pulumi.azurenative.servicebus.Topic(topic, args.build()));
        }
        for (Capability c : CapabilityRegistry.all()) {
            var topic = topics.get(c.topic());
            var sub = new Subscription(c.name(), SubscriptionArgs.builder().resourceGroupName(rgName).namespaceName(namespace.name())
                    .topicName(topic.name()).subscriptionName(c.subscription()).maxDeliveryCount(c.maxDeliveries())
                    .lockDuration(lockDuration(c.timeout())).deadLetteringOnMessageExpiration(true)
                    .deadLetteringOnFilterEvaluationExceptions(true).build());
            // "$Default" replaces the match-everything rule Service Bus gives a new subscription
            new Rule(c.name() + "-filter", RuleArgs.builder().resourceGroupName(rgName).namespaceName(namespace.name())
                    .topicName(topic.name()).subscriptionName(sub.name()).ruleName("$Default").filterType("SqlFilter")
                    .sqlFilter(SqlFilterArgs.builder().sqlExpression(c.sqlFilter()).build()).build());
        }

        // Cosmos DB: serverless, Entra ID only, one container partitioned by tenant
        var cosmos = new DatabaseAccount("cosmos", DatabaseAccountArgs.builder().resourceGroupName(rgName).kind("GlobalDocumentDB")
                .databaseAccountOfferType(com.pulumi.azurenative.documentdb.enums.DatabaseAccountOfferType.Standard)
                .locations(LocationArgs.builder().locationName(rg.location()).failoverPriority(0).build())
                .capabilities(CapabilityArgs.builder().name("EnableServerless").build())
                .consistencyPolicy(ConsistencyPolicyArgs.builder().defaultConsistencyLevel(
                        com.pulumi.azurenative.documentdb.enums.DefaultConsistencyLevel.Session).build())
                .minimalTlsVersion("Tls12").disableLocalAuth(true).tags(tags).build());
        var database = new SqlResourceSqlDatabase("cosmos-db", SqlResourceSqlDatabaseArgs.builder().resourceGroupName(rgName)
                .accountName(cosmos.name()).databaseName(COSMOS_DATABASE)
                .resource(SqlDatabaseResourceArgs.builder().id(COSMOS_DATABASE).build()).tags(tags).build());
        new SqlResourceSqlContainer("cosmos-container", SqlResourceSqlContainerArgs.builder().resourceGroupName(rgName)
                .accountName(cosmos.name()).databaseName(database.name()).containerName(COSMOS_CONTAINER)
                .resource(SqlContainerResourceArgs.builder().id(COSMOS_CONTAINER)
                        .partitionKey(ContainerPartitionKeyArgs.builder().paths(PARTITION_KEY).kind("Hash").build())
                        .defaultTtl(-1).build())
                .tags(tags).build());

        // Key Vault with RBAC: the app reads secrets with its identity; the App Insights connection string lives here
        var vault = new Vault("vault", VaultArgs.builder().resourceGroupName(rgName)
                .properties(vaultProperties(client, s)).tags(tags).build());
        var insightsSecret = new Secret(APPINSIGHTS_SECRET, SecretArgs.builder().resourceGroupName(rgName).vaultName(vault.name())
                .secretName(APPINSIGHTS_SECRET)
                .properties(SecretPropertiesArgs.builder().value(insights.connectionString().asSecret()).build()).tags(tags).build());

        var search = new Service("search", ServiceArgs.builder().resourceGroupName(rgName)
                .sku(com.pulumi.azurenative.search.inputs.SkuArgs.builder().name(searchSku(s.searchSku())).build())
                .replicaCount(1).partitionCount(1).disableLocalAuth(true).tags(tags).build());

        // the web app's origin (Front Door in front of a static website): the function app's CORS allows it and nothing else
        WebHosting.Endpoint web = WebHosting.endpoint(rgName, tags);

        // the function app: Linux consumption plan, Java 17, system-assigned identity, identity-based settings only
        var plan = new AppServicePlan("plan", AppServicePlanArgs.builder().resourceGroupName(rgName).kind("functionapp").reserved(true)
                .sku(SkuDescriptionArgs.builder().name("Y1").tier("Dynamic").build()).tags(tags).build());
        List<Output<NameValuePairArgs>> settings = new ArrayList<>();
        settings.add(setting("FUNCTIONS_WORKER_RUNTIME", Output.of("java")));
        settings.add(setting("FUNCTIONS_EXTENSION_VERSION", Output.of("~4")));
        settings.add(setting("AzureWebJobsStorage__accountName", hostStorage.name()));
        settings.add(setting("MAIN_CLASS", Output.of("com.connectsoft.factory.functions.FactoryFunctionsApplication")));
        settings.add(setting("FACTORY_HOME", Output.of("/home/site/wwwroot")));
        settings.add(setting(CapabilityRegistry.CONNECTION + "__fullyQualifiedNamespace", serviceBusHost(namespace)));
        settings.add(setting("FACTORY_SERVICEBUS_NAMESPACE", serviceBusHost(namespace)));
        // builds go to the build job: this app never builds generated code
        settings.add(setting("FACTORY_BUILD_RUNNER", Output.of("azure-job")));
        settings.add(setting("FACTORY_BUILD_JOBS_NAMESPACE", buildJobs.namespaceHost()));
        settings.add(setting("FACTORY_BUILD_JOBS_CONTAINER", Output.of(BuildJobStack.JOBS_CONTAINER)));
        settings.add(setting("FACTORY_BUILD_TIMEOUT_SECONDS", Output.of(String.valueOf(s.buildJob().timeoutSeconds()))));
        settings.add(setting(CapabilityRegistry.BUILD_JOBS_CONNECTION + "__fullyQualifiedNamespace", buildJobs.namespaceHost()));
        settings.add(setting("FACTORY_COSMOS_ENDPOINT", cosmos.documentEndpoint()));
        settings.add(setting("FACTORY_COSMOS_DATABASE", Output.of(COSMOS_DATABASE)));
        settings.add(setting("FACTORY_COSMOS_CONTAINER", Output.of(COSMOS_CONTAINER)));
        settings.add(setting("FACTORY_BLOB_ENDPOINT", artifactStorage.primaryEndpoints().applyValue(e -> e.blob())));
        settings.add(setting("FACTORY_BLOB_CONTAINER", Output.of(ARTIFACTS_CONTAINER)));
        settings.add(setting("FACTORY_KEYVAULT_URI", vault.properties().applyValue(p -> p.vaultUri().orElse(""))));
        settings.add(setting("FACTORY_SEARCH_ENDPOINT", search.name().applyValue(n -> "https://" + n + ".search.windows.net")));
        settings.add(setting("APPLICATIONINSIGHTS_CONNECTION_STRING",
                insightsSecret.properties().applyValue(p -> "@Microsoft.KeyVault(SecretUri=" + p.secretUri() + ")")));
        settings.add(setting("APPLICATIONINSIGHTS_AUTHENTICATION_STRING", Output.of("Authorization=AAD")));
        // Entra ID access tokens are validated in process; without an audience only tenant API keys sign in
        settings.add(setting(EntraSettings.ISSUER, Output.of(EntraSettings.DEFAULT_ISSUER)));
        settings.add(setting(EntraSettings.JWKS_URL, Output.of(EntraSettings.DEFAULT_JWKS_URL)));
        if (!s.entraAudience().isEmpty()) {
            settings.add(setting(EntraSettings.AUDIENCE, Output.of(s.entraAudience())));
        }
        // what the web app's sign-in page is told (GET /api/v1/auth/config): MSAL's redirect flow with this registration
        if (!s.web().spaClientId().isEmpty()) {
            settings.add(setting(BrowserSignIn.CLIENT_ID, Output.of(s.web().spaClientId())));
            settings.add(setting(BrowserSignIn.AUTHORITY, Output.of(s.web().authority())));
        }
        List<com.pulumi.resources.Resource> packageDeps = new ArrayList<>();
        s.functionPackage().ifPresent(path -> {
            var deployments = new BlobContainer("deployments", BlobContainerArgs.builder().resourceGroupName(rgName)
                    .accountName(hostStorage.name()).containerName("deployments").publicAccess(PublicAccess.None).build());
            var pkg = new Blob("function-package", BlobArgs.builder().resourceGroupName(rgName).accountName(hostStorage.name())
                    .containerName(deployments.name()).blobName("connectsoft-factory.zip").source(new FileArchive(path)).build());
            packageDeps.add(pkg);
            settings.add(setting("WEBSITE_RUN_FROM_PACKAGE", pkg.url()));
            settings.add(setting("WEBSITE_RUN_FROM_PACKAGE_BLOB_MI_RESOURCE_ID", Output.of("SystemAssigned")));
        });
        var app = new WebApp("functions", WebAppArgs.builder().resourceGroupName(rgName).kind("functionapp,linux").reserved(true)
                .serverFarmId(plan.id()).httpsOnly(true).keyVaultReferenceIdentity("SystemAssigned")
                .identity(ManagedServiceIdentityArgs.builder().type(com.pulumi.azurenative.web.enums.ManagedServiceIdentityType.SystemAssigned).build())
                .siteConfig(Output.tuple(Output.all(settings), web.origin()).applyValue(t -> SiteConfigArgs.builder().linuxFxVersion("Java|17")
                        .ftpsState("Disabled").minTlsVersion("1.2").http20Enabled(true).appSettings(t.t1)
                        .cors(CorsSettingsArgs.builder().allowedOrigins(List.of(t.t2)).supportCredentials(false).build()).build()))
                .tags(tags).build(), CustomResourceOptions.builder().dependsOn(packageDeps).build());
        Output<String> principal = app.identity().applyValue(i -> i.orElseThrow().principalId());

        // what the identity may do, each at the narrowest scope that works
        Roles roles = new Roles(client, principal);
        roles.grant("host-blob", hostStorage.id(), Roles.STORAGE_BLOB_DATA_OWNER);
        roles.grant("host-queue", hostStorage.id(), Roles.STORAGE_QUEUE_DATA_CONTRIBUTOR);
        roles.grant("host-table", hostStorage.id(), Roles.STORAGE_TABLE_DATA_CONTRIBUTOR);
        roles.grant("artifacts-blob", artifactStorage.id(), Roles.STORAGE_BLOB_DATA_CONTRIBUTOR);
        roles.grant("bus-owner", namespace.id(), Roles.SERVICE_BUS_DATA_OWNER);
        roles.grant("vault-secrets", vault.id(), Roles.KEY_VAULT_SECRETS_USER);
        roles.grant("search-data", search.id(), Roles.SEARCH_INDEX_DATA_CONTRIBUTOR);
        roles.grant("insights-publish", insights.id(), Roles.MONITORING_METRICS_PUBLISHER);
        roles.grant("build-jobs-send", buildJobs.queues().get(CapabilityRegistry.BUILD_JOBS_QUEUE).id(), Roles.SERVICE_BUS_DATA_SENDER);
        roles.grant("build-jobs-done-receive", buildJobs.queues().get(CapabilityRegistry.BUILD_JOBS_DONE_QUEUE).id(),
                Roles.SERVICE_BUS_DATA_RECEIVER);
        new SqlResourceSqlRoleAssignment("cosmos-data", SqlResourceSqlRoleAssignmentArgs.builder().resourceGroupName(rgName)
                .accountName(cosmos.name()).principalId(principal).scope(cosmos.id())
                .roleDefinitionId(cosmos.id().applyValue(id -> id + "/sqlRoleDefinitions/" + Roles.COSMOS_BUILT_IN_DATA_CONTRIBUTOR)).build());

        Monitoring.define(s, rgName, workspace, insights, namespace, tags);

        // the web app's files, config.json (where the API is) and Front Door's rules (CSP naming the API's origin)
        WebHosting.content(web, rgName, app.defaultHostName().applyValue(h -> WebHosting.origin("https://" + h)),
                WebHosting.dist(s.web().dist(), ctx.log()));

        ctx.export("resourceGroup", rgName);
        ctx.export("functionApp", app.name());
        ctx.export("functionAppHost", app.defaultHostName());
        ctx.export("serviceBusNamespace", serviceBusHost(namespace));
        ctx.export("cosmosEndpoint", cosmos.documentEndpoint());
        ctx.export("keyVaultUri", vault.properties().applyValue(p -> p.vaultUri().orElse("")));
        ctx.export("webhookEndpoint", app.defaultHostName().applyValue(h -> "https://" + h + WebhookHttp.ENDPOINT));
        ctx.export("artifactsContainer", artifacts.name());
        ctx.export("buildJobsNamespace", buildJobs.namespaceHost());
        ctx.export("buildJob", buildJobs.job().name());
        ctx.export("webUrl", web.origin());
    }

    /** A storage account that accepts TLS 1.2+ over HTTPS only, with no anonymous blob access and no shared keys. */
    private static StorageAccount storage(String name, Output<String> rgName, Map<String, String> tags) {
        return new StorageAccount(name, StorageAccountArgs.builder().resourceGroupName(rgName).kind("StorageV2")
                .sku(com.pulumi.azurenative.storage.inputs.SkuArgs.builder().name("Standard_LRS").build())
                .minimumTlsVersion("TLS1_2").enableHttpsTrafficOnly(true).allowBlobPublicAccess(false)
                .allowSharedKeyAccess(false).defaultToOAuthAuthentication(true).tags(tags).build());
    }

    private static Output<VaultPropertiesArgs> vaultProperties(Output<GetClientConfigResult> client, StackSettings s) {
        return client.applyValue(c -> {
            VaultPropertiesArgs.Builder b = VaultPropertiesArgs.builder().tenantId(c.tenantId())
                    .sku(SkuArgs.builder().family("A").name(com.pulumi.azurenative.keyvault.enums.SkuName.Standard).build())
                    .enableRbacAuthorization(true).enableSoftDelete(true).softDeleteRetentionInDays(90);
            if (s.purgeProtection()) {
                b.enablePurgeProtection(true); // Azure accepts only true or absent
            }
            return b.build();
        });
    }

    private static com.pulumi.azurenative.search.enums.SkuName searchSku(String name) {
        return java.util.Arrays.stream(com.pulumi.azurenative.search.enums.SkuName.values()).filter(v -> v.getValue().equals(name)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("connectsoft-factory:searchSku is '" + name + "': use one of "
                        + java.util.Arrays.stream(com.pulumi.azurenative.search.enums.SkuName.values()).map(v -> v.getValue()).toList()));
    }

    private static Output<String> serviceBusHost(Namespace namespace) {
        return namespace.name().applyValue(n -> n + ".servicebus.windows.net");
    }

    private static Output<NameValuePairArgs> setting(String name, Output<String> value) {
        return value.applyValue(v -> NameValuePairArgs.builder().name(name).value(v).build());
    }

    /** Service Bus locks a message for at most 5 minutes; the Functions host renews the lock for longer work. */
    static String lockDuration(Duration timeout) {
        Duration d = timeout.compareTo(Duration.ofMinutes(5)) > 0 ? Duration.ofMinutes(5) : timeout;
        return d.toString();
    }
}
