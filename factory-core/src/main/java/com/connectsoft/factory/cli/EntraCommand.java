package com.connectsoft.factory.cli;

import com.connectsoft.factory.app.Factory;
import com.connectsoft.factory.tenancy.application.DirectoryAdministration;
import com.connectsoft.factory.shared.domain.TenantId;
import com.connectsoft.factory.tenancy.domain.DirectoryLinks;
import java.io.PrintWriter;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code factory entra}: the platform administrator links an Entra ID directory (tenant id) to a factory tenant, so
 * that the directory's access tokens sign in as that tenant in the function app. Nothing links by itself.
 */
@Command(name = "entra", description = "Link Entra ID directories to tenants (whose tokens then sign in as that tenant).",
        subcommands = {EntraCommand.Link.class, EntraCommand.Unlink.class, EntraCommand.ListLinks.class})
final class EntraCommand extends FactoryCommand {
    @Override
    public Integer call() {
        return usage();
    }

    abstract static class LinkCommand extends FactoryCommand {
        @Override
        public final Integer call() {
            try (Factory factory = open()) {
                return run(out(), err(), factory.tenancy().directories());
            }
        }

        abstract int run(PrintWriter out, PrintWriter err, DirectoryAdministration links);
    }

    @Command(name = "link", description = "Link a directory to a registered tenant (a directory has one tenant at most).")
    static final class Link extends LinkCommand {
        @Option(names = "--tenant", required = true, description = "The factory tenant.")
        String tenant;

        @Option(names = "--directory", required = true, description = "The Entra ID directory (tenant) id, a GUID.")
        String directory;

        @Override
        int run(PrintWriter out, PrintWriter err, DirectoryAdministration links) {
            DirectoryLinks.DirectoryLink l = links.link(directory, TenantId.of(tenant));
            out.printf("directory %s signs in as tenant %s (linked %s)%n", l.directoryId(), l.tenant().value(), l.linkedAt());
            return FactoryCli.OK;
        }
    }

    @Command(name = "unlink", description = "Remove a directory's link; its tokens sign in as nobody from then on.")
    static final class Unlink extends LinkCommand {
        @Option(names = "--directory", required = true, description = "The Entra ID directory (tenant) id.")
        String directory;

        @Override
        int run(PrintWriter out, PrintWriter err, DirectoryAdministration links) {
            if (!links.unlink(directory)) {
                err.println("error: directory " + directory + " is not linked");
                return FactoryCli.BAD_INPUT;
            }
            out.printf("directory %s unlinked%n", directory);
            return FactoryCli.OK;
        }
    }

    @Command(name = "list", description = "The directories linked to a tenant.")
    static final class ListLinks extends LinkCommand {
        @Option(names = "--tenant", required = true, description = "The factory tenant.")
        String tenant;

        @Override
        int run(PrintWriter out, PrintWriter err, DirectoryAdministration links) {
            var all = links.linkedTo(TenantId.of(tenant));
            all.forEach(l -> out.printf("%s  linked %s%n", l.directoryId(), l.linkedAt()));
            out.printf("%d directory(ies) linked to tenant %s%n", all.size(), tenant);
            return FactoryCli.OK;
        }
    }
}
