package com.connectsoft.factory.functions;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import com.azure.messaging.servicebus.ServiceBusMessage;
import com.connectsoft.factory.app.Factory;
import com.connectsoft.factory.capability.Capability;
import com.connectsoft.factory.capability.CapabilityRegistry;
import com.connectsoft.factory.functions.http.ApiFunctions;
import com.connectsoft.factory.platform.bus.RetryPolicy;
import com.connectsoft.factory.platform.bus.Subscription;
import com.connectsoft.factory.platform.bus.servicebus.ServiceBusMessages;
import com.connectsoft.factory.platform.json.Json;
import com.connectsoft.factory.run.domain.FactoryRun;
import com.connectsoft.factory.shared.domain.Envelope;
import com.connectsoft.factory.shared.domain.TenantId;
import com.connectsoft.factory.usage.domain.UsageRollupRecord;
import com.fasterxml.jackson.databind.JsonNode;
import com.microsoft.azure.functions.ExecutionContext;
import com.microsoft.azure.functions.HttpResponseMessage;
import com.microsoft.azure.functions.annotation.FunctionName;
import java.lang.reflect.Method;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.logging.Logger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import com.connectsoft.factory.orchestration.Contracts.RunPlan;
import com.connectsoft.factory.orchestration.local.LocalDurableBackend;
import com.microsoft.durabletask.DurableTaskClient;
import com.microsoft.durabletask.NewOrchestrationInstanceOptions;
import com.microsoft.durabletask.OrchestrationMetadata;
import com.microsoft.durabletask.azurefunctions.DurableClientContext;
import java.util.Optional;
import org.mockito.Mockito;
import org.springframework.boot.SpringApplication;
import org.springframework.cloud.function.context.FunctionCatalog;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The function app as the Functions host would drive it: the Spring context the worker starts, the function
 * classes it takes from it, and a whole run carried from function to function through Service Bus messages.
 */
class FunctionAppTest {
    private static final Path ROOT = Path.of(System.getProperty("factory.repoRoot", "..")).toAbsolutePath().normalize();
    private static ConfigurableApplicationContext context;
    private static final List<LocalDurableBackend> backends = new java.util.concurrent.CopyOnWriteArrayList<>();
    private static Path dir;
    private static TestIssuer issuer;

    @BeforeAll
    static void start() throws Exception {
        dir = Files.createTempDirectory("factory-functions-test");
        issuer = new TestIssuer();
        System.setProperty("FACTORY_DATA_DIR", dir.resolve("data").toString());
        System.setProperty("FACTORY_HOME", ROOT.toString());
        // what the stack provisions as app settings, pointed at a local stand-in for Entra ID
        System.setProperty("FACTORY_ENTRA_AUDIENCE", TestIssuer.AUDIENCE);
        System.setProperty("FACTORY_ENTRA_ISSUER", issuer.issuer("{tenantid}"));
        System.setProperty("FACTORY_ENTRA_JWKS_URL", issuer.jwksUrl());
        context = SpringApplication.run(FactoryFunctionsApplication.class);
    }

    @AfterAll
    static void stop() {
        backends.forEach(LocalDurableBackend::close);
        context.close();
        issuer.close();
        for (String p : List.of("FACTORY_DATA_DIR", "FACTORY_HOME", "FACTORY_ENTRA_AUDIENCE", "FACTORY_ENTRA_ISSUER", "FACTORY_ENTRA_JWKS_URL")) {
            System.clearProperty(p);
        }
    }

    private static ExecutionContext log() {
        ExecutionContext c = mock(ExecutionContext.class);
        when(c.getLogger()).thenReturn(Logger.getLogger("functions-test"));
        return c;
    }

    /** The bean and method the host would call for a function name. */
    private static Map.Entry<Object, Method> function(String name) {
        for (Object bean : context.getBeansWithAnnotation(org.springframework.stereotype.Component.class).values()) {
            for (Method m : org.springframework.aop.support.AopUtils.getTargetClass(bean).getMethods()) {
                FunctionName fn = m.getAnnotation(FunctionName.class);
                if (fn != null && fn.value().equals(name)) {
                    return Map.entry(bean, m);
                }
            }
        }
        throw new AssertionError("no function " + name);
    }

