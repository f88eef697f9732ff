package com.connectsoft.factory.cli;

import com.connectsoft.factory.app.Factory;
import com.connectsoft.factory.build.application.MeasureMutations;
import com.connectsoft.factory.build.domain.MutationReport;
import com.connectsoft.factory.platform.json.Json;
import com.connectsoft.factory.run.domain.ModuleResult;
import com.connectsoft.factory.shared.domain.TenantId;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintWriter;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "mutation", description = "Measure how many of PIT's mutants each module's own tests kill (mutation score), for "
        + "every module of a completed run, in the build sandbox; records a MutationReport artifact per module.")
final class MutationCommand extends FactoryCommand {
    @Parameters(index = "0", description = "Run id (a completed run).")
    String runId;

    @Mixin
    TenantOption tenant;

    @Option(names = "--module", description = "Measure only this module.")
    String module;

    @Option(names = "--json", description = "Print the figures as JSON.")
    boolean json;

    @Option(names = "--timeout-seconds", defaultValue = "1800", description = "Time limit per module (default ${DEFAULT-VALUE}).")
    int timeoutSeconds;

    @Override
    public Integer call() {
        if (timeoutSeconds < 10 || timeoutSeconds > 86_400) {
            err().println("error: --timeout-seconds must be between 10 and 86400, not " + timeoutSeconds);
            return FactoryCli.BAD_INPUT;
        }
        TenantId t = tenant.resolve(settings());
        PrintWriter err = err();
        try (Factory factory = open().onNotice(line -> {
            err.println("factory: " + line);
            err.flush();
        })) {
            MeasureMutations measure;
            List<ModuleResult> modules;
            try {
                measure = factory.mutations();
                modules = measure.modules(t, runId, Optional.ofNullable(module));
            } catch (IllegalArgumentException e) {
                err.println("error: " + e.getMessage());
                return FactoryCli.BAD_INPUT;
            } catch (IllegalStateException e) {
                err.println("error: " + e.getMessage());
                return FactoryCli.NOT_AVAILABLE;
            }
            err.printf("factory: measuring %d module(s) of run %s with PIT (a few minutes each)...%n", modules.size(), runId);
            err.flush();
            List<MeasureMutations.Measured> results = measure.measure(t, runId, modules, Duration.ofSeconds(timeoutSeconds), m -> {
                err.printf("factory: %-18s %s%n", m.report().module(), m.report().measured()
                        ? percent(m.report().score()) + "% in " + m.report().durationMs() / 1000 + " s" : "not measured: " + m.report().reason());
                err.flush();
            });
            if (json) {
                out().println(Json.pretty(asJson(runId, results)));
            } else {
                print(out(), results);
            }
            return results.stream().allMatch(m -> m.report().measured()) ? FactoryCli.OK : FactoryCli.RUN_FAILED;
        }
    }

    static String percent(double score) {
        return BigDecimal.valueOf(score).setScale(1, RoundingMode.HALF_UP).toPlainString();
    }

    static ObjectNode asJson(String runId, List<MeasureMutations.Measured> results) {
        ObjectNode root = Json.object();
        root.put("runId", runId);
        ArrayNode list = root.putArray("modules");
        for (MeasureMutations.Measured m : results) {
            MutationReport r = m.report();
            ObjectNode o = list.addObject();
            o.put("module", r.module());
            o.put("measured", r.measured());
            if (r.measured()) {
                o.put("mutants", r.mutants()).put("killed", r.killed()).put("survived", r.survived()).put("noCoverage", r.noCoverage())
                        .put("score", new BigDecimal(percent(r.score()))).put("durationMs", r.durationMs());
                ArrayNode classes = o.putArray("classesWithMostSurvivors");
                r.classes().forEach(c -> classes.addObject().put("class", c.className()).put("mutants", c.mutants())
                        .put("survived", c.survived()).put("noCoverage", c.noCoverage()));
                m.artifactId().ifPresent(a -> o.put("artifactId", a));
            } else {
                o.put("reason", r.reason());
            }
        }
        return root;
    }

    static void print(PrintWriter out, List<MeasureMutations.Measured> results) {
        out.printf("%-20s %8s %8s %9s %12s %8s%n", "module", "mutants", "killed", "survived", "no coverage", "score");
        for (MeasureMutations.Measured m : results) {
            MutationReport r = m.report();
            if (!r.measured()) {
                out.printf("%-20s not measured: %s%n", r.module(), r.reason());
                continue;
            }
            out.printf("%-20s %8d %8d %9d %12d %7s%%%n", r.module(), r.mutants(), r.killed(), r.survived(), r.noCoverage(), percent(r.score()));
            for (MutationReport.ClassFigures c : r.classes()) {
                out.printf("    %-56s %3d survived, %3d no coverage (of %d)%n", c.className(), c.survived(), c.noCoverage(), c.mutants());
            }
        }
        List<String> ids = results.stream().flatMap(m -> m.artifactId().stream()).toList();
        if (!ids.isEmpty()) {
            out.printf("Recorded %d MutationReport artifact(s) (./factory artifacts <run>)%n", ids.size());
        }
    }
}
