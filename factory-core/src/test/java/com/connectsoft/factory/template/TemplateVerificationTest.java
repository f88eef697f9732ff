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

    private Path templates;

    /** The repository's catalog without the records shipped with it: these tests are about verifying here. */
    private Path templates() throws Exception {
        if (templates == null) {
            templates = ShippedVerificationsTest.catalogCopy(dir);
        }
        return templates;
    }

    private Factory withRecordedBuilds(TestFactory.RecordingBuilds builds) throws Exception {
        return Factory.with(TestFactory.settings(dir.resolve("data")).withTemplatesDir(templates())).builds(builds)
                .clock(java.time.Clock.systemUTC()).open().dispatchLocally();
    }

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
        try (Factory app = withRecordedBuilds(builds)) {
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
        try (Factory app = withRecordedBuilds(new TestFactory.RecordingBuilds(BuildStatus.FAILED))) {
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
        try (Factory app = withRecordedBuilds(new TestFactory.RecordingBuilds(BuildStatus.PASSED))) {
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
        try (Factory app = withRecordedBuilds(new TestFactory.RecordingBuilds(BuildStatus.PASSED))) {
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
        int code = FactoryCli.run(new String[] {"--data-dir", dir.resolve("data").toString(), "--templates", templates().toString(),
                "templates"}, new PrintWriter(out, true), new PrintWriter(err, true));
        assertEquals(0, code, err.toString());
        String text = out.toString();
        assertTrue(text.contains(ref.replace("@", " ") + "  "), text);
        assertTrue(text.contains("    verified "), text);
        assertTrue(text.contains("ConnectSoft.Extensions.Runtime 1.0.0  "), text);
        assertTrue(text.contains("    not verified yet: ./factory templates verify " + FUNCTIONS + "@"), text);

        StringWriter bad = new StringWriter();
        assertEquals(FactoryCli.BAD_INPUT, FactoryCli.run(new String[] {"--data-dir", dir.resolve("data").toString(), "--templates",
                templates().toString(), "templates", "verify", "ConnectSoft.Template.Nope@1.0.0"},
                new PrintWriter(new StringWriter(), true), new PrintWriter(bad, true)));
        assertTrue(bad.toString().startsWith("error: no template or library version 'ConnectSoft.Template.Nope@1.0.0' in the catalog"), bad.toString());
    }

    /** Recorded builds that also measure: every Maven module gets {@code killed} of {@code mutants}; what it was asked is kept. */
    static final class MeasuringBuilds implements com.connectsoft.factory.build.domain.BuildRunner,
            com.connectsoft.factory.build.domain.MutationTesting {
        final TestFactory.RecordingBuilds builds;
        final List<String> measured = new java.util.concurrent.CopyOnWriteArrayList<>();
        final int mutants;
        final int killed;

        MeasuringBuilds(BuildStatus status, int mutants, int killed) {
            this.builds = new TestFactory.RecordingBuilds(status);
            this.mutants = mutants;
            this.killed = killed;
        }

        @Override
        public com.connectsoft.factory.build.domain.BuildReport build(String module, Path sources, Path workDir, java.time.Duration timeout) {
            return builds.build(module, sources, workDir, timeout);
        }

        @Override
        public Preparation prepare(Path trustedSources, Path workDir, java.time.Duration timeout, Runnable starting) {
            return builds.prepare(trustedSources, workDir, timeout, starting);
        }

        @Override
        public Preparation prepare(Path trustedSources, List<Path> libraries, Path workDir, java.time.Duration timeout, Runnable starting) {
            return builds.prepare(trustedSources, libraries, workDir, timeout, starting);
        }

        @Override
        public String description() {
            return "measuring " + builds.description();
        }

        @Override
        public com.connectsoft.factory.build.domain.MutationReport measure(String module, Path sources, Path workDir, java.time.Duration timeout) {
            assertTrue(java.nio.file.Files.isRegularFile(sources.resolve("pom.xml")), "only Maven projects are measured: " + module);
            measured.add(module);
            return mutants < 0 ? com.connectsoft.factory.build.domain.MutationReport.failed(module, 1, "no 'mutation' profile")
                    : new com.connectsoft.factory.build.domain.MutationReport(module, true, mutants, killed, mutants - killed, 0, 1, List.of(), "");
        }
    }

    private Factory measuring(MeasuringBuilds builds) throws Exception {
        return Factory.with(TestFactory.settings(dir.resolve("data")).withTemplatesDir(templates())).builds(builds).clock(java.time.Clock.systemUTC()).open().dispatchLocally();
    }

    @Test
    void eachSampleModuleThatPassedIsMeasuredAndTheScoreIsRecorded() throws Exception {
        MeasuringBuilds builds = new MeasuringBuilds(BuildStatus.PASSED, 200, 181);
        try (Factory app = measuring(builds)) {
            TemplatePackage pkg = latest(app, FUNCTIONS);
            TemplateVerification v = app.templateVerification().verify(pkg);
            assertTrue(v.passed(), v.problems()::toString);
            assertEquals(v.modules().stream().map(TemplateVerification.ModuleFigures::module).toList(), builds.measured);
            assertEquals(new TemplateVerification.Mutation(200 * v.modules().size(), 181 * v.modules().size(), ""), v.mutation());
            assertTrue(v.modules().stream().allMatch(m -> m.mutation().killed() == 181), v.modules()::toString);
            assertTrue(v.summary().endsWith(", mutation score 90.5% (" + 181 * v.modules().size() + " of " + 200 * v.modules().size()
                    + " mutants killed)"), v.summary());
            assertEquals(v, app.templateListing().entry(pkg).verification(), "recorded with the figures");

            // the front end is no Maven project: not measured, saying why; a template without the profile says so too
            TemplateVerification web = app.templateVerification().verify(latest(app, "ConnectSoft.Template.WebFrontend"));
            assertTrue(web.passed());
            assertEquals(0, web.mutation().mutants());
            assertTrue(web.summary().endsWith("mutation not measured (not a Maven project (mutation testing measures Java modules))"), web.summary());
        }
    }

    @Test
    void withoutMutationTestingNothingIsMeasuredAndAFailedBuildIsNot() throws Exception {
        MeasuringBuilds builds = new MeasuringBuilds(BuildStatus.PASSED, 10, 9);
        try (Factory app = measuring(builds)) {
            TemplateVerification v = app.templateVerification(false).verify(latest(app, FUNCTIONS));
            assertEquals(null, v.mutation());
            assertEquals(List.of(), builds.measured);
            assertFalse(v.summary().contains("mutation"), v.summary());
        }
        MeasuringBuilds failing = new MeasuringBuilds(BuildStatus.FAILED, 10, 9);
        try (Factory app = measuring(failing)) {
            TemplateVerification v = app.templateVerification().verify(latest(app, FUNCTIONS));
            assertFalse(v.passed());
            assertEquals(List.of(), failing.measured, "a module that failed its tests is not measured");
        }
    }

    @Test
    void aLibraryVersionIsBuiltTestedMeasuredAndListedWithItsFigures() throws Exception {
        MeasuringBuilds builds = new MeasuringBuilds(BuildStatus.PASSED, 500, 480);
        try (Factory app = measuring(builds)) {
            var libraries = app.templates().libraries();
            var library = libraries.all().get(0);
            String hash = libraries.contentHash(library);
            assertTrue(hash.matches("sha256:[0-9a-f]{64}"), hash);
            assertEquals(hash, libraries.contentHash(library), "the same content, the same hash");
            assertEquals(null, app.templateListing().entry(library).verification(), "not verified yet");

            TemplateVerification v = app.templateVerification().verify(library, hash);
            assertTrue(v.passed(), v.problems()::toString);
            assertEquals(library.ref(), v.templateRef());
            assertEquals(List.of(library.artifactId()), builds.measured);
            assertEquals(1, builds.builds.calls.get(), "its own project built once");
            assertEquals(10, v.testsRun());
            assertEquals(96.0, v.mutation().score(), 0.001);
            CatalogListing.Entry e = app.templateListing().entry(library);
            assertEquals(v, e.verification());
            assertEquals("Maven " + library.coordinates() + "; " + v.summary(), CatalogListing.state(e));
            assertTrue(v.summary().startsWith("verified " + v.verifiedAt().toString().substring(0, 10) + ": built, 10 tests (10 passed), "
                    + "mutation score 96.0% (480 of 500 mutants killed)"), v.summary());
        }
        MeasuringBuilds failing = new MeasuringBuilds(BuildStatus.FAILED, 500, 480);
        try (Factory app = measuring(failing)) {
            var library = app.templates().libraries().all().get(0);
            TemplateVerification v = app.templateVerification().verify(library, app.templates().libraries().contentHash(library));
            assertFalse(v.passed());
            assertTrue(v.problems().get(0).startsWith("it does not build and pass its tests: 1 of 10 tests failed"), v.problems()::toString);
            assertEquals(List.of(), failing.measured);
        }
    }

    @Test
    void aVersionWithoutASampleFailsSayingSo() throws Exception {
        try (Factory app = withRecordedBuilds(new TestFactory.RecordingBuilds(BuildStatus.PASSED))) {
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
