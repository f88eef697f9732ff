package com.connectsoft.factory.cli;

import com.connectsoft.factory.app.Factory;
import com.connectsoft.factory.artifact.application.ArtifactQueries;
import com.connectsoft.factory.artifact.domain.Artifact;
import com.connectsoft.factory.shared.domain.TenantId;
import java.io.PrintWriter;
import java.util.List;
import java.util.Optional;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

@Command(name = "lineage", description = "Show where an artifact came from and what was made from it.")
final class LineageCommand extends FactoryCommand {
    @Parameters(index = "0", description = "Artifact id.")
    String artifactId;

    @Mixin
    TenantOption tenant;

    @Override
    public Integer call() {
        TenantId t = tenant.resolve(settings());
        PrintWriter out = out();
        try (Factory factory = open()) {
            Optional<ArtifactQueries.Lineage> lineage = factory.artifacts().queries().lineage(t, artifactId);
            if (lineage.isEmpty()) {
                err().println("artifact " + artifactId + " not found for tenant " + t.value());
                return FactoryCli.BAD_INPUT;
            }
            Artifact x = lineage.get().artifact();
            out.printf("%s  %s \"%s\"%n", x.artifactId(), x.artifactType(), x.name());
            out.printf("  status %s, version %s, %s%n  produced by %s / %s in run %s, trace %s%n  blueprint %s, stored at %s%n",
                    x.status(), x.version(), x.contentHash(), x.producedByAgentId(), x.producedBySkillId(), x.runId(), x.traceId(),
                    x.sourceBlueprintId(), x.storageRef());
            out.println("made from:");
            if (lineage.get().madeFrom().isEmpty()) {
                out.println("  (an input of the run)");
            }
            ancestors(out, lineage.get().madeFrom(), "  ");
            out.println("used by:");
            List<Artifact> derived = lineage.get().usedBy();
            if (derived.isEmpty()) {
                out.println("  (nothing yet)");
            }
            derived.forEach(dv -> out.printf("  %s %s \"%s\"%n", dv.artifactId(), dv.artifactType(), dv.name()));
            return FactoryCli.OK;
        }
    }

    private static void ancestors(PrintWriter out, List<ArtifactQueries.Ancestor> ancestors, String indent) {
        for (ArtifactQueries.Ancestor a : ancestors) {
            out.printf("%s<- %s %s%n", indent, a.artifactId(), a.artifact().map(i -> i.artifactType() + " \"" + i.name() + "\"").orElse("(missing)"));
            ancestors(out, a.madeFrom(), indent + "   ");
        }
    }
}
