package com.connectsoft.factory.template;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.connectsoft.factory.api.FactoryApi;
import com.connectsoft.factory.app.Factory;
import com.connectsoft.factory.cli.FactoryCli;
import com.connectsoft.factory.platform.json.Json;
import com.connectsoft.factory.run.TestFactory;
import com.connectsoft.factory.run.vocabulary.BuildStatus;
import com.connectsoft.factory.template.adapter.filesystem.FileShippedVerifications;
import com.connectsoft.factory.template.application.CatalogListing;
import com.connectsoft.factory.template.domain.TemplatePackage;
import com.connectsoft.factory.template.domain.TemplateVerification;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Verification records ship with the catalog ({@code templates/verified/<id>@<version>.json}): a fresh factory shows their
 * figures, a record of other content is stale (ignored and reported), a local verification newer than the shipped one
 * wins, and a file that is not a record stops the catalog with an error naming it.
 */
class ShippedVerificationsTest {
    static final String WEB = "ConnectSoft.Template.WebFrontend";
    static final Instant SHIPPED_AT = Instant.parse("2026-11-20T10:00:00Z");

    @TempDir
    Path dir;

    /** A copy of the repository's templates (without their shipped records), libraries, plans and agents, to change freely. */
    static Path catalogCopy(Path dir) throws Exception {
        Path templates = dir.resolve("catalog/templates");
        com.connectsoft.factory.platform.files.Directories.copy(TestFactory.ROOT.resolve("templates"), templates,
                p -> !p.getFileName().toString().equals(FileShippedVerifications.FOLDER));
        com.connectsoft.factory.platform.files.Directories.copy(TestFactory.ROOT.resolve("libraries"), dir.resolve("catalog/libraries"),
                p -> !p.getFileName().toString().equals("target"));
        for (String beside : List.of("plans", "agents", "skills")) {
            com.connectsoft.factory.platform.files.Directories.copy(TestFactory.ROOT.resolve(beside), dir.resolve("catalog").resolve(beside));
        }
        return templates;
    }

    private Factory open(Path templates, BuildStatus builds) {
        return Factory.with(TestFactory.settings(dir.resolve("data")).withTemplatesDir(templates)).builds(new TestFactory.RecordingBuilds(builds))
                .clock(Clock.systemUTC()).open().dispatchLocally();
    }

    static TemplateVerification record(String ref, String contentHash, boolean passed, Instant at) {
        var module = new TemplateVerification.ModuleFigures("orders", 30, 2400, 41, "Allow", passed ? "passed" : "failed", 52, passed ? 52 : 51,
                passed ? 0 : 1, 0, 20_000, new TemplateVerification.Mutation(0, 0, "not a Maven project (mutation testing measures Java modules)"));
        return new TemplateVerification(ref, contentHash, passed, passed ? List.of() : List.of("module orders of the sample does not build"),
                List.of(module), 41, "Allow", 52, passed ? 52 : 51, passed ? 0 : 1, 0, 20_000, "0.1.0-SNAPSHOT", at, module.mutation(),
                List.of());
    }

    private static TemplatePackage web(Factory app) {
        return app.templates().catalog().latest(WEB).orElseThrow();
    }

    private static String cli(Path data, Path templates, StringWriter err, String... args) {
        StringWriter out = new StringWriter();
        String[] all = new String[args.length + 4];
        System.arraycopy(new String[] {"--data-dir", data.toString(), "--templates", templates.toString()}, 0, all, 0, 4);
        System.arraycopy(args, 0, all, 4, args.length);
        int code = FactoryCli.run(all, new PrintWriter(out, true), new PrintWriter(err, true));
        return code + "\n" + out;
    }

