package com.connectsoft.factory.cli;

import com.connectsoft.factory.app.Factory;
import com.connectsoft.factory.run.application.StartRun;
import com.connectsoft.factory.run.domain.FactoryRun;
import com.connectsoft.factory.shared.domain.TenantId;
import java.io.PrintWriter;
import java.time.Duration;
import picocli.CommandLine.Command;

@Command(name = "resume", description = "Continue every unfinished run in the data directory; returns when each has ended or waits for approval.")
final class ResumeCommand extends FactoryCommand {
    @Override
    public Integer call() {
        PrintWriter out = out();
        try (Factory factory = openRunning()) {
            StartRun runs = factory.runs().start();
            boolean failed = false;
            int count = 0;
            for (FactoryRun r : factory.runs().queries().unfinished()) {
                TenantId t = TenantId.of(r.tenantId());
                count++;
                out.printf("resuming run %s of tenant %s (%s)%n", r.runId(), t.value(), r.status());
                runs.listen(r.runId(), new RunReport.Printer(out));
                FactoryRun settled = runs.export(runs.awaitSettled(t, r.runId()));
                out.printf("run %s: %s%s%n", settled.runId(), settled.status(), settled.failure() == null ? "" : " - " + settled.failure());
                failed |= RunReport.exitCode(settled) == FactoryCli.RUN_FAILED;
            }
            factory.drain(Duration.ofSeconds(30));
            out.printf("%d unfinished run(s) continued%n", count);
            return failed ? FactoryCli.RUN_FAILED : FactoryCli.OK; // a run waiting for approval has done what it can
        }
    }
}
