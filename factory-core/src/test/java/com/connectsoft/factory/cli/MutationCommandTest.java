package com.connectsoft.factory.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.connectsoft.factory.app.Factory;
import com.connectsoft.factory.build.application.MeasureMutations;
import com.connectsoft.factory.build.domain.MutationReport;
import com.connectsoft.factory.run.TestFactory;
import com.connectsoft.factory.run.application.RunProgress;
import com.connectsoft.factory.run.application.StartRun;
import com.connectsoft.factory.run.domain.FactoryRun;
import com.connectsoft.factory.run.vocabulary.BuildStatus;
import com.connectsoft.factory.run.vocabulary.RunStatus;
import com.connectsoft.factory.shared.domain.TenantId;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** ./factory mutation: bad input is a clear message and exit 2; the figures print as a table or as JSON. */
class MutationCommandTest {
    @TempDir
    Path dir;
    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int cli(String... args) {
        List<String> all = new ArrayList<>(List.of("--data-dir", dir.resolve("data").toString(),
                "--templates", TestFactory.ROOT.resolve("templates").toString()));
        all.addAll(List.of(args));
        return FactoryCli.run(all.toArray(String[]::new), new PrintWriter(out, true), new PrintWriter(err, true));
    }

    private FactoryRun run(BuildStatus builds) throws Exception {
        try (Factory app = TestFactory.withRecordedBuilds(dir.resolve("data"), new TestFactory.RecordingBuilds(builds))) {
            StartRun.Result r = app.runs().start().run(new StartRun.Request(TenantId.of("acme"), "invoicing.blueprint.yaml",
                    TestFactory.example("invoicing.blueprint.yaml"), Optional.of(dir.resolve("out")), StartRun.DEFAULT_TEMPLATE), RunProgress.SILENT);
            return ((StartRun.Result.Finished) r).run();
        }
    }

    @Test
    void anUnknownRunIsBadInput() {
        assertEquals(FactoryCli.BAD_INPUT, cli("mutation", "run-nope", "--tenant", "acme"));
        assertTrue(err.toString().contains("run run-nope not found for tenant acme"), err.toString());
        assertEquals("", out.toString());
    }

    @Test
    void aRunThatDidNotCompleteCannotBeMeasured() throws Exception {
        FactoryRun failed = run(BuildStatus.FAILED);
        assertEquals(RunStatus.FAILED, failed.status());
        assertEquals(FactoryCli.BAD_INPUT, cli("mutation", failed.runId(), "--tenant", "acme"));
        assertTrue(err.toString().contains("only a completed run"), err.toString());
        assertFalse(Files.exists(dir.resolve("data/builds/.mutation")), "nothing was measured");
    }

    @Test
    void anUnknownModuleAndABadTimeoutAreBadInput() throws Exception {
        FactoryRun done = run(BuildStatus.PASSED);
        assertEquals(RunStatus.COMPLETED, done.status(), done::failure);
        assertEquals(FactoryCli.BAD_INPUT, cli("mutation", done.runId(), "--tenant", "acme", "--module", "nope"));
        assertTrue(err.toString().contains("has no module 'nope'; its modules are "), err.toString());
        assertEquals(FactoryCli.BAD_INPUT, cli("mutation", done.runId(), "--tenant", "acme", "--timeout-seconds", "1"));
        assertTrue(err.toString().contains("--timeout-seconds must be between"), err.toString());
        assertEquals(FactoryCli.BAD_INPUT, cli("mutation", done.runId(), "--tenant", "globex"));
        assertTrue(err.toString().contains("not found for tenant globex"), err.toString());
    }

    @Test
    void figuresPrintAsATableAndAsJson() {
        MutationReport r = new MutationReport("billing", true, 400, 350, 30, 20, 1234,
                List.of(new MutationReport.ClassFigures("com.x.shared.Fields", 80, 10, 5)), "");
        MutationReport failed = MutationReport.failed("patients", 10, "mutation testing failed: tests do not pass");
        List<MeasureMutations.Measured> results = List.of(new MeasureMutations.Measured(r, Optional.of("art-1")),
                new MeasureMutations.Measured(failed, Optional.empty()));
        StringWriter table = new StringWriter();
        MutationCommand.print(new PrintWriter(table, true), results);
        assertTrue(table.toString().contains("billing                   400      350        30           20    87.5%"), table.toString());
        assertTrue(table.toString().contains("com.x.shared.Fields"), table.toString());
        assertTrue(table.toString().contains("patients             not measured: mutation testing failed: tests do not pass"), table.toString());
        JsonNode json = MutationCommand.asJson("run-1", results);
        assertEquals(87.5, json.get("modules").get(0).get("score").asDouble());
        assertEquals(20, json.get("modules").get(0).get("noCoverage").asInt());
        assertEquals("art-1", json.get("modules").get(0).get("artifactId").asText());
        assertEquals("com.x.shared.Fields", json.get("modules").get(0).get("classesWithMostSurvivors").get(0).get("class").asText());
        assertFalse(json.get("modules").get(1).get("measured").asBoolean());
        assertEquals("mutation testing failed: tests do not pass", json.get("modules").get(1).get("reason").asText());
    }
}
