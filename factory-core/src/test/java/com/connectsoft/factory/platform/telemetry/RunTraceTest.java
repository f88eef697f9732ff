package com.connectsoft.factory.platform.telemetry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.connectsoft.factory.api.FactoryApi;
import com.connectsoft.factory.app.Factory;
import com.connectsoft.factory.capability.CapabilityRegistry;
import com.connectsoft.factory.platform.json.Json;
import com.connectsoft.factory.run.TestFactory;
import com.connectsoft.factory.run.domain.FactoryRun;
import com.connectsoft.factory.run.vocabulary.BuildStatus;
import com.connectsoft.factory.run.vocabulary.RunStatus;
import com.connectsoft.factory.shared.domain.TenantId;
import com.fasterxml.jackson.databind.JsonNode;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.data.SpanData;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * One run started over HTTP, on the embedded bus and the local durable backend with recorded builds: its spans form one
 * tree in the run's trace, from the request to the commit, and carry ids and counts only.
 */
class RunTraceTest {
    private static final String ADMIN = "admin-trace-key";
    /** Field names, descriptions, the product's name and the file's name: blueprint text no span may repeat. */
    private static final List<String> PRIVATE = List.of("zebraStripeCount", "okapiSecretNote", "Quokka appreciation ledger",
            "Keeps the confidential tally of quokka smiles", "Quokka Ledger", "quokka.blueprint.yaml");
    private static final String BLUEPRINT = """
            blueprint: 1
            product:
              name: Quokka Ledger
              description: Keeps the confidential tally of quokka smiles
              package: com.contoso.quokka
            modules:
              - name: tallies
                entities:
                  - name: Tally
                    description: Quokka appreciation ledger
                    fields:
                      - { name: zebraStripeCount, type: integer, required: true, min: 0 }
                      - { name: okapiSecretNote, type: string, maxLength: 200 }
            """;

    @TempDir
    Path dir;

    private record Reply(int status, JsonNode json) {
    }

    private static Reply call(FactoryApi api, String method, String path, Map<String, String> query, String body, String... headers) {
        Map<String, String> h = new HashMap<>();
        for (int i = 0; i < headers.length; i += 2) {
            h.put(headers[i], headers[i + 1]);
        }
        FactoryApi.Response r = api.handle(new FactoryApi.Request(method, path, h, query, body.getBytes(StandardCharsets.UTF_8), "10.0.0.1"));
        String raw = new String(r.body(), StandardCharsets.UTF_8);
        return new Reply(r.status(), raw.isEmpty() ? Json.object() : Json.read(raw));
    }

