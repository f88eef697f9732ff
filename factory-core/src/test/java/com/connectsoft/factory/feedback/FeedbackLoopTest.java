package com.connectsoft.factory.feedback;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.connectsoft.factory.api.FactoryApi;
import com.connectsoft.factory.api.WebhookHttp;
import com.connectsoft.factory.app.Factory;
import com.connectsoft.factory.artifact.domain.Artifact;
import com.connectsoft.factory.feedback.application.RecordFeedback;
import com.connectsoft.factory.feedback.domain.FeedbackItem;
import com.connectsoft.factory.platform.json.Json;
import com.connectsoft.factory.run.TestFactory;
import com.connectsoft.factory.run.application.RunProgress;
import com.connectsoft.factory.run.application.StartRun;
import com.connectsoft.factory.run.domain.FactoryRun;
import com.connectsoft.factory.run.domain.ModuleResult;
import com.connectsoft.factory.run.vocabulary.BuildStatus;
import com.connectsoft.factory.run.vocabulary.RunStatus;
import com.connectsoft.factory.shared.domain.TenantId;
import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The feedback loop end to end on the local host: a simulated Event Grid delivery of a failed pipeline build of a
 * generated module becomes a feedback item on its run, counts in its template version's figures (the catalog listing
 * the storefront reads), extends the module's lineage under the run's traceId, and can start a follow-up run, once.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@org.junit.jupiter.api.TestMethodOrder(org.junit.jupiter.api.MethodOrderer.OrderAnnotation.class)
class FeedbackLoopTest {
    private static final TenantId ACME = TenantId.of("acme");
    private static final TenantId GLOBEX = TenantId.of("globex");
    private static final Duration DEADLINE = Duration.ofSeconds(60);
    private Factory app;
    private FactoryApi api;
    private FactoryRun run;
    private ModuleResult module;
    private String acmeKey;
    private String acmeHook;
    private String globexHook;

    @BeforeAll
    void completeARun() throws Exception {
        Path dir = Files.createTempDirectory("feedback");
        app = TestFactory.withRecordedBuilds(dir.resolve("data"), new TestFactory.RecordingBuilds(BuildStatus.PASSED));
        acmeKey = app.tenancy().administration().onboard(ACME, "Acme", "developer", Duration.ofDays(1)).key().key();
        app.tenancy().administration().register(GLOBEX, "Globex", "developer");
        acmeHook = app.integration().credentials().create(ACME, "pipelines").credential();
        globexHook = app.integration().credentials().create(GLOBEX, "pipelines").credential();
        run = assertInstanceOf(StartRun.Result.Finished.class, app.runs().start().run(new StartRun.Request(ACME, "invoicing.blueprint.yaml",
                TestFactory.example("invoicing.blueprint.yaml"), Optional.empty(), StartRun.DEFAULT_TEMPLATE), RunProgress.SILENT)).run();
        assertEquals(RunStatus.COMPLETED, run.status(), run::failure);
        module = run.modules().get(0);
        api = new FactoryApi(app, Optional.empty());
    }

    @AfterAll
    void close() {
        app.close();
    }

    private JsonNode call(String method, String path, int status, String body, String... headers) {
        Map<String, String> h = new HashMap<>();
        for (int i = 0; i + 1 < headers.length; i += 2) {
            h.put(headers[i], headers[i + 1]);
        }
        Map<String, String> query = new HashMap<>();
        int q = path.indexOf('?');
        if (q >= 0) {
            String[] kv = path.substring(q + 1).split("=", 2);
            query.put(kv[0], kv[1]);
            path = path.substring(0, q);
        }
        FactoryApi.Response r = api.handle(new FactoryApi.Request(method, path, h, query,
                body == null ? new byte[0] : body.getBytes(StandardCharsets.UTF_8)));
        String text = new String(r.body(), StandardCharsets.UTF_8);
        assertEquals(status, r.status(), method + " " + path + ": " + text);
        return text.isEmpty() ? Json.object() : Json.read(text);
    }

    private static String failedBuild(String eventId, String runId, String moduleName) {
        return "[{\"id\":\"" + eventId + "\",\"topic\":\"/pipelines/acme\",\"subject\":\"builds/" + eventId + "\","
                + "\"eventType\":\"ConnectSoft.Factory.ModuleBuildCompleted\",\"eventTime\":\"2026-12-01T09:00:00Z\",\"dataVersion\":\"1\","
                + "\"data\":{\"runId\":\"" + runId + "\",\"module\":\"" + moduleName + "\",\"result\":\"failed\",\"pipeline\":\"ci\",\"buildId\":\"42\"}}]";
    }

