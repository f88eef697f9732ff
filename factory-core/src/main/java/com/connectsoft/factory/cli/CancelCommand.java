package com.connectsoft.factory.cli;

import com.connectsoft.factory.app.Factory;
import com.connectsoft.factory.run.domain.FactoryRun;
import com.connectsoft.factory.run.vocabulary.RunStatus;
import com.connectsoft.factory.shared.domain.TenantId;
import java.time.Duration;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "cancel", description = "Cancel a run that has not ended: it stops, and what it left uncommitted (and its branch) is removed.")
final class CancelCommand extends FactoryCommand {
    @Parameters(index = "0", description = "Run id.")
    String runId;

    @Mixin
    TenantOption tenant;

    @Option(names = "--reason", description = "Why (kept on the run).", defaultValue = "")
    String reason;

    @Override
    public Integer call() {
        TenantId t = tenant.resolve(settings());
        try (Factory factory = open()) {
            try {
                factory.runs().cancellation().cancel(t, runId, reason);
            } catch (IllegalArgumentException | IllegalStateException e) {
                err().println(e.getMessage());
                return FactoryCli.BAD_INPUT;
            }
            factory.dispatchLocally();
            FactoryRun run = factory.runs().start().awaitEnded(t, runId, Duration.ofSeconds(60));
            factory.drain(Duration.ofSeconds(30));
            if (!run.terminal()) {
                out().println("Run " + runId + " is being cancelled (still " + run.status() + " after 60 s); it stops at its next step: "
                        + "./factory status " + runId + " --tenant " + t.value());
                return FactoryCli.OK;
            }
            RunReport.summary(out(), factory, t, run);
            return run.status() == RunStatus.CANCELLED ? FactoryCli.OK : FactoryCli.RUN_FAILED;
        }
    }
}
