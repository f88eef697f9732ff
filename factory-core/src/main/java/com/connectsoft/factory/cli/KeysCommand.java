package com.connectsoft.factory.cli;

import com.connectsoft.factory.app.Factory;
import com.connectsoft.factory.shared.domain.TenantId;
import com.connectsoft.factory.tenancy.application.TenantAdministration;
import com.connectsoft.factory.tenancy.domain.KeyLifetime;
import com.connectsoft.factory.tenancy.domain.Tenant;
import java.io.PrintWriter;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Locale;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code factory keys}: a tenant's API keys for the HTTP API. */
@Command(name = "keys", description = "API keys for the HTTP API: create, list, revoke.",
        subcommands = {KeysCommand.Create.class, KeysCommand.ListKeys.class, KeysCommand.Revoke.class})
final class KeysCommand extends FactoryCommand {
    @Override
    public Integer call() {
        return usage();
    }

    private static String second(Instant at) {
        return at.truncatedTo(ChronoUnit.SECONDS).toString();
    }

    @Command(name = "create", description = "Create an API key for a tenant (registered if new); it is shown once, on its own line.")
    static final class Create extends FactoryCommand {
        @Mixin
        RequiredTenantOption tenant;

        @Option(names = "--expires-in", defaultValue = "90d",
                description = "Lifetime: <n>d or <n>h, between 1h and 730d (default ${DEFAULT-VALUE}).")
        String expiresIn;

        @Override
        public Integer call() {
            TenantId t = tenant.value();
            Duration lifetime = KeyLifetime.parse(expiresIn);
            try (Factory factory = open()) {
                var onboarded = factory.tenancy().administration().onboard(t, t.value(), Tenant.DEFAULT_PLAN, lifetime);
                out().println(onboarded.key().key());
                err().printf("key %s for tenant %s expires %s%n", onboarded.key().info().keyId(), t.value(),
                        onboarded.key().info().expiresAt().map(Object::toString).orElse("never"));
                return FactoryCli.OK;
            }
        }
    }

    @Command(name = "list", description = "List a tenant's API keys: id, start of the key, status, created, expires, last used, revoked.")
    static final class ListKeys extends FactoryCommand {
        @Mixin
        RequiredTenantOption tenant;

        @Override
        public Integer call() {
            TenantId t = tenant.value();
            PrintWriter out = out();
            try (Factory factory = open()) {
                var all = factory.tenancy().administration().keys(t);
                out.printf("%-24s %-20s %-8s %-20s %-20s %-20s %s%n", "key", "starts", "status", "created", "expires", "last used", "revoked");
                for (var k : all) {
                    out.printf("%-24s %-20s %-8s %-20s %-20s %-20s %s%n", k.keyId(), k.prefix(), k.status().name().toLowerCase(Locale.ROOT),
                            second(k.createdAt()), k.expiresAt().map(KeysCommand::second).orElse("never"),
                            k.lastUsedAt().map(KeysCommand::second).orElse("-"), k.revokedAt().map(KeysCommand::second).orElse("-"));
                }
                out.printf("%d key(s) for tenant %s%n", all.size(), t.value());
                return FactoryCli.OK;
            }
        }
    }

    @Command(name = "revoke", description = "Revoke one of a tenant's API keys at once (revoking twice changes nothing).")
    static final class Revoke extends FactoryCommand {
        @Parameters(index = "0", description = "Key id (see ./factory keys list).")
        String keyId;

        @Mixin
        RequiredTenantOption tenant;

        @Override
        public Integer call() {
            TenantId t = tenant.value();
            try (Factory factory = open()) {
                TenantAdministration admin = factory.tenancy().administration();
                var revoked = admin.revokeKey(t, keyId);
                if (revoked.isEmpty()) {
                    err().println("tenant " + t.value() + " has no key with that id (see ./factory keys list --tenant " + t.value() + ")");
                    return FactoryCli.BAD_INPUT;
                }
                out().printf("revoked key %s of tenant %s at %s%n", revoked.get().keyId(), t.value(),
                        revoked.get().revokedAt().map(KeysCommand::second).orElse("?"));
                return FactoryCli.OK;
            }
        }
    }
}