    @Test
    void aShippedRecordIsReadAndShownByTheListingTheApiAndTheCli() throws Exception {
        Path templates = catalogCopy(dir);
        String hash;
        try (Factory app = open(templates, BuildStatus.PASSED)) {
            hash = web(app).contentHash();
        }
        TemplateVerification shipped = record(WEB + "@1.0.0", hash, true, SHIPPED_AT);
        new FileShippedVerifications(templates.resolve("verified")).publish(shipped);
        assertTrue(Files.isRegularFile(templates.resolve("verified/" + WEB + "@1.0.0.json")));

        try (Factory app = open(templates, BuildStatus.PASSED)) {
            CatalogListing.Entry e = app.templateListing().entry(web(app));
            assertEquals(shipped, e.verification(), "the shipped record, read back whole");
            assertTrue(e.usable());
            assertNull(e.staleVerification());
            assertEquals(shipped.summary(), CatalogListing.state(e));
            assertEquals(Optional.empty(), app.templates().catalog().refusal(web(app)));

            FactoryApi api = new FactoryApi(app, Optional.empty());
            FactoryApi.Response r = api.handle(new FactoryApi.Request("GET", "/api/v1/templates/" + WEB + "/versions", Map.of(), Map.of(),
                    new byte[0], "10.0.0.9"));
            JsonNode v = Json.read(new String(r.body(), StandardCharsets.UTF_8)).path("items").get(0).path("verification");
            assertEquals(hash, v.path("contentHash").asText());
            assertEquals(52, v.path("testsRun").asInt());
            assertEquals("2026-11-20T10:00:00Z", v.path("verifiedAt").asText());
            assertEquals("Allow", v.path("governance").asText());
        }
        StringWriter err = new StringWriter();
        String out = cli(dir.resolve("data"), templates, err, "templates");
        assertTrue(out.startsWith("0\n"), out + err);
        assertTrue(out.contains(WEB + " 1.0.0  ") && out.contains("    " + shipped.summary() + "\n    verified with factory 0.1.0-SNAPSHOT; content "
                + hash.substring(0, 19) + "…; record shipped with the catalog\n"), out);
    }

    @Test
    void aStaleShippedRecordCountsForNothingAndIsReported() throws Exception {
        Path templates = catalogCopy(dir);
        String other = "sha256:" + "ab".repeat(32);
        new FileShippedVerifications(templates.resolve("verified")).publish(record(WEB + "@1.0.0", other, false, SHIPPED_AT));
        try (Factory app = open(templates, BuildStatus.PASSED)) {
            TemplatePackage pkg = web(app);
            CatalogListing.Entry e = app.templateListing().entry(pkg);
            assertNull(e.verification(), "a record of other content is no verification of this one");
            assertTrue(e.usable(), "stale: as if never verified, so not refused (even though that record failed)");
            assertEquals(Optional.empty(), app.templates().catalog().refusal(pkg));
            assertEquals("the verification shipped with the catalog (2026-11-20) is stale: it verified content sha256:abababababab…, the version's "
                    + "content is now " + pkg.contentHash().substring(0, 19) + "…, so it counts for nothing", e.staleVerification());
            assertEquals("not verified yet: ./factory templates verify " + pkg.ref() + " (" + e.staleVerification() + ")", CatalogListing.state(e));
            assertEquals(Optional.empty(), app.templates().verifications().orElseThrow().find(pkg.ref(), pkg.contentHash()));
        }
    }

    @Test
    void aShippedFailedRecordRefusesTheVersionForNewRuns() throws Exception {
        Path templates = catalogCopy(dir);
        String hash;
        try (Factory app = open(templates, BuildStatus.PASSED)) {
            hash = web(app).contentHash();
        }
        new FileShippedVerifications(templates.resolve("verified")).publish(record(WEB + "@1.0.0", hash, false, SHIPPED_AT));
        try (Factory app = open(templates, BuildStatus.PASSED)) {
            String refusal = app.templates().catalog().refusal(web(app)).orElseThrow();
            assertTrue(refusal.startsWith("template " + WEB + "@1.0.0 failed its verification on 2026-11-20 (module orders of the sample does not "
                    + "build)"), refusal);
            assertFalse(app.templateListing().entry(web(app)).usable());
        }
    }

