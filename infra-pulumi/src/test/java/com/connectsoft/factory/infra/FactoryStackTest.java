package com.connectsoft.factory.infra;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.connectsoft.factory.capability.Capability;
import com.connectsoft.factory.capability.CapabilityRegistry;
import com.connectsoft.factory.capability.CapabilityTelemetry;
import com.connectsoft.factory.capability.JobQueue;
import com.connectsoft.factory.app.BuildJobMain;
import com.connectsoft.factory.infra.RecordingMocks.Registered;
import com.connectsoft.factory.shared.domain.Envelope;
import com.connectsoft.factory.tenancy.adapter.entra.EntraSettings;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.pulumi.test.PulumiTest;
import com.pulumi.test.TestOptions;
import com.pulumi.test.TestResult;
import java.nio.file.Path;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The factory stack under Pulumi's mocks (no CLI, no Azure): what it would create, checked resource by resource. */
class FactoryStackTest {
    private static final String APP = RecordingMocks.principal("functions");
    private RecordingMocks mocks;

    @BeforeEach
    void run() throws Exception {
        mocks = new RecordingMocks();
        StackSettings settings = devStack();
        TestResult result = PulumiTest.withMocks(mocks).withOptions(TestOptions.builder().projectName("connectsoft-factory").stackName("dev")
                .build()).runTest(ctx -> FactoryStack.define(ctx, settings));
        assertEquals(List.of(), result.errors());
        assertEquals(List.of(), result.exceptions());
        assertEquals(0, result.exitCode());
    }

    static final String IMAGE = "factoryacr.azurecr.io/factory-build-job:0.1.0";

    /** The dev stack file with the build job's image set (the file leaves it to `pulumi config set`). */
    static StackSettings devStack() throws java.io.IOException {
        StackSettings dev = StackSettings.fromStackFile(Path.of("Pulumi.dev.yaml"), "dev");
        StackSettings.BuildJob b = dev.buildJob();
        return dev.withBuildJob(new StackSettings.BuildJob(IMAGE, b.registry(), b.registryUsername(), b.cpu(), b.memory(), b.timeoutSeconds(),
                b.maxExecutions())).withWeb(Optional.empty(), "", "organizations");
    }

    @AfterEach
    void cleanup() {
        PulumiTest.cleanup();
    }

    @Test
    void everyCapabilityHasItsSubscriptionWhoseOnlyRuleIsTheRegistrysSqlFilter() {
        List<Registered> subscriptions = mocks.ofType("azure-native:servicebus:Subscription");
        assertEquals(CapabilityRegistry.all().size(), subscriptions.size());
        for (Capability c : CapabilityRegistry.all()) {
            Registered sub = mocks.one("azure-native:servicebus:Subscription", c.name());
            assertEquals(c.subscription(), sub.text("subscriptionName"));
            assertEquals(c.topic(), sub.text("topicName"), c.name());
            assertEquals(c.maxDeliveries(), ((Number) sub.at("maxDeliveryCount")).intValue());
            assertEquals(Boolean.TRUE, sub.at("deadLetteringOnMessageExpiration"));
            Registered rule = mocks.one("azure-native:servicebus:Rule", c.name() + "-filter");
            assertEquals("$Default", rule.text("ruleName"), "replaces the match-everything rule");
            assertEquals("SqlFilter", rule.text("filterType"));
            assertEquals(c.sqlFilter(), rule.text("sqlFilter.sqlExpression"));
            assertEquals(c.subscription(), rule.text("subscriptionName"));
            assertEquals(c.topic(), rule.text("topicName"));
        }
        Set<String> topics = mocks.ofType("azure-native:servicebus:Topic").stream().map(t -> t.text("topicName")).collect(Collectors.toSet());
        assertEquals(Set.of(CapabilityRegistry.COMMANDS, CapabilityRegistry.EVENTS), topics);
        mocks.ofType("azure-native:servicebus:Topic").forEach(t -> assertEquals(Boolean.TRUE, t.at("requiresDuplicateDetection"),
                "messageId = eventId dedupes only with duplicate detection on"));
    }