    private JsonNode deliver(String credential, String body) {
        return call("POST", WebhookHttp.ENDPOINT, 200, body, "Content-Type", "application/json", WebhookHttp.HEADER, credential);
    }

    private static <T> T await(Supplier<T> read, java.util.function.Predicate<T> done, String what) throws InterruptedException {
        Instant until = Instant.now().plus(DEADLINE);
        T value = read.get();
        while (!done.test(value) && Instant.now().isBefore(until)) {
            Thread.sleep(20);
            value = read.get();
        }
        assertTrue(done.test(value), what + " did not happen within " + DEADLINE + ": " + value);
        return value;
    }

    private JsonNode listingEntry() {
        JsonNode templates = call("GET", "/api/v1/templates", 200, null);
        for (JsonNode e : templates.get("items")) {
            if ((e.get("id").asText() + "@" + e.get("version").asText()).equals(module.templateRef())) {
                return e;
            }
        }
        throw new AssertionError("the catalog lists no " + module.templateRef());
    }

    @Test
    @org.junit.jupiter.api.Order(1)
    void aFailedBuildDeliveredByEventGridIsAFeedbackItemOnItsRunInItsTemplateFiguresAndInTheListing() throws Exception {
        assertEquals(1, deliver(acmeHook, failedBuild("build-42", run.runId(), module.name())).get("accepted").asInt());

        JsonNode items = await(() -> call("GET", "/api/v1/runs/" + run.runId() + "/feedback", 200, null, "X-Api-Key", acmeKey).get("items"),
                i -> i.size() == 1, "the feedback item");
        FeedbackItem item = Json.fromTree(items.get(0), FeedbackItem.class);
        assertEquals("build", items.get(0).get("kind").asText());
        assertEquals("build-failed", items.get(0).get("signal").asText());
        assertEquals(module.moduleId(), item.moduleId());
        assertEquals(module.sourceArtifactId(), item.artifactId());
        assertEquals(module.templateRef(), item.templateRef());
        assertEquals(run.commitId(), item.commitId());
        assertEquals(run.traceId(), item.traceId());

        JsonNode figures = listingEntry().get("feedback");
        assertEquals(1, figures.get("buildFailures").asInt(), figures.toString());
        assertEquals(0, figures.get("alertsFired").asInt());
        assertTrue(com.connectsoft.factory.template.application.CatalogListing.state(app.templateListing().entries(Optional.empty()).stream()
                .filter(e -> (e.id() + "@" + e.version()).equals(module.templateRef())).findFirst().orElseThrow())
                .contains("feedback: 1 build failure, 0 alerts"), "./factory templates shows it next to the verified figures");

        // the lineage reaches the runtime signal from the module's sources and the run's commit, under the run's traceId
        List<Artifact> fromSources = app.artifacts().ledger().derivedFrom(ACME, module.sourceArtifactId());
        Artifact signal = fromSources.stream().filter(a -> a.artifactType().equals(RecordFeedback.RUNTIME_SIGNAL)).findFirst().orElseThrow();
        assertEquals(run.traceId(), signal.traceId());
        assertEquals(item.feedbackId(), signal.artifactId());
        assertTrue(app.artifacts().ledger().byRun(ACME, run.runId()).stream().filter(a -> a.artifactType().equals(Artifact.COMMIT))
                .allMatch(c -> signal.inputArtifactIds().contains(c.artifactId())), signal.inputArtifactIds()::toString);

        // redelivered by Event Grid: dropped by its id, one item, counted once
        assertEquals(1, deliver(acmeHook, failedBuild("build-42", run.runId(), module.name())).get("duplicates").asInt());
        // another tenant's webhook naming this tenant's run links to nothing
        deliver(globexHook, failedBuild("build-43", run.runId(), module.name()));
        assertTrue(app.drain(DEADLINE));
        assertEquals(1, app.feedback().items().aboutRun(ACME, run.runId()).size());
        assertEquals(List.of(), app.feedback().items().all(GLOBEX));
        assertEquals(1, listingEntry().get("feedback").get("buildFailures").asInt(), "counted once");
        // the same failure under 30 new event ids: the tenant's own items keep them, the public figures count the module once
        StringBuilder flood = new StringBuilder("[");
        for (int i = 0; i < 30; i++) {
            String one = failedBuild("flood-" + i, run.runId(), module.name()).strip();
            flood.append(i == 0 ? "" : ",").append(one, 1, one.length() - 1);
        }
        assertEquals(30, deliver(acmeHook, flood.append("]").toString()).get("accepted").asInt());
        assertTrue(app.drain(DEADLINE));
        assertEquals(31, app.feedback().items().aboutRun(ACME, run.runId()).size());
        assertEquals(1, listingEntry().get("feedback").get("buildFailures").asInt(), "one tenant cannot inflate another's view of a version");
        assertEquals(1, listingEntry().get("feedback").get("items").asInt());

        // a follow-up run from the item, once
        JsonNode started = call("POST", "/api/v1/feedback/" + item.feedbackId() + "/follow-up", 202, null, "X-Api-Key", acmeKey);
        String followUp = started.get("runId").asText();
        assertEquals(followUp, call("POST", "/api/v1/feedback/" + item.feedbackId() + "/follow-up", 200, null, "X-Api-Key", acmeKey)
                .get("runId").asText());
        JsonNode ofFollowUp = call("GET", "/api/v1/runs/" + followUp + "/feedback", 200, null, "X-Api-Key", acmeKey);
        assertEquals(item.feedbackId(), ofFollowUp.get("followUpOf").get(0).get("feedbackId").asText());
        assertEquals(followUp, call("GET", "/api/v1/feedback/" + item.feedbackId(), 200, null, "X-Api-Key", acmeKey).get("followUpRunId").asText());
        FactoryRun second = await(() -> app.runs().queries().find(ACME, followUp).orElseThrow(), FactoryRun::terminal, "the follow-up run's end");
        assertEquals(run.blueprintId(), second.blueprintId());
        assertEquals(RunStatus.COMPLETED, second.status(), second::failure);
    }

