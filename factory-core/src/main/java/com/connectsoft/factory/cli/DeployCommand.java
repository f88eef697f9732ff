package com.connectsoft.factory.cli;

import com.connectsoft.factory.app.Factory;
import com.connectsoft.factory.deploy.application.DeployRun;
import com.connectsoft.factory.shared.domain.TenantId;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "deploy", description = "Preview (or with --update, update) the Azure resources of a completed run's modules "
        + "with each module's infra/ Pulumi program, through the Pulumi Automation API (needs the Pulumi CLI).")
final class DeployCommand extends FactoryCommand {
    @Parameters(index = "0", description = "Run id (a completed run).")
    String runId;

    @Mixin
    TenantOption tenant;

    @Option(names = "--stack", defaultValue = "dev", description = "Pulumi stack of every module (default ${DEFAULT-VALUE}).")
    String stack;

    @Option(names = "--update", description = "Update the stacks (pulumi up) instead of previewing them.")
    boolean update;

    @Override
    public Integer call() {
        TenantId t = tenant.resolve(settings());
        try (Factory factory = open()) {
            DeployRun.Outcome outcome;
            try {
                outcome = factory.deploy(System.getenv()).deploy(t, runId, stack, update);
            } catch (IllegalArgumentException e) {
                err().println("error: " + e.getMessage());
                return FactoryCli.BAD_INPUT;
            }
            if (outcome instanceof DeployRun.NoCli none) {
                err().println("error: no Pulumi CLI found (looked in " + none.whereLooked() + "), so nothing was previewed or deployed. "
                        + "Install it (https://www.pulumi.com/docs/iac/download-install/) and run this again, or run each ready program yourself:");
                for (var p : none.programs()) {
                    err().printf("  %s: cd %s && pulumi stack select --create %s%s && mvn -Pazure -f ../pom.xml package && pulumi %s%n",
                            p.module(), p.dir(), stack, p.config().entrySet().stream().map(e -> " && pulumi config set " + e.getKey() + " "
                                    + e.getValue()).collect(Collectors.joining()), update ? "up" : "preview");
                }
                return FactoryCli.NOT_AVAILABLE;
            }
            var ran = (DeployRun.Ran) outcome;
            for (int i = 0; i < ran.programs().size(); i++) {
                out().printf("%s (stack %s): %s%n", ran.programs().get(i).module(), stack, ran.summaries().get(i));
            }
            return FactoryCli.OK;
        }
    }
}
