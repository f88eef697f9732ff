package com.connectsoft.factory.template;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.connectsoft.factory.api.FactoryApi;
import com.connectsoft.factory.app.Factory;
import com.connectsoft.factory.cli.FactoryCli;
import com.connectsoft.factory.platform.json.Json;
import com.connectsoft.factory.run.TestFactory;
import com.connectsoft.factory.run.application.RunProgress;
import com.connectsoft.factory.run.application.StartRun;
import com.connectsoft.factory.run.vocabulary.BuildStatus;
import com.connectsoft.factory.shared.domain.TenantId;
import com.connectsoft.factory.template.application.CatalogListing;
import com.connectsoft.factory.template.domain.TemplatePackage;
import com.connectsoft.factory.template.domain.TemplateVerification;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Template versions are verified with their samples (render, governance, build and tests) and the figures recorded on
 * the version; a version that failed, or changed since it was verified, is refused for new runs; CLI and API show it.
 */
class TemplateVerificationTest {
    private static final String FUNCTIONS = StartRun.DEFAULT_TEMPLATE;
    private static final TenantId ACME = TenantId.of("acme");

    @TempDir
    Path dir;

    private static TemplatePackage latest(Factory app, String id) {
        return app.templates().catalog().latest(id).orElseThrow();
    }

    private StartRun.Result startInvoicing(Factory app) throws Exception {
        return app.runs().start().run(new StartRun.Request(ACME, "invoicing.blueprint.yaml", TestFactory.example("invoicing.blueprint.yaml"),
                Optional.empty(), FUNCTIONS), RunProgress.SILENT);
    }

    @Test
    void aVerifiedVersionCarriesItsFiguresAndStaysUsable() throws Exception {
        TestFactory.RecordingBuilds builds = new TestFactory.RecordingBuilds(BuildStatus.PASSED);
        try (Factory app = TestFactory.withRecordedBuilds(dir.resolve("data"), builds)) {
            TemplatePackage pkg = latest(app, FUNCTIONS);
            TemplateVerification v = app.templateVerification().verify(pkg);

            assertTrue(v.passed(), v.problems()::toString);
            assertEquals(pkg.ref(), v.templateRef());
            assertEquals(pkg.contentHash(), v.contentHash());
            assertFalse(v.modules().isEmpty());
            assertEquals(v.modules().size(), builds.calls.get(), "every sample module was built");
            assertEquals(10 * v.modules().size(), v.testsRun(), "the builds' test counts, summed");
            assertEquals(10 * v.modules().size(), v.testsPassed());
            assertEquals("Allow", v.governance());
            assertTrue(v.modules().stream().allMatch(m -> m.files() > 10 && m.lines() > 100 && "passed".equals(m.build())), v.modules()::toString);
            assertTrue(v.summary().startsWith("verified " + v.verifiedAt().toString().substring(0, 10) + ": " + v.modules().size()
                    + " sample module"), v.summary());

            CatalogListing.Entry e = app.templateListing().entry(pkg);
            assertTrue(e.usable());
            assertEquals(v, e.verification());
            assertInstanceOf(StartRun.Result.Finished.class, startInvoicing(app));
        }
    }

    @Test
    void aVersionThatFailsIsRefusedForNewRuns() throws Exception {
        try (Factory app = TestFactory.withRecordedBuilds(dir.resolve("data"), new TestFactory.RecordingBuilds(BuildStatus.FAILED))) {
            TemplatePackage pkg = latest(app, FUNCTIONS);
            TemplateVerification v = app.templateVerification().verify(pkg);
            assertFalse(v.passed());
            assertTrue(v.problems().get(0).contains("of the sample does not build and pass its tests: 1 of 10 tests failed"), v.problems()::toString);
            assertTrue(v.summary().startsWith("FAILED verification "), v.summary());

            StartRun.Result.Rejected r = assertInstanceOf(StartRun.Result.Rejected.class, startInvoicing(app));
            assertTrue(r.problems().get(0).message().startsWith("template " + pkg.ref() + " failed its verification on "), r.problems()::toString);
            assertFalse(app.templateListing().entry(pkg).usable());
        }
    }

    @Test
    void aVersionChangedSinceItWasVerifiedIsRefused() throws Exception {
        try (Factory app = TestFactory.withRecordedBuilds(dir.resolve("data"), new TestFactory.RecordingBuilds(BuildStatus.PASSED))) {
            TemplatePackage pkg = latest(app, FUNCTIONS);
            String before = "sha256:" + "0".repeat(64);
            app.templates().verifications().orElseThrow().record(new TemplateVerification(pkg.ref(), before, true, List.of(), List.of(), 1,
                    "Allow", 1, 1, 0, 0, 1, "0.1.0", Instant.parse("2026-11-01T00:00:00Z")));
            Optional<String> refusal = app.templates().catalog().refusal(pkg);
            assertEquals(Optional.of("template " + pkg.ref() + " changed since it was verified on 2026-11-01 (content sha256:000000000000…, now "
                    + pkg.contentHash().substring(0, 19) + "…): versions are immutable, so restore its folder and put the change in a new version"),
                    refusal);
            assertInstanceOf(StartRun.Result.Rejected.class, startInvoicing(app));

            app.templateVerification().verify(pkg);
            assertEquals(Optional.empty(), app.templates().catalog().refusal(pkg), "verified again with its current content");
        }
    }

