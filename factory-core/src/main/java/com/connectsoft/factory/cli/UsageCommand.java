package com.connectsoft.factory.cli;

import com.connectsoft.factory.app.Factory;
import com.connectsoft.factory.shared.domain.TenantId;
import com.connectsoft.factory.usage.application.UsageQueries;
import com.connectsoft.factory.usage.domain.UsageRecord;
import java.time.Duration;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "usage", description = "What a tenant consumed, per meter (and per run with --run).")
final class UsageCommand extends FactoryCommand {
    @Mixin
    TenantOption tenant;

    @Option(names = "--run", description = "Only this run's usage.")
    String runId;

    @Override
    public Integer call() {
        TenantId t = tenant.resolve(settings());
        try (Factory factory = open()) {
            factory.drain(Duration.ofSeconds(10));
            if (runId != null && factory.runs().queries().find(t, runId).isEmpty()) {
                err().println("tenant " + t.value() + " has no run " + runId + " (see ./factory runs --tenant " + t.value() + ")");
                return FactoryCli.BAD_INPUT;
            }
            UsageQueries usage = factory.usage().queries();
            List<UsageRecord> records = runId == null ? usage.records(t) : usage.records(t, runId);
            UsageQueries.totals(records).forEach((meter, total) -> out().printf("%-16s %10d %s%n", meter, total.quantity(), total.unit()));
            out().printf("%d usage record(s) for tenant %s%n", records.size(), t.value());
            return FactoryCli.OK;
        }
    }
}