    @Test
    void theNewerOfALocalAndAShippedVerificationWins() throws Exception {
        Path templates = catalogCopy(dir);
        String hash;
        try (Factory app = open(templates, BuildStatus.PASSED)) {
            hash = web(app).contentHash();
        }
        new FileShippedVerifications(templates.resolve("verified")).publish(record(WEB + "@1.0.0", hash, true, SHIPPED_AT));
        try (Factory app = open(templates, BuildStatus.PASSED)) {
            var local = app.templates().verifications().orElseThrow();
            local.record(record(WEB + "@1.0.0", hash, false, Instant.parse("2026-11-01T00:00:00Z")));
            assertEquals(SHIPPED_AT, app.templateListing().entry(web(app)).verification().verifiedAt(), "an older local record loses");
            assertTrue(app.templateListing().entry(web(app)).usable());
        }
        try (Factory app = open(templates, BuildStatus.FAILED)) {
            TemplateVerification now = app.templateVerification(false).verify(web(app));
            assertFalse(now.passed());
            CatalogListing.Entry e = app.templateListing().entry(web(app));
            assertEquals(now, e.verification(), "verified here since it shipped: the newer record wins");
            assertFalse(e.usable(), e.refusal());
            assertTrue(e.refusal().startsWith("template " + WEB + "@1.0.0 failed its verification on " + now.verifiedAt().toString().substring(0, 10)),
                    e.refusal());
        }
    }

    @Test
    void publishShipsTheRecordedVerificationAndAFreshFactorySeesIt() throws Exception {
        Path templates = catalogCopy(dir);
        StringWriter err = new StringWriter();
        String none = cli(dir.resolve("data"), templates, err, "templates", "publish", WEB + "@1.0.0");
        assertTrue(none.startsWith("2\n"), none);
        assertTrue(err.toString().contains("error: " + WEB + "@1.0.0 has no verification of its current content to publish; run ./factory templates "
                + "verify --publish " + WEB + "@1.0.0"), err.toString());
        assertFalse(Files.exists(templates.resolve("verified")), "nothing written");

        TemplateVerification local;
        try (Factory app = open(templates, BuildStatus.PASSED)) {
            local = app.templateVerification(false).verify(web(app));
        }
        String published = cli(dir.resolve("data"), templates, err, "templates", "publish", WEB + "@1.0.0");
        assertTrue(published.startsWith("0\n") && published.contains("published with the catalog: verified/" + WEB + "@1.0.0.json"), published + err);
        TemplateVerification shipped = new FileShippedVerifications(templates.resolve("verified")).find(WEB + "@1.0.0").orElseThrow();
        assertEquals(local, shipped);

        // a fresh data directory (a fresh clone) sees the shipped figures
        try (Factory fresh = Factory.with(TestFactory.settings(dir.resolve("fresh")).withTemplatesDir(templates))
                .builds(new TestFactory.RecordingBuilds(BuildStatus.PASSED)).clock(Clock.systemUTC()).open()) {
            assertEquals(local, fresh.templateListing().entry(web(fresh)).verification());
        }
    }

    @Test
    void aFileThatIsNoRecordStopsTheCatalogNamingIt() throws Exception {
        Path folder = Files.createDirectories(dir.resolve("verified"));
        String ref = WEB + "@1.0.0";
        String good = Json.pretty(record(ref, "sha256:" + "0".repeat(64), true, SHIPPED_AT));
        Map<String, String> broken = new java.util.LinkedHashMap<>();
        broken.put("{ \"templateRef\": ", "not a verification record (line 1: Unexpected end-of-input");
        broken.put(good.replace("\"contentHash\"", "\"contentHashh\""), "not a verification record: 'contentHash' is missing or not a string");
        broken.put(good.replace("sha256:" + "0".repeat(64), "sha256:xyz"), "'contentHash' must be sha256:<64 hex digits>");
        broken.put(good.replace("\"passed\" : true", "\"passed\" : \"yes\""), "'passed' is missing or not true/false");
        broken.put(good.replace("\"testsPassed\" : 52", "\"testsPassed\" : 90"), "more tests passed, failed and skipped than ran");
        broken.put(good.replace("\"killed\" : 0", "\"killed\" : 5"), "more mutants killed than there were");
        broken.put(good.replace("\"problems\" : [ ]", "\"problems\" : [ \"it broke\" ]"), "it passed but lists problems");
        broken.put(good.replace("\"testsRun\" : 52", "\"testsRun\" : \"many\""), "its fields do not fit");
        broken.put("[" + "[".repeat(200) + "]".repeat(200) + "]", "not a verification record (Document nesting depth (13) exceeds the maximum");
        broken.put("{\"templateRef\":\"" + "x".repeat(300 * 1024) + "\"}", " bytes, over the 262144 a verification record may have");
        for (Map.Entry<String, String> b : broken.entrySet()) {
            Files.writeString(folder.resolve(ref + ".json"), b.getKey());
            IllegalStateException e = assertThrows(IllegalStateException.class, () -> new FileShippedVerifications(folder), b.getValue());
            assertTrue(e.getMessage().startsWith(folder.resolve(ref + ".json") + ": "), e.getMessage());
            assertTrue(e.getMessage().contains(b.getValue()), e.getMessage());
            assertTrue(e.getMessage().endsWith("; verify and publish the version again (./factory templates verify --publish " + ref
                    + ") or remove the file"), e.getMessage());
        }
        Files.writeString(folder.resolve(ref + ".json"), good);
        Files.move(folder.resolve(ref + ".json"), folder.resolve("ConnectSoft.Template.Other@1.0.0.json"));
        IllegalStateException named = assertThrows(IllegalStateException.class, () -> new FileShippedVerifications(folder));
        assertTrue(named.getMessage().contains("it records '" + ref + "', so its file must be named " + ref + ".json"), named.getMessage());
        Files.move(folder.resolve("ConnectSoft.Template.Other@1.0.0.json"), folder.resolve(ref + ".json"));
        assertEquals(SHIPPED_AT, new FileShippedVerifications(folder).find(ref).orElseThrow().verifiedAt(), "the good record reads");
        assertThrows(IllegalArgumentException.class, () -> new FileShippedVerifications(folder).publish(record("../../etc/x@1.0.0",
                "sha256:" + "0".repeat(64), true, SHIPPED_AT)), "a reference is never a path");
    }