    @Test
    void cosmosIsServerlessEntraOnlyAndPartitionedByTenant() {
        Registered account = mocks.one("azure-native:documentdb:DatabaseAccount", "cosmos");
        assertEquals("EnableServerless", account.text("capabilities").replaceAll(".*name=(\\w+).*", "$1"));
        assertEquals(Boolean.TRUE, account.at("disableLocalAuth"));
        for (Registered container : mocks.ofType("azure-native:documentdb:SqlResourceSqlContainer")) {
            assertEquals(List.of("/tenantId"), container.at("resource.partitionKey.paths"), container.name());
        }
        assertEquals(1, mocks.ofType("azure-native:documentdb:SqlResourceSqlContainer").size());
    }

    @Test
    void noAppSettingHoldsSecretMaterialAndTheAppUsesItsIdentity() {
        Map<String, String> settings = appSettings();
        for (Map.Entry<String, String> e : settings.entrySet()) {
            String v = e.getValue();
            assertFalse(v.matches("(?is).*(AccountKey=|SharedAccessKey|InstrumentationKey=|password|secret=|sig=).*"),
                    e.getKey() + " carries secret material: " + v);
        }
        assertTrue(settings.get("APPLICATIONINSIGHTS_CONNECTION_STRING").startsWith("@Microsoft.KeyVault(SecretUri=https://"),
                "the App Insights connection string is a Key Vault reference");
        assertEquals("Authorization=AAD", settings.get("APPLICATIONINSIGHTS_AUTHENTICATION_STRING"));
        assertTrue(settings.containsKey("AzureWebJobsStorage__accountName"), "identity-based host storage");
        assertFalse(settings.containsKey("AzureWebJobsStorage"), "no host storage connection string");
        assertEquals(settings.get("FACTORY_SERVICEBUS_NAMESPACE"), settings.get(CapabilityRegistry.CONNECTION + "__fullyQualifiedNamespace"));
        assertTrue(settings.get("FACTORY_SERVICEBUS_NAMESPACE").endsWith(".servicebus.windows.net"));
        assertTrue(settings.get("FACTORY_COSMOS_ENDPOINT").startsWith("https://"));
        assertFalse(settings.containsKey("FACTORY_COSMOS_KEY"));
        assertTrue(settings.get("FACTORY_KEYVAULT_URI").startsWith("https://"));
        assertTrue(settings.get("FACTORY_BLOB_ENDPOINT").startsWith("https://"));
        assertEquals("SystemAssigned", settings.get("WEBSITE_RUN_FROM_PACKAGE_BLOB_MI_RESOURCE_ID"));

        Registered app = mocks.one("azure-native:web:WebApp", "functions");
        assertEquals("SystemAssigned", app.text("identity.type"));
        assertEquals("SystemAssigned", app.text("keyVaultReferenceIdentity"));
        assertEquals("Java|17", app.text("siteConfig.linuxFxVersion"));
        assertEquals(Boolean.TRUE, app.at("httpsOnly"));
        Registered plan = mocks.one("azure-native:web:AppServicePlan", "plan");
        assertEquals("Dynamic", plan.text("sku.tier"), "consumption plan");
    }

    @Test
    void tlsMinimumsAndPublicAccessOff() {
        for (Registered storage : mocks.ofType("azure-native:storage:StorageAccount")) {
            assertEquals("TLS1_2", storage.text("minimumTlsVersion"), storage.name());
            assertEquals(Boolean.FALSE, storage.at("allowBlobPublicAccess"), storage.name());
            // the web app's files are public through its static website; the provider uploads them with the account key
            assertEquals(!storage.name().equals("web"), Boolean.FALSE.equals(storage.at("allowSharedKeyAccess")), storage.name());
            assertEquals(Boolean.TRUE, storage.at("enableHttpsTrafficOnly"), storage.name());
        }
        assertEquals(3, mocks.ofType("azure-native:storage:StorageAccount").size(), "the host's, the artifacts' and the web app's accounts");
        mocks.ofType("azure-native:storage:BlobContainer").forEach(c -> assertEquals("None", c.text("publicAccess"), c.name()));
        assertEquals("1.2", mocks.one("azure-native:servicebus:Namespace", "bus").text("minimumTlsVersion"));
        assertEquals(Boolean.TRUE, mocks.one("azure-native:servicebus:Namespace", "bus").at("disableLocalAuth"));
        assertEquals("Tls12", mocks.one("azure-native:documentdb:DatabaseAccount", "cosmos").text("minimalTlsVersion"));
        assertEquals("1.2", mocks.one("azure-native:web:WebApp", "functions").text("siteConfig.minTlsVersion"));
        assertEquals("Disabled", mocks.one("azure-native:web:WebApp", "functions").text("siteConfig.ftpsState"));
        assertEquals(Boolean.TRUE, mocks.one("azure-native:keyvault:Vault", "vault").at("properties.enableRbacAuthorization"));
        assertEquals(Boolean.TRUE, mocks.one("azure-native:search:Service", "search").at("disableLocalAuth"));
    }