    @Test
    void everyCapabilityIsASpringCloudFunctionBeanWithItsFunction() {
        FunctionCatalog catalog = context.getBean(FunctionCatalog.class);
        for (Capability c : CapabilityRegistry.all()) {
            assertNotNull(catalog.lookup(c.name()), c.name() + " is in the function catalog");
            assertNotNull(context.getBean(c.name(), Function.class));
            assertNotNull(function(c.functionName()).getValue());
        }
    }

    @Test
    @Tag("maven-build")
    void aWholeRunGoesFromFunctionToFunctionThroughServiceBusMessages() throws Exception {
        Factory app = context.getBean(Factory.class);
        DurableClientContext durable = localDurableFunctions(app);
        AtomicInteger deliveries = new AtomicInteger();
        // the Functions host: each capability's subscription delivers Service Bus messages to its function
        for (Capability c : CapabilityRegistry.all()) {
            Map.Entry<Object, Method> fn = function(c.functionName());
            app.bus().subscribe(new Subscription(c.subscription(), c.inputEventTypes(), new RetryPolicy(3, Duration.ofMillis(100),
                    Duration.ofSeconds(1))), event -> {
                ServiceBusMessage m = ServiceBusMessages.toMessage(event);
                deliveries.incrementAndGet();
                try {
                    if (fn.getValue().getParameterCount() == 7) { // the run relay also takes its durable client
                        fn.getValue().invoke(fn.getKey(), m.getBody().toString(), m.getMessageId(), m.getSubject(),
                                Json.write(m.getApplicationProperties()), 1, durable, log());
                    } else {
                        fn.getValue().invoke(fn.getKey(), m.getBody().toString(), m.getMessageId(), m.getSubject(),
                                Json.write(m.getApplicationProperties()), 1, log());
                    }
                } catch (java.lang.reflect.InvocationTargetException e) {
                    throw (Exception) e.getCause();
                }
            });
        }
        TenantId tenant = TenantId.of("acme");
        app.tenancy().administration().register(tenant, "Acme", "developer");
        String key = app.tenancy().administration().issueKey(tenant);
        ApiFunctions api = context.getBean(ApiFunctions.class);

        HttpResponseMessage upload = api.blueprints(FakeHttpRequest.of("POST", "/api/v1/blueprints?file=invoicing.blueprint.yaml",
                Files.readAllBytes(ROOT.resolve("examples/invoicing.blueprint.yaml")), "X-Api-Key", key));
        assertEquals(201, upload.getStatus().value(), new String((byte[]) upload.getBody(), StandardCharsets.UTF_8));
        String blueprintId = Json.read(new String((byte[]) upload.getBody(), StandardCharsets.UTF_8)).path("blueprintId").asText();
        HttpResponseMessage started = api.runs(FakeHttpRequest.of("POST", "/api/v1/runs",
                ("{\"blueprintId\":\"" + blueprintId + "\"}").getBytes(StandardCharsets.UTF_8), "X-Api-Key", key), durable());
        assertEquals(202, started.getStatus().value());
        String runId = Json.read(new String((byte[]) started.getBody(), StandardCharsets.UTF_8)).path("runId").asText();

        JsonNode run = null;
        long deadline = System.nanoTime() + Duration.ofMinutes(4).toNanos();
        while (System.nanoTime() < deadline) {
            HttpResponseMessage r = api.runs(FakeHttpRequest.of("GET", "/api/v1/runs/" + runId, null, "X-Api-Key", key), durable());
            run = Json.read(new String((byte[]) r.getBody(), StandardCharsets.UTF_8));
            if (!com.connectsoft.factory.run.vocabulary.RunStatus.RUNNING.key().equals(run.path("status").asText())) {
                break;
            }
            Thread.sleep(200);
        }
        assertEquals(com.connectsoft.factory.run.vocabulary.RunStatus.COMPLETED.key(), run.path("status").asText(), run.toString());
        assertFalse(run.path("commitId").asText().isBlank());
        // 2 modules: render, 4 checks, build each; 1 publish; relay and usage for the results
        assertTrue(deliveries.get() >= 2 * 6 + 1, "deliveries " + deliveries.get());
        assertTrue(app.drain(Duration.ofSeconds(30)));
        assertFalse(app.usage().ledger().byRun(tenant, runId).isEmpty(), "the usage meter function recorded the run's usage");
    }