    @Test
    void theCliRefusesToOpenACatalogWithABrokenRecordAndSaysWhich() throws Exception {
        Path templates = catalogCopy(dir);
        Path file = Files.createDirectories(templates.resolve("verified")).resolve(WEB + "@1.0.0.json");
        Files.writeString(file, "{ not json");
        StringWriter err = new StringWriter();
        String out = cli(dir.resolve("data"), templates, err, "templates");
        assertFalse(out.startsWith("0\n"), out);
        assertTrue(err.toString().startsWith("error: " + file + ": not a verification record"), err.toString());
    }

    /**
     * What ships with the repository's catalog: a record of every published version's current content, passing for at
     * least three templates and a library.
     */
    @Test
    void theRepositoryShipsCurrentFiguresThatAFreshFactoryLists() throws Exception {
        List<TemplateVerification> shipped = new FileShippedVerifications(TestFactory.ROOT.resolve("templates/verified")).all();
        try (Factory fresh = Factory.with(TestFactory.settings(dir.resolve("fresh"))).builds(new TestFactory.RecordingBuilds(BuildStatus.PASSED))
                .clock(Clock.systemUTC()).open()) {
            List<CatalogListing.Entry> entries = fresh.templateListing().entries(Optional.empty());
            for (TemplateVerification v : shipped) {
                CatalogListing.Entry e = entries.stream().filter(x -> (x.id() + "@" + x.version()).equals(v.templateRef())).findFirst()
                        .orElseThrow(() -> new AssertionError(v.templateRef() + " ships a record but is no version of the catalog"));
                assertEquals(e.contentHash(), v.contentHash(), v.templateRef() + ": its shipped record is stale; verify and publish it again");
                assertEquals(v, e.verification(), v.templateRef() + " is listed with its shipped figures");
                assertEquals(v.passed(), e.usable(), v.templateRef());
            }
            long templates = entries.stream().filter(e -> "template".equals(e.kind()) && e.verification() != null && e.verification().passed())
                    .map(CatalogListing.Entry::id).distinct().count();
            long libraries = entries.stream().filter(e -> "library".equals(e.kind()) && e.verification() != null && e.verification().passed()).count();
            assertTrue(templates >= 3 && libraries >= 1, templates + " templates and " + libraries + " libraries ship passing figures");
            java.util.Set<String> recorded = shipped.stream().map(TemplateVerification::templateRef).collect(java.util.stream.Collectors.toSet());
            String missing = com.connectsoft.factory.template.adapter.filesystem.FileSystemTemplateCatalog.lock(TestFactory.ROOT.resolve("templates"))
                    .keySet().stream().filter(ref -> !recorded.contains(ref)).collect(java.util.stream.Collectors.joining(" "));
            assertEquals("", missing, "published versions without shipped figures: ./factory templates verify --publish " + missing);
        }
    }
}
