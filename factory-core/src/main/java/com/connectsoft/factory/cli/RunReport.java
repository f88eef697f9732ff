package com.connectsoft.factory.cli;

import com.connectsoft.factory.app.Factory;
import com.connectsoft.factory.artifact.domain.Artifact;
import com.connectsoft.factory.blueprint.domain.Problem;
import com.connectsoft.factory.run.application.RunProgress;
import com.connectsoft.factory.run.domain.FactoryRun;
import com.connectsoft.factory.run.domain.ModuleResult;
import com.connectsoft.factory.run.domain.StageRecord;
import com.connectsoft.factory.run.vocabulary.RunStatus;
import com.connectsoft.factory.shared.domain.TenantId;
import java.io.PrintWriter;
import java.util.List;
import java.util.Optional;

/** How the CLI shows runs: progress lines as a run goes, a summary when it settles, and the exit code it means. */
final class RunReport {
    private RunReport() {
    }

    /** 0 completed, 4 waiting for approval, 1 anything else (partially completed, failed, cancelled). */
    static int exitCode(FactoryRun run) {
        return run.status() == RunStatus.COMPLETED ? FactoryCli.OK
                : run.status() == RunStatus.WAITING_FOR_APPROVAL ? FactoryCli.WAITING : FactoryCli.RUN_FAILED;
    }

    static void printProblems(PrintWriter err, List<Problem> problems) {
        problems.forEach(p -> err.println(p.render()));
        err.println(problems.size() + " problem(s); nothing was written.");
    }

    /** The tenant's run, or empty after saying on {@code err} that there is none. */
    static Optional<FactoryRun> runOf(Factory factory, TenantId t, String runId, PrintWriter err) {
        Optional<FactoryRun> run = factory.runs().queries().find(t, runId);
        if (run.isEmpty()) {
            err.println("run " + runId + " not found for tenant " + t.value() + " (see ./factory runs)");
        }
        return run;
    }

    /** Prints one line per stage and module as the run goes. */
    static final class Printer implements RunProgress {
        private final PrintWriter out;

        Printer(PrintWriter out) {
            this.out = out;
        }

        @Override
        public void stage(String stage, String status, long millis, String detail) {
            out.printf("[%-10s] %-9s %7d ms  %s%n", stage, status, millis, detail);
        }

        @Override
        public void module(String stage, String module, String detail) {
            out.printf("[%-10s]   %-18s %s%n", stage, module, detail);
        }
    }

    static void summary(PrintWriter out, Factory factory, TenantId tenant, FactoryRun run) {
        out.println();
        out.printf("Run %s %s for tenant %s (trace %s)%n", run.runId(), run.status(), tenant.value(), run.traceId());
        out.printf("  %-20s %6s %8s %14s  %-10s %s%n", "module", "files", "lines", "tests passed", "governance", "build");
        int files = 0;
        long lines = 0;
        for (ModuleResult m : run.modules()) {
            out.printf("  %-20s %6d %8d %8d/%-5d  %-10s %s%n", m.name(), m.files(), m.lines(), m.testsPassed(), m.testsRun(),
                    m.governance(), m.build());
            files += m.files();
            lines += m.lines();
        }
        out.printf("  %-20s %6d %8d%n", "total", files, lines);
        List<Artifact> artifacts = factory.artifacts().queries().byRun(tenant, run.runId());
        out.printf("Artifacts: %d (./factory artifacts %s)%n", artifacts.size(), run.runId());
        if (run.commitId() != null) {
            out.printf("Commit:    %s on branch %s of project %s%n", run.commitId(), run.branch(), run.projectId());
        }
        StringBuilder times = new StringBuilder();
        for (StageRecord s : run.stages()) {
            times.append(times.length() == 0 ? "" : ", ").append(s.name()).append(' ').append(s.durationMs()).append(" ms");
        }
        out.println("Stages:    " + times);
        if (run.outputDir() != null && !run.outputDir().isBlank()) {
            out.println("Sources:   " + run.outputDir());
        }
        if (run.failure() != null) {
            out.println("Failed:    " + run.failure());
        }
    }
}