    @Test
    @org.junit.jupiter.api.Order(2)
    void anotherTenantCannotReadOrFollowUpTheItems() throws Exception {
        String globexKey = app.tenancy().administration().issueKey(GLOBEX);
        deliver(acmeHook, failedBuild("build-77", run.runId(), module.name()));
        JsonNode items = await(() -> call("GET", "/api/v1/feedback?runId=" + run.runId(), 200, null, "X-Api-Key", acmeKey).get("items"),
                i -> i.size() >= 2, "the second feedback item");
        String id = items.get(1).get("feedbackId").asText();
        call("GET", "/api/v1/feedback/" + id, 404, null, "X-Api-Key", globexKey);
        call("POST", "/api/v1/feedback/" + id + "/follow-up", 404, null, "X-Api-Key", globexKey);
        call("GET", "/api/v1/runs/" + run.runId() + "/feedback", 404, null, "X-Api-Key", globexKey);
        call("GET", "/api/v1/feedback/" + id, 401, null);
    }

    @Test
    @org.junit.jupiter.api.Order(3)
    void anAlertAndAPushLinkByTraceIdAndCommitAndAnItemHandledTwiceCountsOnce() {
        assertTrue(app.drain(DEADLINE), "what earlier tests delivered is counted first");
        String ref = module.templateRef();
        var before = app.feedback().figures().figures(ref).orElseThrow();
        JsonNode alert = Json.read("{\"schemaId\":\"azureMonitorCommonAlertSchema\",\"data\":{\"essentials\":{\"alertRule\":\"http-5xx\","
                + "\"severity\":\"Sev1\",\"monitorCondition\":\"Fired\"},\"customProperties\":{\"traceId\":\"" + run.traceId()
                + "\",\"module\":\"" + module.name() + "\"}}}");
        RecordFeedback.Received received = new RecordFeedback.Received("alert-1", "Microsoft.Insights.AlertFired", Optional.empty(), alert);
        var first = assertInstanceOf(RecordFeedback.Outcome.Recorded.class, app.feedback().recordFeedback().record(ACME, received));
        var again = assertInstanceOf(RecordFeedback.Outcome.Recorded.class, app.feedback().recordFeedback().record(ACME, received));
        assertTrue(first.created());
        assertEquals(false, again.created());
        assertEquals("alert-fired", first.item().signal().key());
        assertEquals(module.moduleId(), first.item().moduleId());

        JsonNode push = Json.read("{\"ref\":\"refs/heads/main\",\"after\":\"abcdef1234567\",\"commit\":\"" + run.commitId().substring(0, 12)
                + "\"}");
        var pushed = assertInstanceOf(RecordFeedback.Outcome.Recorded.class, app.feedback().recordFeedback().record(ACME,
                new RecordFeedback.Received("push-1", "ConnectSoft.Factory.RepositoryPushed", Optional.empty(), push)));
        assertEquals(run.runId(), pushed.item().runId());

        var after = app.feedback().figures().figures(ref).orElseThrow();
        assertEquals(before.alertsFired() + 1, after.alertsFired(), "the alert handled twice counts once");
        assertEquals(before.items() + 2, after.items());
        assertEquals(before.buildFailures(), after.buildFailures());

        assertInstanceOf(RecordFeedback.Outcome.Unlinked.class, app.feedback().recordFeedback().record(GLOBEX, received),
                "another tenant's alert naming this run's traceId links to nothing");
        assertInstanceOf(RecordFeedback.Outcome.Unlinked.class, app.feedback().recordFeedback().record(ACME, new RecordFeedback.Received("b-9",
                "ConnectSoft.Factory.ModuleBuildCompleted", Optional.empty(), Json.read("{\"runId\":\"" + run.runId() + "\",\"module\":\"nope\","
                        + "\"result\":\"failed\"}"))));
        assertInstanceOf(RecordFeedback.Outcome.Unlinked.class, app.feedback().recordFeedback().record(ACME, new RecordFeedback.Received("b-10",
                "ConnectSoft.Factory.ModuleBuildCompleted", Optional.empty(), Json.read("{\"runId\":\"" + run.runId() + "\",\"module\":\""
                        + module.name() + "\",\"result\":\"maybe\"}"))));
        assertInstanceOf(RecordFeedback.Outcome.NotFeedback.class, app.feedback().recordFeedback().record(ACME, new RecordFeedback.Received("x",
                "Contoso.Something", Optional.empty(), Json.read("{}"))));
    }