    @Test
    void theIdentityGetsExactlyTheRolesItNeedsAtEachResource() {
        Map<String, String> expected = Map.of("host-blob", Roles.STORAGE_BLOB_DATA_OWNER, "host-queue", Roles.STORAGE_QUEUE_DATA_CONTRIBUTOR,
                "host-table", Roles.STORAGE_TABLE_DATA_CONTRIBUTOR, "artifacts-blob", Roles.STORAGE_BLOB_DATA_CONTRIBUTOR,
                "bus-owner", Roles.SERVICE_BUS_DATA_OWNER, "vault-secrets", Roles.KEY_VAULT_SECRETS_USER,
                "search-data", Roles.SEARCH_INDEX_DATA_CONTRIBUTOR, "insights-publish", Roles.MONITORING_METRICS_PUBLISHER,
                "build-jobs-send", Roles.SERVICE_BUS_DATA_SENDER, "build-jobs-done-receive", Roles.SERVICE_BUS_DATA_RECEIVER);
        Map<String, String> scopes = Map.of("host-blob", "storage:StorageAccount/fnhost", "host-queue", "storage:StorageAccount/fnhost",
                "host-table", "storage:StorageAccount/fnhost", "artifacts-blob", "storage:StorageAccount/artifacts",
                "bus-owner", "servicebus:Namespace/bus", "vault-secrets", "keyvault:Vault/vault", "search-data", "search:Service/search",
                "insights-publish", "insights:Component/appinsights",
                // the app sends build requests and receives answers, each on its one queue, and nothing else there
                "build-jobs-send", "servicebus:Queue/" + CapabilityRegistry.BUILD_JOBS_QUEUE,
                "build-jobs-done-receive", "servicebus:Queue/" + CapabilityRegistry.BUILD_JOBS_DONE_QUEUE);
        List<Registered> assignments = mocks.ofType("azure-native:authorization:RoleAssignment");
        assertEquals(expected.keySet(), assignments.stream().map(Registered::name).collect(Collectors.toSet()));
        for (Registered a : assignments) {
            assertEquals(APP, a.text("principalId"), a.name());
            assertEquals("ServicePrincipal", a.text("principalType"));
            assertEquals("/subscriptions/" + RecordingMocks.SUBSCRIPTION + "/providers/Microsoft.Authorization/roleDefinitions/"
                    + expected.get(a.name()), a.text("roleDefinitionId"));
            assertTrue(a.text("scope").endsWith(scopes.get(a.name()).replace(':', '/')), a.name() + " at " + a.text("scope"));
        }
        Registered cosmos = mocks.one("azure-native:documentdb:SqlResourceSqlRoleAssignment", "cosmos-data");
        assertEquals(APP, cosmos.text("principalId"));
        assertTrue(cosmos.text("roleDefinitionId").endsWith("/sqlRoleDefinitions/" + Roles.COSMOS_BUILT_IN_DATA_CONTRIBUTOR));
    }

    @Test
    void everyTaggableResourceCarriesProductAndEnvironment() throws Exception {
        int tagged = 0;
        for (Registered r : mocks.resources) {
            if (!taggable(r.type())) {
                continue;
            }
            tagged++;
            assertEquals(Map.of("product", "connectsoft-factory", "environment", "dev"), r.at("tags"), r.type() + " " + r.name());
        }
        assertTrue(tagged >= 19, "tagged resources: " + tagged);
    }

