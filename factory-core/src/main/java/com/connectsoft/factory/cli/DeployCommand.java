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

    @Option(names = "--entra-tenant", paramLabel = "<directory id>", description = "Directory (tenant) id of the Entra ID app registration "
            + "callers of the generated APIs get tokens from (needed by modules that sign callers in; default $FACTORY_ENTRA_TENANT_ID).")
    String entraTenant;

    @Option(names = "--entra-client", paramLabel = "<client id>", description = "Application (client) id of that app registration "
            + "(default $FACTORY_ENTRA_CLIENT_ID).")
    String entraClient;

    @Option(names = "--entra-audience", paramLabel = "<audience>", description = "Token audience, e.g. api://invoicing (default: the "
            + "client id; $FACTORY_ENTRA_AUDIENCE).")
    String entraAudience;

    private static String orEnv(String given, String name) {
        if (given != null) {
            return given;
        }
        String v = System.getenv(name);
        return v == null || v.isBlank() ? null : v.strip();
    }

    @Override
    public Integer call() {
        TenantId t = tenant.resolve(settings());
        try (Factory factory = open()) {
            DeployRun.Outcome outcome;
            try {
                var signIn = DeployRun.SignIn.of(orEnv(entraTenant, "FACTORY_ENTRA_TENANT_ID"), orEnv(entraClient, "FACTORY_ENTRA_CLIENT_ID"),
                        orEnv(entraAudience, "FACTORY_ENTRA_AUDIENCE"));
                outcome = factory.deploy(System.getenv()).deploy(t, runId, stack, update, signIn);
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
                    if (!p.missing().isEmpty()) {
                        err().printf("    (it signs callers in with Entra ID: first pulumi config set %s with your app registration's ids,"
                                + " or give --entra-tenant and --entra-client)%n", String.join(" and ", p.missing()));
                    }
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