    /**
     * Durable Functions for the test: the durable client the functions bind is backed by the factory's local durable
     * backend, which runs the same orchestrations with the same activities (no Functions host can run here).
     */
    static DurableClientContext localDurableFunctions(Factory app) {
        // the function app has no local backend of its own (its runs are Durable Functions): the test makes one
        LocalDurableBackend local = com.connectsoft.factory.orchestration.FactoryOrchestrations.localBackend(
                new com.connectsoft.factory.run.adapter.DocumentInstances(app.platform().store(), () -> app.tenancy().administration().all()),
                app.runs().activities(), java.time.Clock.systemUTC(), 2);
        backends.add(local);
        local.start();
        DurableTaskClient client = Mockito.mock(DurableTaskClient.class);
        Mockito.when(client.scheduleNewOrchestrationInstance(Mockito.anyString(), Mockito.any(NewOrchestrationInstanceOptions.class)))
                .thenAnswer(a -> {
                    NewOrchestrationInstanceOptions o = a.getArgument(1);
                    RunPlan plan = (RunPlan) o.getInput();
                    local.schedule(plan.tenantId(), a.getArgument(0), o.getInstanceId(), plan);
                    return o.getInstanceId();
                });
        Mockito.when(client.getInstanceMetadata(Mockito.anyString(), Mockito.anyBoolean())).thenAnswer(a -> {
            String id = a.getArgument(0);
            Optional<LocalDurableBackend.InstanceView> v = app.tenancy().administration().all().stream()
                    .flatMap(t -> local.describe(t.value(), id).stream()).findFirst();
            OrchestrationMetadata m = Mockito.mock(OrchestrationMetadata.class);
            Mockito.when(m.isInstanceFound()).thenReturn(v.isPresent());
            Mockito.when(m.isCompleted()).thenReturn(v.map(LocalDurableBackend.InstanceView::finished).orElse(false));
            // the instance's plan names its tenant (the adapter raises only on the caller's own instances)
            Mockito.when(m.getSerializedInput()).thenReturn(v.map(i -> "{\"tenantId\":\"" + i.partition() + "\"}").orElse(null));
            return m;
        });
        Mockito.doAnswer(a -> {
            String id = a.getArgument(0);
            app.tenancy().administration().all().forEach(t -> local.raise(t.value(), id, a.getArgument(1), a.getArgument(2), null));
            return null;
        }).when(client).raiseEvent(Mockito.anyString(), Mockito.anyString(), Mockito.any());
        DurableClientContext context = Mockito.mock(DurableClientContext.class);
        Mockito.when(context.getClient()).thenReturn(client);
        CLIENT = context;
        return context;
    }

    private static DurableClientContext CLIENT;

    /** The durable client binding of the HTTP functions (any, for calls that start or answer no run). */
    private static DurableClientContext durable() {
        return CLIENT != null ? CLIENT : Mockito.mock(DurableClientContext.class);
    }

