package com.connectsoft.factory.cli;

import com.connectsoft.factory.app.Factory;
import com.connectsoft.factory.artifact.domain.Artifact;
import com.connectsoft.factory.shared.domain.TenantId;
import java.io.PrintWriter;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

@Command(name = "artifacts", description = "List the artifacts a run recorded.")
final class ArtifactsCommand extends FactoryCommand {
    @Parameters(index = "0", description = "Run id.")
    String runId;

    @Mixin
    TenantOption tenant;

    @Override
    public Integer call() {
        TenantId t = tenant.resolve(settings());
        PrintWriter out = out();
        try (Factory factory = open()) {
            if (RunReport.runOf(factory, t, runId, err()).isEmpty()) {
                return FactoryCli.BAD_INPUT;
            }
            List<Artifact> list = factory.artifacts().queries().byRun(t, runId);
            out.printf("%-28s %-17s %-26s %-10s %s%n", "artifact", "type", "name", "status", "contentHash");
            for (Artifact a : list) {
                out.printf("%-28s %-17s %-26s %-10s %s%n", a.artifactId(), a.artifactType(), a.name(), a.status(),
                        a.contentHash().substring(0, 19) + "…");
            }
            out.printf("%d artifact(s) in run %s%n", list.size(), runId);
            return FactoryCli.OK;
        }
    }
}
