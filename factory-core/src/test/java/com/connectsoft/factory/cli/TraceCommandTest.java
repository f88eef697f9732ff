package com.connectsoft.factory.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.connectsoft.factory.app.Factory;
import com.connectsoft.factory.platform.telemetry.TracingSettings;
import com.connectsoft.factory.run.TestFactory;
import com.connectsoft.factory.run.application.RunProgress;
import com.connectsoft.factory.run.application.StartRun;
import com.connectsoft.factory.run.domain.FactoryRun;
import com.connectsoft.factory.run.vocabulary.BuildStatus;
import com.connectsoft.factory.run.vocabulary.RunStatus;
import com.connectsoft.factory.shared.domain.TenantId;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code factory trace}: a run's spans, written to the traces file as it ran, printed as a tree for its tenant only. */
class TraceCommandTest {
    @TempDir
    Path dir;
    private StringWriter out = new StringWriter();
    private StringWriter err = new StringWriter();

    private int cli(String... args) {
        out = new StringWriter();
        err = new StringWriter();
        List<String> all = new ArrayList<>(List.of("--data-dir", dir.resolve("data").toString(),
                "--templates", TestFactory.ROOT.resolve("templates").toString()));
        all.addAll(List.of(args));
        return FactoryCli.run(all.toArray(String[]::new), new PrintWriter(out, true), new PrintWriter(err, true));
    }

    @Test
    void printsTheRunsSpanTreeFromTheTracesFile() throws Exception {
        Path traces = dir.resolve("traces").resolve("spans.jsonl");
        FactoryRun run;
        try (Factory app = Factory.with(TestFactory.settings(dir.resolve("data"))).builds(new TestFactory.RecordingBuilds(BuildStatus.PASSED))
                .tracing(TracingSettings.from(Map.of(TracingSettings.TRACES_FILE, traces.toString())).open())
                .clock(Clock.systemUTC()).open().dispatchLocally()) {
            run = assertInstanceOf(StartRun.Result.Finished.class, app.runs().start().run(new StartRun.Request(TenantId.of("acme"),
                    "invoicing.blueprint.yaml", TestFactory.example("invoicing.blueprint.yaml"), Optional.of(dir.resolve("out")),
                    StartRun.DEFAULT_TEMPLATE), RunProgress.SILENT)).run();
            assertEquals(RunStatus.COMPLETED, run.status());
            app.drain(Duration.ofSeconds(30));
        }
        assertTrue(Files.size(traces) > 0);
        for (String line : Files.readAllLines(traces)) {
            assertFalse(line.contains("Issue invoices to customers"), "no blueprint text in the traces file: " + line);
            assertFalse(line.contains("vatNumber"), "no field names in the traces file: " + line);
        }

        assertEquals(FactoryCli.OK, cli("trace", run.runId(), "--tenant", "acme", "--file", traces.toString()), err.toString());
        String printed = out.toString();
        assertTrue(printed.startsWith("Trace " + run.traceId() + " of run " + run.runId() + " (tenant acme)"), printed);
        List<String> lines = printed.lines().toList();
        assertTrue(lines.get(1).startsWith("run  "), "a run started from the CLI is the root of its trace: " + lines.get(1));
        int commit = indexOf(lines, "git commit");
        int publish = indexOf(lines, "capability git-publish");
        assertTrue(publish >= 0 && commit > publish && indent(lines.get(commit)) == indent(lines.get(publish)) + 2,
                "the commit is drawn under the git-publish capability:\n" + printed);
        assertEquals(2, lines.stream().filter(l -> l.trim().startsWith("build  ")).count(), "one build per module:\n" + printed);
        assertFalse(printed.contains("not in the file"), printed);

        assertEquals(FactoryCli.BAD_INPUT, cli("trace", run.runId(), "--tenant", "globex", "--file", traces.toString()));
        assertTrue(out.toString().isEmpty(), "another tenant sees nothing of the run: " + out);
        assertEquals(FactoryCli.BAD_INPUT, cli("trace", run.runId(), "--tenant", "acme", "--file", dir.resolve("none.jsonl").toString()));
        assertTrue(err.toString().contains("does not exist"), err.toString());
    }

    private static int indexOf(List<String> lines, String name) {
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).trim().startsWith(name + "  ")) {
                return i;
            }
        }
        return -1;
    }

    private static int indent(String line) {
        return line.length() - line.stripLeading().length();
    }
}