    @Test
    void theApiRefusesAForgedPlatformPrincipalAndSignsInWithAValidatedEntraToken() throws Exception {
        Factory app = context.getBean(Factory.class);
        ApiFunctions api = context.getBean(ApiFunctions.class);
        assertEquals(401, api.runs(FakeHttpRequest.of("GET", "/api/v1/runs", null), durable()).getStatus().value());
        assertEquals(200, api.health(FakeHttpRequest.of("GET", "/api/health", null)).getStatus().value());

        String tid = "72f988bf-86f1-41af-91ab-2d7cd011db47";
        TenantId contoso = TenantId.of("contoso");
        app.tenancy().administration().register(contoso, "Contoso", "developer");
        app.tenancy().administration().register(TenantId.of(tid), "Look-alike", "developer");
        String contosoKey = app.tenancy().administration().issueKey(contoso);
        String principal = Base64.getEncoder().encodeToString(("{\"auth_typ\":\"aad\",\"claims\":[{\"typ\":"
                + "\"http://schemas.microsoft.com/identity/claims/tenantid\",\"val\":\"" + tid + "\"}]}").getBytes(StandardCharsets.UTF_8));
        assertEquals(401, api.tenant(FakeHttpRequest.of("GET", "/api/v1/tenant", null, "X-MS-CLIENT-PRINCIPAL", principal)).getStatus().value(),
                "a forged principal is refused, even naming a registered tenant");
        assertEquals(401, api.tenant(FakeHttpRequest.of("GET", "/api/v1/tenant", null, "X-MS-CLIENT-PRINCIPAL", principal,
                "X-Api-Key", contosoKey)).getStatus().value(), "a forged principal next to a valid key is refused");

        String token = issuer.token(tid);
        assertEquals(403, api.tenant(FakeHttpRequest.of("GET", "/api/v1/tenant", null, "Authorization", "Bearer " + token)).getStatus().value(),
                "a valid token of a directory nobody linked");
        app.tenancy().directories().link(tid, contoso);
        HttpResponseMessage ok = api.tenant(FakeHttpRequest.of("GET", "/api/v1/tenant", null, "Authorization", "Bearer " + token));
        assertEquals(200, ok.getStatus().value(), new String((byte[]) ok.getBody(), StandardCharsets.UTF_8));
        assertEquals("contoso", Json.read(new String((byte[]) ok.getBody(), StandardCharsets.UTF_8)).path("tenantId").asText());
        assertEquals(403, api.runs(FakeHttpRequest.of("GET", "/api/v1/runs", null, "Authorization", "Bearer " + token,
                "X-Tenant-Id", "acme"), durable()).getStatus().value(), "X-Tenant-Id must agree with the token");
        assertEquals(401, api.tenant(FakeHttpRequest.of("GET", "/api/v1/tenant", null, "Authorization", "Bearer "
                + issuer.tokenFor(tid, "api://another-app"))).getStatus().value(), "a token for another audience");
    }

    @Test
    void theEventGridWebhookTakesTheCredentialsTenantInBothSchemasOncePerEvent() {
        Factory app = context.getBean(Factory.class);
        app.tenancy().administration().register(TenantId.of("globex"), "Globex", "developer");
        ApiFunctions api = context.getBean(ApiFunctions.class);
        String key = app.tenancy().administration().issueKey(TenantId.of("globex"));
        HttpResponseMessage created = api.tenantWebhooks(FakeHttpRequest.of("POST", "/api/v1/tenant/webhooks", "{}".getBytes(StandardCharsets.UTF_8),
                "X-Api-Key", key));
        assertEquals(201, created.getStatus().value());
        JsonNode header = Json.read(new String((byte[]) created.getBody(), StandardCharsets.UTF_8)).path("deliveryHeader");
        String credential = header.path("value").asText();

        String egrid = "[{\"id\":\"e-1\",\"eventType\":\"Microsoft.Resources.ResourceWriteSuccess\",\"subject\":\"/x\",\"eventTime\":"
                + "\"2026-11-21T09:00:00Z\",\"topic\":\"/subscriptions/s\",\"data\":{\"tenantId\":\"acme\"},\"dataVersion\":\"1\"}]";
        JsonNode first = webhook(api, egrid, "application/json", header.path("name").asText(), credential, 200);
        assertEquals(1, first.path("accepted").asInt());
        assertEquals(1, webhook(api, egrid, "application/json", header.path("name").asText(), credential, 200).path("duplicates").asInt(),
                "the same event id is the same factory event");
        String cloud = "{\"specversion\":\"1.0\",\"id\":\"c-1\",\"type\":\"com.github.push\",\"source\":\"/repos/x\","
                + "\"time\":\"2026-11-21T09:00:00Z\",\"data\":{\"tenantId\":\"acme\"}}";
        assertEquals(1, webhook(api, cloud, "application/cloudevents+json", header.path("name").asText(), credential, 200).path("accepted").asInt());
        webhook(api, egrid, "application/json", header.path("name").asText(), "fwh.acme." + "0".repeat(48), 401);
        HttpResponseMessage handshake = api.eventGridWebhook(FakeHttpRequest.of("OPTIONS", "/api/v1/webhooks/eventgrid", null,
                header.path("name").asText(), credential, "WebHook-Request-Origin", "eventgrid.azure.net"));
        assertEquals(200, handshake.getStatus().value());
        assertEquals("eventgrid.azure.net", handshake.getHeader("WebHook-Allowed-Origin"));
        assertTrue(app.drain(Duration.ofSeconds(30)));
        assertTrue(app.platform().store().query(TenantId.of("acme"), "webhook-events", com.connectsoft.factory.platform.store.Filter.all(),
                com.connectsoft.factory.platform.store.PageRequest.first(10)).items().isEmpty(), "the payload's tenantId named nobody");
    }

