package com.connectsoft.factory.cli;

import com.connectsoft.factory.app.Factory;
import com.connectsoft.factory.run.domain.FactoryRun;
import com.connectsoft.factory.run.domain.StageRecord;
import com.connectsoft.factory.shared.domain.TenantId;
import java.util.Optional;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

@Command(name = "status", description = "Show one run: its status, each stage with its time, and each module.")
final class StatusCommand extends FactoryCommand {
    @Parameters(index = "0", description = "Run id.")
    String runId;

    @Mixin
    TenantOption tenant;

    @Override
    public Integer call() {
        TenantId t = tenant.resolve(settings());
        try (Factory factory = open()) {
            Optional<FactoryRun> run = RunReport.runOf(factory, t, runId, err());
            if (run.isEmpty()) {
                return FactoryCli.BAD_INPUT;
            }
            for (StageRecord s : run.get().stages()) {
                out().printf("[%-10s] %-9s %7d ms  %s%n", s.name(), s.status(), s.durationMs(), s.detail());
            }
            RunReport.summary(out(), factory, t, run.get());
            return FactoryCli.OK;
        }
    }
}
