package com.connectsoft.factory.functions;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.connectsoft.factory.capability.Capability;
import com.connectsoft.factory.capability.CapabilityRegistry;
import com.connectsoft.factory.capability.JobQueue;
import com.connectsoft.factory.platform.json.Json;
import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Reads every function.json that {@code mvn package} generated (azure-functions-maven-plugin) and checks it against
 * the capability registry, so the registry and the bindings cannot drift: each capability has its function with a
 * Service Bus trigger on its topic and subscription through the connection setting; each registry queue a function
 * reads has that function with a Service Bus trigger on the queue (and no other function reads one); every other function is one of
 * the app's HTTP, durable or timer functions; host.json gives every capability its time. Event Grid reaches the app
 * through the anonymous HTTP function EventGridWebhook (each delivery presents its tenant's webhook credential).
 */
class FunctionBindingsIT {
    private static final Path APP = Path.of(System.getProperty("functions.appDir", "target/azure-functions/connectsoft-factory"));
    private static final Map<String, String> OTHER_FUNCTIONS = Map.ofEntries(
            Map.entry("Tenants", "httpTrigger"), Map.entry("Tenant", "httpTrigger"), Map.entry("Projects", "httpTrigger"),
            Map.entry("Blueprints", "httpTrigger"), Map.entry("Runs", "httpTrigger"), Map.entry("Artifacts", "httpTrigger"),
            Map.entry("Usage", "httpTrigger"), Map.entry("Audit", "httpTrigger"), Map.entry("Feedback", "httpTrigger"), Map.entry("Search", "httpTrigger"), Map.entry("Templates", "httpTrigger"), Map.entry("Health", "httpTrigger"), Map.entry("OpenApi", "httpTrigger"),
            Map.entry("TenantWebhooks", "httpTrigger"), Map.entry("EventGridWebhook", "httpTrigger"), Map.entry("UsageRollup", "timerTrigger"), Map.entry("MarketplaceExport", "timerTrigger"),
            Map.entry("OutboxSweep", "timerTrigger"), Map.entry("FactoryRun", "orchestrationTrigger"),
            Map.entry("FactoryModule", "orchestrationTrigger"), Map.entry("DispatchStep", "activityTrigger"),
            Map.entry("RecordStep", "activityTrigger"), Map.entry("FinishRun", "activityTrigger"), Map.entry("CompensateRun", "activityTrigger"));

    /** HTTP functions the host lets anyone call: each checks its caller itself (or answers nothing private). */
    private static final Set<String> ANONYMOUS = Set.of("Health", "OpenApi", "EventGridWebhook", "Templates");

    private static Map<String, JsonNode> functions() throws Exception {
        Map<String, JsonNode> out = new HashMap<>();
        try (Stream<Path> dirs = Files.list(APP)) {
            for (Path d : dirs.filter(p -> Files.isRegularFile(p.resolve("function.json"))).toList()) {
                out.put(d.getFileName().toString(), Json.read(Files.readString(d.resolve("function.json"))));
            }
        }
        return out;
    }

    @Test
    void everyCapabilityHasItsServiceBusTriggeredFunctionAndNothingElseIsBound() throws Exception {
        Map<String, JsonNode> functions = functions();
        Set<String> expected = new HashSet<>(OTHER_FUNCTIONS.keySet());
        for (Capability c : CapabilityRegistry.all()) {
            expected.add(c.functionName());
            JsonNode f = functions.get(c.functionName());
            assertTrue(f != null, "no function.json for capability " + c.name() + " (function " + c.functionName() + ")");
            // the run relay also binds a durable client: it raises results on the waiting orchestration instances
            boolean relay = c.name().equals(CapabilityRegistry.RUN_RELAY);
            assertEquals(relay ? 2 : 1, f.get("bindings").size(), c.functionName() + " bindings");
            if (relay) {
                assertEquals("durableClient", f.get("bindings").get(1).path("type").asText(), f.toString());
            }
            JsonNode b = f.get("bindings").get(0);
            assertEquals("serviceBusTrigger", b.path("type").asText(), c.functionName());
            assertEquals("in", b.path("direction").asText(), c.functionName());
            assertEquals(c.topic(), b.path("topicName").asText(), c.functionName() + " topic");
            assertEquals(c.subscription(), b.path("subscriptionName").asText(), c.functionName() + " subscription");
            assertEquals(CapabilityRegistry.CONNECTION, b.path("connection").asText(), c.functionName() + " connection setting");
            assertTrue(f.path("entryPoint").asText().startsWith("com.connectsoft.factory.functions."), f.toString());
        }
        for (JobQueue q : CapabilityRegistry.queues()) {
            if (q.functionName().isEmpty()) {
                assertTrue(functions.values().stream().flatMap(f -> java.util.stream.StreamSupport.stream(f.path("bindings").spliterator(), false))
                        .noneMatch(b -> q.name().equals(b.path("queueName").asText())), "no function of the app reads " + q.name());
                continue;
            }
            String name = q.functionName().get();
            expected.add(name);
            JsonNode f = functions.get(name);
            assertTrue(f != null, "no function.json for queue " + q.name() + " (function " + name + ")");
            assertEquals(1, f.get("bindings").size(), name + " bindings");
            JsonNode b = f.get("bindings").get(0);
            assertEquals("serviceBusTrigger", b.path("type").asText(), name);
            assertEquals("in", b.path("direction").asText(), name);
            assertEquals(q.name(), b.path("queueName").asText(), name + " queue");
            assertTrue(b.path("topicName").isMissingNode() || b.path("topicName").asText().isEmpty(), name + " reads a queue, not a topic");
            assertEquals(q.connection(), b.path("connection").asText(), name + " connection setting");
        }
        assertEquals(expected, functions.keySet(), "the app has exactly the registry's functions plus its HTTP, durable and timer functions");
        for (Map.Entry<String, String> other : OTHER_FUNCTIONS.entrySet()) {
            JsonNode trigger = functions.get(other.getKey()).get("bindings").get(0);
            assertEquals(other.getValue(), trigger.path("type").asText(), other.getKey());
            if (other.getValue().equals("httpTrigger")) {
                String level = trigger.path("authLevel").asText();
                boolean open = ANONYMOUS.contains(other.getKey());
                assertEquals(open ? "ANONYMOUS" : "FUNCTION", level.toUpperCase(java.util.Locale.ROOT), other.getKey() + " auth level");
                assertTrue(trigger.path("route").asText().startsWith(open && !other.getKey().equals("EventGridWebhook") ? "" : "v1/"), other.getKey());
            }
        }
    }

    @Test
    void eventGridReachesTheAppOnlyThroughTheWebhookEndpointWithBothHandshakeMethods() throws Exception {
        Map<String, JsonNode> functions = functions();
        functions.forEach((name, f) -> f.path("bindings").forEach(b -> assertTrue(!b.path("type").asText().startsWith("eventGrid"),
                name + " is bound to Event Grid directly, with no tenant credential: " + b)));
        JsonNode trigger = functions.get("EventGridWebhook").get("bindings").get(0);
        assertEquals("v1/webhooks/eventgrid", trigger.path("route").asText());
        Set<String> methods = new HashSet<>();
        trigger.path("methods").forEach(m -> methods.add(m.asText().toUpperCase(java.util.Locale.ROOT)));
        assertEquals(Set.of("POST", "OPTIONS"), methods, "events and validation by POST, the CloudEvents handshake by OPTIONS");
    }

    @Test
    void hostJsonHasTheExtensionBundleAndTimeForTheSlowestCapability() throws Exception {
        JsonNode host = Json.read(Files.readString(APP.resolve("host.json")));
        assertEquals("Microsoft.Azure.Functions.ExtensionBundle", host.path("extensionBundle").path("id").asText());
        String[] t = host.path("functionTimeout").asText().split(":");
        Duration timeout = Duration.ofHours(Long.parseLong(t[0])).plusMinutes(Long.parseLong(t[1])).plusSeconds(Long.parseLong(t[2]));
        assertTrue(timeout.compareTo(CapabilityRegistry.longestTimeout()) >= 0,
                "functionTimeout " + timeout + " is shorter than " + CapabilityRegistry.longestTimeout());
        assertEquals("api", host.path("extensions").path("http").path("routePrefix").asText());
        assertTrue(Files.isRegularFile(APP.resolve("templates/functions-microservice/template.yaml")), "the templates travel with the app");
    }
}
