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
            Map.entry("TenantWebhooks", "httpTrigger"), Map.entry("AuthConfig", "httpTrigger"), Map.entry("Keys", "httpTrigger"),
            Map.entry("Plans", "httpTrigger"), Map.entry("Invoices", "httpTrigger"), Map.entry("Installs", "httpTrigger"), Map.entry("Intents", "httpTrigger"), Map.entry("EventGridWebhook", "httpTrigger"), Map.entry("UsageRollup", "timerTrigger"),
            Map.entry("MarketplaceExport", "timerTrigger"),
            Map.entry("OutboxSweep", "timerTrigger"), Map.entry("FactoryRun", "orchestrationTrigger"),
            Map.entry("FactoryModule", "orchestrationTrigger"), Map.entry("DispatchStep", "activityTrigger"),
            Map.entry("RecordStep", "activityTrigger"), Map.entry("FinishRun", "activityTrigger"), Map.entry("CompensateRun", "activityTrigger"));


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
                // FactoryApi is the only enforcer: a host function key would be one secret shared by every tenant and the
                // browser app, which cannot keep it
                assertEquals("ANONYMOUS", trigger.path("authLevel").asText().toUpperCase(java.util.Locale.ROOT), other.getKey() + " auth level");
                String route = trigger.path("route").asText();
                assertTrue(route.startsWith("v1/") || Set.of("health", "openapi.json").contains(route), other.getKey() + ": " + route);
            }
        }
    }

    /** A route template of the host as a pattern: {@code {name}} one segment, {@code {*rest}} the rest (or nothing). */
    static java.util.regex.Pattern routePattern(String route) {
        StringBuilder p = new StringBuilder("api");
        for (String segment : route.split("/")) {
            if (segment.startsWith("{*")) {
                p.append("(/.*)?");
            } else if (segment.startsWith("{")) {
                p.append("/[^/]+");
            } else {
                p.append('/').append(java.util.regex.Pattern.quote(segment));
            }
        }
        return java.util.regex.Pattern.compile(p.toString());
    }

    @Test
    void everyRouteOfTheApiIsReachableThroughAnHttpFunctionWithItsMethod() throws Exception {
        JsonNode doc;
        try (java.io.InputStream in = FunctionBindingsIT.class.getResourceAsStream("/api/openapi.json")) {
            doc = Json.read(new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8));
        }
        Map<String, JsonNode> http = new HashMap<>();
        functions().forEach((name, f) -> f.path("bindings").forEach(b -> {
            if (b.path("type").asText().equals("httpTrigger")) {
                http.put(name, b);
            }
        }));
        Set<String> unreachable = new java.util.TreeSet<>();
        int routes = 0;
        for (Map.Entry<String, JsonNode> path : (Iterable<Map.Entry<String, JsonNode>>) doc.get("paths")::fields) {
            String concrete = path.getKey().substring(1).replaceAll("\\{[^}]+}", "x1");
            for (java.util.Iterator<String> names = path.getValue().fieldNames(); names.hasNext(); ) {
                String method = names.next();
                if (!Set.of("get", "post", "put", "patch", "delete", "options").contains(method)) {
                    continue;
                }
                routes++;
                boolean reached = http.values().stream().anyMatch(b -> routePattern(b.path("route").asText()).matcher(concrete).matches()
                        && java.util.stream.StreamSupport.stream(b.path("methods").spliterator(), false)
                                .anyMatch(m -> m.asText().equalsIgnoreCase(method)));
                if (!reached) {
                    unreachable.add(method.toUpperCase(java.util.Locale.ROOT) + " /" + concrete);
                }
            }
        }
        assertTrue(routes > 30, "the document lists the API's routes: " + routes);
        assertEquals(Set.of(), unreachable, "routes of the API no HTTP function of the app reaches");
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
