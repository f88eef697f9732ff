package com.connectsoft.factory.cli;

import com.connectsoft.factory.app.Factory;
import com.connectsoft.factory.run.domain.FactoryRun;
import com.connectsoft.factory.shared.domain.TenantId;
import java.io.PrintWriter;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

@Command(name = "runs", description = "List a tenant's runs with their status.")
final class RunsCommand extends FactoryCommand {
    @Mixin
    TenantOption tenant;

    @Override
    public Integer call() {
        TenantId t = tenant.resolve(settings());
        PrintWriter out = out();
        try (Factory factory = open()) {
            List<FactoryRun> runs = factory.runs().queries().list(t);
            out.printf("%-32s %-20s %-24s %-22s %s%n", "run", "status", "project", "started", "modules");
            for (FactoryRun r : runs) {
                out.printf("%-32s %-20s %-24s %-22s %d%n", r.runId(), r.status(), r.projectId(), r.createdAt().toString().substring(0, 19),
                        r.modules().size());
            }
            out.printf("%d run(s) for tenant %s%n", runs.size(), t.value());
            return FactoryCli.OK;
        }
    }
}