    private static JsonNode webhook(ApiFunctions api, String body, String contentType, String header, String credential, int status) {
        HttpResponseMessage r = api.eventGridWebhook(FakeHttpRequest.of("POST", "/api/v1/webhooks/eventgrid",
                body.getBytes(StandardCharsets.UTF_8), header, credential, "Content-Type", contentType));
        String text = new String((byte[]) r.getBody(), StandardCharsets.UTF_8);
        assertEquals(status, r.getStatus().value(), text);
        return Json.read(text);
    }

    @Test
    void theUsageRollupTimerSumsTheLastHourPerTenant() {
        Factory app = context.getBean(Factory.class);
        TenantId t = TenantId.of("initech");
        app.tenancy().administration().register(t, "Initech", "developer");
        java.time.Instant hour = app.usage().rollup().previousHour();
        app.usage().ledger().record(t, new com.connectsoft.factory.usage.domain.UsageRecord(t.value(), "use-1", "run-1", "proj-1", "renders", 2,
                "module", hour.plusSeconds(60)));
        app.usage().ledger().record(t, new com.connectsoft.factory.usage.domain.UsageRecord(t.value(), "use-2", "run-1", "proj-1", "renders", 3,
                "module", hour.plusSeconds(120)));
        app.usage().ledger().record(t, new com.connectsoft.factory.usage.domain.UsageRecord(t.value(), "use-3", "run-1", "proj-1", "renders", 7,
                "module", hour.minusSeconds(1)));
        List<UsageRollupRecord> rolled = context.getBean(IntegrationFunctions.class).usageRollup("{}", log());
        UsageRollupRecord mine = rolled.stream().filter(r -> r.tenantId().equals(t.value())).findFirst().orElseThrow();
        assertEquals(Map.of("renders", 5L), mine.totals());
        assertEquals(mine.totals(), app.usage().ledger().rollup(t, hour).orElseThrow().totals());
    }

    @Test
    void theMarketplaceExportTimerSkipsATenantWithoutASubscriptionAndSaysSo() {
        Factory app = context.getBean(Factory.class);
        TenantId t = TenantId.of("umbrella");
        app.tenancy().administration().register(t, "Umbrella", "team");
        var outcome = context.getBean(MarketplaceExportFunction.class).export("{}", log());
        var done = org.junit.jupiter.api.Assertions.assertInstanceOf(com.connectsoft.factory.billing.application.ExportUsage.Outcome.Done.class, outcome);
        var mine = done.tenants().stream().filter(x -> x.tenantId().equals("umbrella")).findFirst().orElseThrow();
        assertTrue(org.junit.jupiter.api.Assertions.assertInstanceOf(com.connectsoft.factory.billing.application.ExportUsage.TenantOutcome.Skipped.class, mine)
                .reason().contains("no Azure Marketplace subscription"));
        assertEquals(List.of(), app.marketplace().exports().list(t));
    }
}