    @Test
    @org.junit.jupiter.api.Order(4)
    void lineageRunsFromTheCommitThroughTheDeploymentToTheRuntimeSignalUnderOneTraceId() {
        var deployed = assertInstanceOf(RecordFeedback.Outcome.Recorded.class, app.feedback().recordFeedback().record(ACME,
                new RecordFeedback.Received("deploy-1", "ConnectSoft.Factory.ModuleDeployed", Optional.empty(), Json.read("{\"traceId\":\""
                        + run.traceId() + "\",\"module\":\"" + module.name() + "\",\"environment\":\"prod\"}"))));
        assertEquals("deployment", deployed.item().kind().key());
        JsonNode alert = Json.read("{\"schemaId\":\"azureMonitorCommonAlertSchema\",\"data\":{\"essentials\":{\"alertRule\":\"latency\","
                + "\"monitorCondition\":\"Fired\"},\"customProperties\":{\"runId\":\"" + run.runId() + "\",\"module\":\"" + module.name() + "\"}}}");
        var signal = assertInstanceOf(RecordFeedback.Outcome.Recorded.class, app.feedback().recordFeedback().record(ACME,
                new RecordFeedback.Received("alert-after-deploy", "Microsoft.Insights.AlertFired", Optional.empty(), alert)));

        var lineage = app.artifacts().queries().lineage(ACME, signal.item().feedbackId()).orElseThrow();
        assertEquals(RecordFeedback.RUNTIME_SIGNAL, lineage.artifact().artifactType());
        assertEquals(run.traceId(), lineage.artifact().traceId());
        var deployment = lineage.madeFrom().stream().filter(a -> a.artifactId().equals(deployed.item().feedbackId())).findFirst()
                .orElseThrow(() -> new AssertionError("the signal is not made from the deployment: " + lineage.madeFrom().stream().map(a -> a.artifactId()).toList()));
        Artifact deployedArtifact = deployment.artifact().orElseThrow();
        assertEquals(RecordFeedback.DEPLOYMENT, deployedArtifact.artifactType());
        assertEquals(run.traceId(), deployedArtifact.traceId());
        assertTrue(deployment.madeFrom().stream().anyMatch(a -> a.artifact().map(x -> x.artifactType().equals(Artifact.COMMIT)
                && run.traceId().equals(x.traceId())).orElse(false)), "the deployment is made from the run's commit");
    }
}