    @Test
    void theCliAndTheApiListEveryVersionWithItsState() throws Exception {
        String ref;
        try (Factory app = TestFactory.withRecordedBuilds(dir.resolve("data"), new TestFactory.RecordingBuilds(BuildStatus.PASSED))) {
            TemplatePackage web = latest(app, "ConnectSoft.Template.WebFrontend");
            ref = web.ref();
            app.templateVerification().verify(web);

            FactoryApi api = new FactoryApi(app, Optional.empty());
            FactoryApi.Response all = api.handle(new FactoryApi.Request("GET", "/api/v1/templates", Map.of(), Map.of(), new byte[0], "10.0.0.9"));
            assertEquals(200, all.status(), "the catalog is public");
            JsonNode items = Json.read(new String(all.body(), StandardCharsets.UTF_8)).path("items");
            assertEquals(app.templates().catalog().all().size() + app.templates().libraries().all().size(), items.size());
            assertTrue(java.util.stream.StreamSupport.stream(items.spliterator(), false).anyMatch(i -> "library".equals(i.path("kind").asText())
                    && "ConnectSoft.Extensions.Runtime".equals(i.path("id").asText())), items::toString);
            FactoryApi.Response versions = api.handle(new FactoryApi.Request("GET", "/api/v1/templates/ConnectSoft.Template.WebFrontend/versions",
                    Map.of(), Map.of(), new byte[0], "10.0.0.9"));
            JsonNode one = Json.read(new String(versions.body(), StandardCharsets.UTF_8)).path("items");
            assertEquals(1, one.size());
            assertTrue(one.get(0).path("usable").asBoolean());
            assertEquals(web.contentHash(), one.get(0).path("verification").path("contentHash").asText());
            assertEquals(10, one.get(0).path("verification").path("testsRun").asInt(), one.toString());
            assertEquals(404, api.handle(new FactoryApi.Request("GET", "/api/v1/templates/ConnectSoft.Template.Nope/versions", Map.of(), Map.of(),
                    new byte[0], "10.0.0.9")).status());
        }
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = FactoryCli.run(new String[] {"--data-dir", dir.resolve("data").toString(), "--templates", TestFactory.ROOT.resolve("templates").toString(),
                "templates"}, new PrintWriter(out, true), new PrintWriter(err, true));
        assertEquals(0, code, err.toString());
        String text = out.toString();
        assertTrue(text.contains(ref.replace("@", " ") + "  "), text);
        assertTrue(text.contains("    verified "), text);
        assertTrue(text.contains("ConnectSoft.Extensions.Runtime 1.0.0  "), text);
        assertTrue(text.contains("    not verified yet: ./factory templates verify " + FUNCTIONS + "@"), text);

        StringWriter bad = new StringWriter();
        assertEquals(FactoryCli.BAD_INPUT, FactoryCli.run(new String[] {"--data-dir", dir.resolve("data").toString(), "--templates",
                TestFactory.ROOT.resolve("templates").toString(), "templates", "verify", "ConnectSoft.Template.Nope@1.0.0"},
                new PrintWriter(new StringWriter(), true), new PrintWriter(bad, true)));
        assertTrue(bad.toString().startsWith("error: no template version 'ConnectSoft.Template.Nope@1.0.0' in the catalog"), bad.toString());
    }

    @Test
    void aVersionWithoutASampleFailsSayingSo() throws Exception {
        try (Factory app = TestFactory.withRecordedBuilds(dir.resolve("data"), new TestFactory.RecordingBuilds(BuildStatus.PASSED))) {
            TemplatePackage pkg = latest(app, FUNCTIONS);
            TemplatePackage noSample = new TemplatePackage(pkg.id(), pkg.version(), pkg.name(), pkg.description(), pkg.category(), pkg.engine(),
                    pkg.model(), pkg.parametersSchema(), pkg.files(), pkg.root(), pkg.contentHash(), Optional.empty());
            TemplateVerification v = app.templateVerification().verify(noSample);
            assertFalse(v.passed());
            assertEquals(List.of("it has no sample blueprint (template.yaml 'sample:') to verify with"), v.problems());
            assertFalse(app.templateListing().entry(noSample).usable(), "a failed verification is recorded");
        }
    }
}