    /** Whether the resource's Args class has a {@code tags} input. */
    static boolean taggable(String type) throws ClassNotFoundException {
        String[] parts = type.split(":");
        Class<?> args = Class.forName("com.pulumi.azurenative." + parts[1] + "." + parts[2] + "Args");
        return java.util.Arrays.stream(args.getMethods()).anyMatch(m -> m.getName().equals("tags"));
    }

    @Test
    void noSharedEventGridSubscriptionDeliversEventsWhoseTenantOnlyThePayloadNames() {
        List<String> eventGrid = mocks.resources.stream().filter(r -> r.type().startsWith("azure-native:eventgrid:"))
                .map(r -> r.type() + "/" + r.name()).toList();
        assertEquals(List.of(), eventGrid, "each tenant subscribes with its own webhook credential; the stack makes no shared intake");
    }

    @Test
    void theAppValidatesEntraTokensItselfWithTheSettingsTheStackProvisions() throws Exception {
        Map<String, String> settings = appSettings();
        assertEquals("https://login.microsoftonline.com/{tenantid}/v2.0", settings.get(EntraSettings.ISSUER));
        assertEquals("https://login.microsoftonline.com/common/discovery/v2.0/keys", settings.get(EntraSettings.JWKS_URL));
        assertFalse(settings.containsKey(EntraSettings.AUDIENCE), "the dev stack names no app registration: tenant API keys only");
        Registered app = mocks.one("azure-native:web:WebApp", "functions");
        assertTrue(mocks.resources.stream().noneMatch(r -> r.type().startsWith("azure-native:web:WebAppAuthSettings")),
                "App Service Authentication stays off: the app refuses X-MS-CLIENT-PRINCIPAL and checks tokens itself");
        assertNotNull(app);

        // with an app registration configured, the app gets its audience, and the settings the app reads agree
        PulumiTest.cleanup();
        mocks = new RecordingMocks();
        StackSettings withAudience = devStack()
                .withEntraAudience("6e74172b-be56-4843-9ff4-e66a39bb12e3");
        TestResult result = PulumiTest.withMocks(mocks).withOptions(TestOptions.builder().projectName("connectsoft-factory").stackName("dev")
                .build()).runTest(ctx -> FactoryStack.define(ctx, withAudience));
        assertEquals(List.of(), result.exceptions());
        settings = appSettings();
        assertEquals("6e74172b-be56-4843-9ff4-e66a39bb12e3", settings.get(EntraSettings.AUDIENCE));
        EntraSettings read = EntraSettings.from(settings).orElseThrow();
        assertEquals(List.of("6e74172b-be56-4843-9ff4-e66a39bb12e3"), read.audiences());
        assertEquals(EntraSettings.DEFAULT_JWKS_URL, read.jwksUrl().toString());

        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> StackSettings.from(k -> k.equals("entraAudience") ? Optional.of("my app") : Optional.empty(), "dev"));
        assertTrue(e.getMessage().contains("application (client) id"), e.getMessage());
    }

    @Test
    void theWorkbookAndAlertRulesExistAndQueryTheTelemetryTheAppWrites() throws Exception {
        Registered workbook = mocks.one("azure-native:insights:Workbook", "factory-workbook");
        JsonNode data = new ObjectMapper().readTree(workbook.text("serializedData"));
        List<String> titles = new java.util.ArrayList<>();
        data.path("items").forEach(i -> {
            if (i.path("type").asInt() == 3) {
                titles.add(i.path("content").path("title").asText());
            }
        });
        assertEquals(List.of("Runs per tenant", "Failures by capability", "Queue depth (active messages)", "Dead-lettered messages",
                "Poison messages", "Run duration (minutes)"), titles);

        Registered deadLetters = mocks.one("azure-native:insights:MetricAlert", "dead-letters");
        assertEquals("DeadletteredMessages", deadLetters.text("criteria.allOf").replaceAll(".*metricName=(\\w+).*", "$1"));
        assertTrue(deadLetters.text("scopes").contains("servicebus/Namespace/bus"));
        Set<String> rules = new HashSet<>();
        mocks.ofType("azure-native:insights:ScheduledQueryRule").forEach(r -> rules.add(r.name()));
        assertEquals(Set.of("failure-rate", "run-duration"), rules);
        assertTrue(mocks.one("azure-native:insights:ScheduledQueryRule", "run-duration").text("criteria").contains("minutes > 45"),
                "the dev stack's threshold");
        assertNotNull(mocks.one("azure-native:insights:ActionGroup", "operators"));
        assertNotNull(mocks.one("azure-native:insights:DiagnosticSetting", "bus-metrics"));

        // the KQL parse pattern reads back the exact line the function app logs
        Capability render = CapabilityRegistry.get(CapabilityRegistry.TEMPLATE_RENDER);
        Envelope e = new Envelope("evt-1", "RenderModule", "acme", "proj-1", "billing", "trace-1", "run-42", null,
                Instant.parse("2026-11-21T10:00:00Z"), 1, com.connectsoft.factory.shared.domain.Payload.EMPTY);
        Map<String, String> row = parse(CapabilityTelemetry.line(render, e, CapabilityTelemetry.HANDLED));
        assertEquals(Map.of("capability", "template-render", "eventType", "RenderModule", "tenant", "acme", "run", "run-42",
                "occurredAt", "2026-11-21T10:00:00Z", "outcome", "handled"), row);
    }

    /** Applies the KQL {@code parse message with ...} clause of {@link CapabilityTelemetry#KQL_INVOCATIONS} to a line. */
    private static Map<String, String> parse(String line) {
        String clause = CapabilityTelemetry.KQL_INVOCATIONS.substring(CapabilityTelemetry.KQL_INVOCATIONS.indexOf("parse message with ") + 19);
        Matcher parts = Pattern.compile("'([^']*)'\\s*([A-Za-z]+)(?::\\w+)?").matcher(clause);
        StringBuilder regex = new StringBuilder();
        List<String> columns = new java.util.ArrayList<>();
        while (parts.find()) {
            regex.append(Pattern.quote(parts.group(1))).append("(\\S+)");
            columns.add(parts.group(2));
        }
        Matcher m = Pattern.compile(regex.toString()).matcher(line);
        assertTrue(m.matches(), "the KQL parse pattern does not match the logged line: " + line);
        Map<String, String> row = new java.util.LinkedHashMap<>();
        for (int i = 0; i < columns.size(); i++) {
            row.put(columns.get(i), m.group(i + 1));
        }
        return row;
    }

    @Test
    void prodTurnsOnPurgeProtectionAndABadEnvironmentNameIsRefused() throws Exception {
        StackSettings prod = StackSettings.fromStackFile(Path.of("Pulumi.prod.yaml"), "prod");
        assertTrue(prod.purgeProtection());
        assertEquals("standard", prod.searchSku());
        assertFalse(StackSettings.fromStackFile(Path.of("Pulumi.dev.yaml"), "dev").purgeProtection());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> StackSettings.from(k -> k.equals("environment") ? Optional.of("Prod_EU") : Optional.empty(), "x"));
        assertTrue(e.getMessage().startsWith("connectsoft-factory:environment is 'Prod_EU'"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> StackSettings.from(k -> k.equals("runDurationMinutes") ? Optional.of("half an hour") : Optional.empty(), "dev"));
        assertTrue(e.getMessage().contains("give a whole number"), e.getMessage());
    }

    @Test
    void theBuildJobHasNoIdentityAndItsOnlySecretsAreItsQueueRules() {
        Registered job = mocks.one("azure-native:app:Job", "build-job");
        assertNull(job.at("identity"), "the build job has no identity: nothing in it can sign in to anything");
        Map<String, String> secrets = byName(job.at("configuration.secrets"), "value");
        assertEquals(Set.of(BuildJobStack.LISTEN_SECRET, BuildJobStack.SEND_SECRET, BuildJobStack.SCALER_SECRET), secrets.keySet());
        assertRule(secrets.get(BuildJobStack.LISTEN_SECRET), BuildJobStack.LISTEN_RULE, CapabilityRegistry.BUILD_JOBS_QUEUE, List.of("Listen"));
        assertRule(secrets.get(BuildJobStack.SEND_SECRET), BuildJobStack.SEND_RULE, CapabilityRegistry.BUILD_JOBS_DONE_QUEUE, List.of("Send"));
        assertRule(secrets.get(BuildJobStack.SCALER_SECRET), BuildJobStack.SCALER_RULE, CapabilityRegistry.BUILD_JOBS_QUEUE,
                List.of("Manage", "Listen", "Send"));

        List<?> containers = (List<?>) job.at("template.containers");
        assertEquals(1, containers.size());
        Map<?, ?> container = (Map<?, ?>) containers.get(0);
        assertEquals(IMAGE, container.get("image"));
        assertEquals(Map.of("cpu", 2.0, "memory", "4Gi"), container.get("resources"));
        Map<String, String> refs = byName(container.get("env"), "secretRef");
        assertEquals(Map.of(BuildJobMain.LISTEN_CONNECTION, BuildJobStack.LISTEN_SECRET, BuildJobMain.DONE_CONNECTION, BuildJobStack.SEND_SECRET),
                refs, "the container sees the Listen and the Send rule only; the scaler's Manage rule stays with the platform");
        Map<String, String> values = byName(container.get("env"), "value");
        assertEquals(Map.of("FACTORY_BUILD_TIMEOUT_SECONDS", "600"), values, "nothing of the factory's: no store, vault, bus or blob setting");

        List<?> rules = (List<?>) job.at("configuration.eventTriggerConfig.scale.rules");
        assertEquals(1, rules.size());
        Map<?, ?> rule = (Map<?, ?>) rules.get(0);
        assertEquals("azure-servicebus", rule.get("type"));
        assertEquals(Map.of("queueName", CapabilityRegistry.BUILD_JOBS_QUEUE, "namespace", "build-bus", "messageCount", "1"), rule.get("metadata"));
        assertEquals(List.of(Map.of("secretRef", BuildJobStack.SCALER_SECRET, "triggerParameter", "connection")), rule.get("auth"));
        assertEquals("Event", job.text("configuration.triggerType"));
        assertEquals(600 + 300, ((Number) job.at("configuration.replicaTimeout")).intValue(), "the build's time limit and the job's overhead");
        assertEquals(0, ((Number) job.at("configuration.replicaRetryLimit")).intValue());
        assertEquals(1, ((Number) job.at("configuration.eventTriggerConfig.parallelism")).intValue());
        assertEquals(0, ((Number) job.at("configuration.eventTriggerConfig.scale.minExecutions")).intValue());
        assertNull(job.at("configuration.registries"), "the dev stack pulls its image anonymously");
        assertTrue(job.text("environmentId").endsWith("app/ManagedEnvironment/build-env"));

        // no role, at any scope, for anything but the function app's identity (the job has none to give one to)
        for (String type : List.of("azure-native:authorization:RoleAssignment", "azure-native:documentdb:SqlResourceSqlRoleAssignment")) {
            mocks.ofType(type).forEach(a -> assertEquals(APP, a.text("principalId"), a.name()));
        }
        assertTrue(mocks.resources.stream().noneMatch(r -> r.type().startsWith("azure-native:managedidentity:")), "no user-assigned identity");
    }

    /** The connection string is the key of {@code rule}, a rule on {@code queue} alone with exactly {@code rights}. */
    private void assertRule(String connectionString, String rule, String queue, List<String> rights) {
        assertTrue(connectionString.contains(";SharedAccessKeyName=" + rule + ";"), connectionString);
        assertTrue(connectionString.endsWith(";EntityPath=" + queue), connectionString);
        Registered r = mocks.ofType("azure-native:servicebus:QueueAuthorizationRule").stream()
                .filter(x -> rule.equals(x.text("authorizationRuleName"))).findFirst().orElseThrow();
        assertEquals(queue, r.text("queueName"));
        assertEquals(rights, r.at("rights"), rule);
    }

    @Test
    void theBuildQueuesHaveANamespaceOfTheirOwnAndTheAppSelectsTheBuildJob() {
        assertEquals(Boolean.TRUE, mocks.one("azure-native:servicebus:Namespace", "bus").at("disableLocalAuth"), "the factory's bus: Entra ID only");
        Registered buildBus = mocks.one("azure-native:servicebus:Namespace", "build-bus");
        assertEquals(Boolean.FALSE, buildBus.at("disableLocalAuth"), "queue-scoped SAS rules: a job with no identity cannot use Entra ID");
        assertEquals("1.2", buildBus.text("minimumTlsVersion"));
        for (JobQueue q : CapabilityRegistry.queues()) {
            Registered queue = mocks.one("azure-native:servicebus:Queue", q.name());
            assertEquals("build-bus", queue.text("namespaceName"));
            assertEquals(q.maxDeliveries(), ((Number) queue.at("maxDeliveryCount")).intValue());
            assertEquals(q.lockDuration().toString(), queue.text("lockDuration"));
            assertEquals(q.timeToLive().toString(), queue.text("defaultMessageTimeToLive"));
            assertEquals(Boolean.TRUE, queue.at("requiresDuplicateDetection"), "messageId = job id: a request sent twice is built once");
        }
        assertEquals(CapabilityRegistry.queues().size(), mocks.ofType("azure-native:servicebus:Queue").size());
        Map<String, Registered> rules = new java.util.HashMap<>();
        mocks.ofType("azure-native:servicebus:QueueAuthorizationRule").forEach(r -> rules.put(r.text("authorizationRuleName"), r));
        assertEquals(Set.of(BuildJobStack.LISTEN_RULE, BuildJobStack.SEND_RULE, BuildJobStack.SCALER_RULE), rules.keySet());
        assertEquals(List.of("Listen"), rules.get(BuildJobStack.LISTEN_RULE).at("rights"));
        assertEquals(CapabilityRegistry.BUILD_JOBS_QUEUE, rules.get(BuildJobStack.LISTEN_RULE).text("queueName"));
        assertEquals(List.of("Send"), rules.get(BuildJobStack.SEND_RULE).at("rights"));
        assertEquals(CapabilityRegistry.BUILD_JOBS_DONE_QUEUE, rules.get(BuildJobStack.SEND_RULE).text("queueName"));
        assertEquals(List.of("Manage", "Listen", "Send"), rules.get(BuildJobStack.SCALER_RULE).at("rights"));
        assertEquals(CapabilityRegistry.BUILD_JOBS_QUEUE, rules.get(BuildJobStack.SCALER_RULE).text("queueName"));
        assertTrue(mocks.resources.stream().noneMatch(r -> r.type().equals("azure-native:servicebus:NamespaceAuthorizationRule")
                || r.type().equals("azure-native:servicebus:TopicAuthorizationRule")), "no rule wider than one queue");

        Map<String, String> settings = appSettings();
        assertEquals("azure-job", settings.get("FACTORY_BUILD_RUNNER"));
        assertEquals("build-bus.servicebus.windows.net", settings.get("FACTORY_BUILD_JOBS_NAMESPACE"));
        assertEquals(settings.get("FACTORY_BUILD_JOBS_NAMESPACE"), settings.get(CapabilityRegistry.BUILD_JOBS_CONNECTION + "__fullyQualifiedNamespace"));
        assertEquals(BuildJobStack.JOBS_CONTAINER, settings.get("FACTORY_BUILD_JOBS_CONTAINER"));
        assertEquals("600", settings.get("FACTORY_BUILD_TIMEOUT_SECONDS"));
        var read = com.connectsoft.factory.app.FactorySettings.from(settings, Path.of("/tmp"), Path.of("/tmp"));
        assertEquals(new com.connectsoft.factory.build.domain.BuildSettings.BuildJobs("build-bus.servicebus.windows.net",
                BuildJobStack.JOBS_CONTAINER), read.build().jobs().orElseThrow(), "the app reads what the stack sets");
        assertEquals(java.time.Duration.ofSeconds(600), read.build().timeout());

        Registered jobsContainer = mocks.one("azure-native:storage:BlobContainer", BuildJobStack.JOBS_CONTAINER);
        assertTrue(jobsContainer.text("accountName").equals("artifacts"), "beside the artifacts, where the app's identity may sign SAS");
        Registered retention = mocks.one("azure-native:storage:ManagementPolicy", "build-jobs-retention");
        assertTrue(retention.text("policy").contains("prefixMatch=[build-jobs/]"), retention.text("policy"));
        assertEquals("azure-monitor", mocks.one("azure-native:app:ManagedEnvironment", "build-env").text("appLogsConfiguration.destination"));
        assertTrue(mocks.one("azure-native:insights:DiagnosticSetting", "build-env-logs").text("workspaceId").endsWith("Workspace/logs"));
    }

    @Test
    void withoutAnImageTheStackRefusesAndAPrivateRegistrysPasswordIsAPullSecretOnly() throws Exception {
        PulumiTest.cleanup();
        mocks = new RecordingMocks();
        StackSettings dev = devStack();
        StackSettings.BuildJob b = dev.buildJob();
        StackSettings noImage = dev.withBuildJob(new StackSettings.BuildJob("", "", "", b.cpu(), b.memory(), b.timeoutSeconds(), b.maxExecutions()));
        TestResult refused = PulumiTest.withMocks(mocks).withOptions(TestOptions.builder().projectName("connectsoft-factory").stackName("dev")
                .build()).runTest(ctx -> FactoryStack.define(ctx, noImage));
        assertTrue(refused.exceptions().stream().anyMatch(e -> String.valueOf(e.getMessage()).contains("buildJobImage is not set")),
                refused.exceptions().toString());

        PulumiTest.cleanup();
        mocks = new RecordingMocks();
        StackSettings privateImage = dev.withBuildJob(new StackSettings.BuildJob(IMAGE, "factoryacr.azurecr.io", "puller", b.cpu(), b.memory(),
                b.timeoutSeconds(), b.maxExecutions()));
        TestResult ok = PulumiTest.withMocks(mocks).withOptions(TestOptions.builder().projectName("connectsoft-factory").stackName("dev")
                .build()).runTest(ctx -> FactoryStack.define(ctx, privateImage, Optional.of(com.pulumi.core.Output.of(Optional.of("pull-secret")))));
        assertEquals(List.of(), ok.exceptions());
        Registered job = mocks.one("azure-native:app:Job", "build-job");
        assertEquals(List.of(Map.of("server", "factoryacr.azurecr.io", "username", "puller", "passwordSecretRef", BuildJobStack.REGISTRY_SECRET)),
                job.at("configuration.registries"));
        assertEquals("pull-secret", byName(job.at("configuration.secrets"), "value").get(BuildJobStack.REGISTRY_SECRET));
        Map<?, ?> container = (Map<?, ?>) ((List<?>) job.at("template.containers")).get(0);
        assertFalse(byName(container.get("env"), "secretRef").containsValue(BuildJobStack.REGISTRY_SECRET), "the container never sees it");

        for (Map.Entry<String, String> bad : Map.of("buildJobImage", "factory-build-job", "buildJobCpu", "lots", "buildJobMemory", "4GB",
                "buildTimeoutSeconds", "30", "buildJobRegistry", "factoryacr.azurecr.io").entrySet()) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> StackSettings.from(k -> k.equals(bad.getKey()) ? Optional.of(bad.getValue()) : Optional.empty(), "dev"));
            assertTrue(e.getMessage().startsWith("connectsoft-factory:" + bad.getKey()), e.getMessage());
        }
    }

    /** name → field of a list of {name, ...} maps (secrets, environment variables); entries without the field are left out. */
    private static Map<String, String> byName(Object list, String field) {
        Map<String, String> out = new java.util.LinkedHashMap<>();
        for (Object o : (List<?>) list) {
            Map<?, ?> m = (Map<?, ?>) o;
            if (m.get(field) != null) {
                out.put(String.valueOf(m.get("name")), String.valueOf(m.get(field)));
            }
        }
        return out;
    }

    private Map<String, String> appSettings() {
        Object list = mocks.one("azure-native:web:WebApp", "functions").at("siteConfig.appSettings");
        Map<String, String> out = new java.util.LinkedHashMap<>();
        for (Object o : (List<?>) list) {
            Map<?, ?> m = (Map<?, ?>) o;
            out.put(String.valueOf(m.get("name")), String.valueOf(m.get("value")));
        }
        return out;
    }
}
