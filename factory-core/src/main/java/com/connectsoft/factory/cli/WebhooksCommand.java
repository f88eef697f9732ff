package com.connectsoft.factory.cli;

import com.connectsoft.factory.app.Factory;
import com.connectsoft.factory.integration.application.WebhookAdministration;
import com.connectsoft.factory.api.WebhookHttp;
import com.connectsoft.factory.integration.domain.Webhook;
import com.connectsoft.factory.integration.domain.WebhookCredentials;
import com.connectsoft.factory.shared.domain.TenantId;
import java.io.PrintWriter;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code factory webhooks}: a tenant's Event Grid webhooks. Each has its own credential, shown once (only its hash is
 * kept), which the tenant's Event Grid subscription sends as a delivery attribute; it alone names the tenant.
 */
@Command(name = "webhooks", description = "Event Grid webhooks of a tenant: each has its own credential, which names the tenant.",
        subcommands = {WebhooksCommand.Create.class, WebhooksCommand.ListWebhooks.class, WebhooksCommand.Rotate.class,
                WebhooksCommand.Revoke.class})
final class WebhooksCommand extends FactoryCommand {
    @Override
    public Integer call() {
        return usage();
    }

    /** Options every webhooks subcommand takes. */
    abstract static class WebhookCommand extends FactoryCommand {
        @Option(names = "--tenant", required = true, description = "The tenant (registered with ./factory keys create).")
        String tenant;

        @Override
        public final Integer call() {
            TenantId t = TenantId.of(tenant);
            PrintWriter out = out();
            PrintWriter err = err();
            try (Factory factory = open()) {
                if (factory.tenancy().administration().find(t).isEmpty()) {
                    err.println("error: tenant " + t.value() + " is not registered; create it with ./factory keys create --tenant " + t.value());
                    return FactoryCli.BAD_INPUT;
                }
                return run(out, err, factory.integration().webhooks(), t);
            }
        }

        abstract int run(PrintWriter out, PrintWriter err, WebhookAdministration credentials, TenantId tenant);
    }

    /** Where to send events and what to send with them. */
    abstract static class IssuingCommand extends WebhookCommand {
        @Option(names = "--url", defaultValue = "http://localhost:7071", description = "The factory's base URL (in Azure: "
                + "https://<function app host>, the stack's webhookEndpoint output; default ${DEFAULT-VALUE}).")
        String url;

        void print(PrintWriter out, WebhookCredentials.Issued issued) {
            String endpoint = url.replaceAll("/+$", "") + WebhookHttp.ENDPOINT;
            out.printf("webhook %s (%s) of tenant %s; the credential is shown once, only its hash is kept%n", issued.webhook().webhookId(),
                    issued.webhook().name(), issued.webhook().tenantId());
            out.printf("endpoint:           %s%n", endpoint);
            out.printf("delivery attribute: %s: %s   (static header, mark it secret)%n", WebhookHttp.HEADER, issued.credential());
            out.printf("e.g. az eventgrid event-subscription create --name <name> --source-resource-id <your topic> --endpoint %s "
                    + "--delivery-attribute-mapping %s static %s true%n", endpoint, WebhookHttp.HEADER, issued.credential());
        }
    }

    @Command(name = "create", description = "Create a webhook and print its endpoint and credential (shown once).")
    static final class Create extends IssuingCommand {
        @Option(names = "--name", defaultValue = "eventgrid", description = "What it is for (default ${DEFAULT-VALUE}).")
        String name;

        @Override
        int run(PrintWriter out, PrintWriter err, WebhookAdministration credentials, TenantId tenant) {
            print(out, credentials.create(tenant, name));
            return FactoryCli.OK;
        }
    }

    @Command(name = "list", description = "List the tenant's webhooks (never their credentials).")
    static final class ListWebhooks extends WebhookCommand {
        @Override
        int run(PrintWriter out, PrintWriter err, WebhookAdministration credentials, TenantId tenant) {
            List<Webhook> all = credentials.list(tenant);
            out.printf("%-16s %-24s %-22s %s%n", "webhook", "name", "created", "credential issued");
            for (Webhook w : all) {
                out.printf("%-16s %-24s %-22s %s%n", w.webhookId(), w.name(), w.createdAt().toString().substring(0, 19),
                        w.rotatedAt().toString().substring(0, 19));
            }
            out.printf("%d webhook(s) for tenant %s%n", all.size(), tenant.value());
            return FactoryCli.OK;
        }
    }

    @Command(name = "rotate", description = "Issue a new credential for a webhook; the old one stops working at once.")
    static final class Rotate extends IssuingCommand {
        @Parameters(index = "0", description = "Webhook id (see ./factory webhooks list).")
        String webhookId;

        @Override
        int run(PrintWriter out, PrintWriter err, WebhookAdministration credentials, TenantId tenant) {
            var issued = credentials.rotate(tenant, webhookId);
            if (issued.isEmpty()) {
                err.println("error: tenant " + tenant.value() + " has no webhook " + webhookId + " (see ./factory webhooks list --tenant "
                        + tenant.value() + ")");
                return FactoryCli.BAD_INPUT;
            }
            print(out, issued.get());
            out.println("update the Event Grid subscription's delivery attribute now: the old credential is refused from here on");
            return FactoryCli.OK;
        }
    }

    @Command(name = "revoke", description = "Delete a webhook; its credential stops working at once.")
    static final class Revoke extends WebhookCommand {
        @Parameters(index = "0", description = "Webhook id (see ./factory webhooks list).")
        String webhookId;

        @Override
        int run(PrintWriter out, PrintWriter err, WebhookAdministration credentials, TenantId tenant) {
            if (!credentials.revoke(tenant, webhookId)) {
                err.println("error: tenant " + tenant.value() + " has no webhook " + webhookId);
                return FactoryCli.BAD_INPUT;
            }
            out.printf("webhook %s of tenant %s revoked%n", webhookId, tenant.value());
            return FactoryCli.OK;
        }
    }
}