    @Test
    void oneRunIsOneTreeFromTheHttpRequestToTheCommit() throws Exception {
        InMemorySpanExporter spans = InMemorySpanExporter.create();
        Tracing tracing = Tracing.exportingTo(spans, "memory");
        try (Factory app = Factory.with(TestFactory.settings(dir.resolve("data"))).builds(new TestFactory.RecordingBuilds(BuildStatus.PASSED))
                .tracing(tracing).clock(Clock.systemUTC()).open().dispatchLocally()) {
            FactoryApi api = new FactoryApi(app, Optional.of(ADMIN));
            Reply tenant = call(api, "POST", "/api/v1/tenants", Map.of(), "{\"tenantId\":\"acme\"}", "X-Admin-Key", ADMIN);
            assertEquals(201, tenant.status(), tenant.json().toString());
            String key = tenant.json().get("apiKey").asText();
            Reply upload = call(api, "POST", "/api/v1/blueprints", Map.of("file", "quokka.blueprint.yaml"), BLUEPRINT, "X-Api-Key", key);
            assertEquals(201, upload.status(), upload.json().toString());
            Reply started = call(api, "POST", "/api/v1/runs", Map.of(), "{\"blueprintId\":\"" + upload.json().get("blueprintId").asText()
                    + "\"}", "X-Api-Key", key);
            assertEquals(202, started.status(), started.json().toString());
            String runId = started.json().get("runId").asText();
            String traceId = started.json().get("traceId").asText();
            assertTrue(traceId.matches("[0-9a-f]{32}"), "the run's traceId is a W3C trace id: " + traceId);

            FactoryRun run = app.runs().start().awaitSettled(TenantId.of("acme"), runId);
            assertEquals(RunStatus.COMPLETED, run.status(), String.valueOf(run.failure()));
            assertTrue(app.drain(Duration.ofSeconds(30)), "the bus settles");

            List<SpanData> trace = spans.getFinishedSpanItems().stream().filter(s -> s.getTraceId().equals(traceId)).toList();
            Map<String, SpanData> byId = trace.stream().collect(Collectors.toMap(SpanData::getSpanId, s -> s));
            List<SpanData> roots = trace.stream().filter(s -> !s.getParentSpanContext().isValid()).toList();
            assertEquals(1, roots.size(), "one root: " + roots.stream().map(SpanData::getName).toList());
            SpanData root = roots.get(0);
            assertEquals("POST /api/v1/runs", root.getName());
            assertEquals(SpanKind.SERVER, root.getKind());
            assertEquals("acme", root.getAttributes().get(Tracing.Attr.TENANT));
            List<String> orphans = trace.stream().filter(s -> s.getParentSpanContext().isValid() && !byId.containsKey(s.getParentSpanId()))
                    .map(SpanData::getName).toList();
            assertEquals(List.of(), orphans, "every span's parent is in the trace");

            SpanData commit = only(trace, "git commit");
            assertEquals(List.of("git commit", "capability git-publish", "process PublishProject", "publish PublishProject",
                    "activity DispatchStep", "run", "POST /api/v1/runs"), ancestry(commit, byId));
            SpanData build = only(trace, "build");
            assertEquals(List.of("build", "capability build-validate", "process ValidateModule", "publish ValidateModule",
                    "activity DispatchStep", "run", "POST /api/v1/runs"), ancestry(build, byId));
            assertEquals("passed", build.getAttributes().get(Tracing.Attr.STATUS));
            SpanData runSpan = only(trace, "run");
            assertEquals(runId, runSpan.getAttributes().get(Tracing.Attr.RUN));

            List<String> capabilities = trace.stream().filter(s -> s.getName().startsWith("capability "))
                    .sorted(Comparator.comparingLong(SpanData::getStartEpochNanos)).map(SpanData::getName).distinct().toList();
            assertTrue(capabilities.indexOf("capability template-render") < capabilities.indexOf("capability build-validate")
                    && capabilities.indexOf("capability build-validate") < capabilities.indexOf("capability git-publish")
                    && capabilities.indexOf("capability template-render") >= 0, "render, then build, then commit: " + capabilities);
            for (String check : List.of(CapabilityRegistry.GOVERNANCE_TENANT_ISOLATION, CapabilityRegistry.GOVERNANCE_SECRETS,
                    CapabilityRegistry.GOVERNANCE_DEPENDENCY_ALLOWLIST, CapabilityRegistry.GOVERNANCE_SENSITIVE_DATA)) {
                assertTrue(capabilities.contains("capability " + check), "each governance check is a span: " + capabilities);
            }
            assertTrue(trace.stream().anyMatch(s -> s.getName().equals("activity FinishRun")), "the run's end is a span");

            for (SpanData s : spans.getFinishedSpanItems()) {
                s.getAttributes().forEach((k, v) -> {
                    for (String secret : PRIVATE) {
                        assertFalse(String.valueOf(v).toLowerCase().contains(secret.toLowerCase()),
                                s.getName() + " " + k.getKey() + " repeats blueprint text: " + v);
                    }
                });
                for (String secret : PRIVATE) {
                    assertFalse(s.getName().toLowerCase().contains(secret.toLowerCase()), "span name " + s.getName());
                }
            }
        }
    }

    private static SpanData only(List<SpanData> trace, String name) {
        List<SpanData> found = trace.stream().filter(s -> s.getName().equals(name)).toList();
        assertEquals(1, found.size(), "spans named " + name + ": " + trace.stream().map(SpanData::getName).sorted().toList());
        return found.get(0);
    }

    private static List<String> ancestry(SpanData span, Map<String, SpanData> byId) {
        List<String> names = new ArrayList<>();
        Set<String> seen = new java.util.HashSet<>();
        for (SpanData s = span; s != null && seen.add(s.getSpanId()); s = s.getParentSpanContext().isValid() ? byId.get(s.getParentSpanId()) : null) {
            names.add(s.getName());
        }
        return names;
    }
}
