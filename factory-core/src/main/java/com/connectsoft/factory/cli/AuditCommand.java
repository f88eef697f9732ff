package com.connectsoft.factory.cli;

import com.connectsoft.factory.app.Factory;
import com.connectsoft.factory.audit.domain.AuditChain;
import com.connectsoft.factory.audit.domain.AuditEntry;
import com.connectsoft.factory.shared.domain.TenantId;
import java.io.PrintWriter;
import java.time.temporal.ChronoUnit;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "audit", description = "A tenant's hash-chained audit log: list its entries, verify the chain.",
        subcommands = {AuditCommand.Verify.class, AuditCommand.ListEntries.class})
final class AuditCommand extends FactoryCommand {
    @Override
    public Integer call() {
        return usage();
    }

    @Command(name = "verify", description = "Prove the tenant's audit log intact, or name the first entry that was altered, removed or "
            + "reordered (exit 1).")
    static final class Verify extends FactoryCommand {
        @Mixin
        RequiredTenantOption tenant;

        @Override
        public Integer call() {
            TenantId t = tenant.value();
            try (Factory factory = open()) {
                AuditChain.Verification v = factory.audit().queries().verify(t);
                if (v instanceof AuditChain.Verification.Intact ok) {
                    out().printf("audit log of tenant %s is intact: %d entries, head %s%n", t.value(), ok.entries(), ok.headHash());
                    return FactoryCli.OK;
                }
                AuditChain.Verification.Broken broken = (AuditChain.Verification.Broken) v;
                err().printf("audit log of tenant %s is BROKEN at entry %d (%s): %s%n", t.value(), broken.sequence(),
                        broken.breach().name().toLowerCase(java.util.Locale.ROOT).replace('_', '-'), broken.detail());
                return FactoryCli.RUN_FAILED;
            }
        }
    }

    @Command(name = "list", description = "The tenant's newest audit entries, oldest first: sequence, time, action, actor, subject, details.")
    static final class ListEntries extends FactoryCommand {
        @Mixin
        RequiredTenantOption tenant;

        @Option(names = "--limit", defaultValue = "50", description = "How many of the newest entries (1-1000, default ${DEFAULT-VALUE}).")
        int limit;

        @Override
        public Integer call() {
            TenantId t = tenant.value();
            PrintWriter out = out();
            try (Factory factory = open()) {
                var entries = factory.audit().queries().latest(t, limit);
                out.printf("%6s  %-20s %-20s %-28s %-40s %s%n", "seq", "at", "action", "actor", "subject", "details");
                for (AuditEntry e : entries) {
                    out.printf("%6d  %-20s %-20s %-28s %-40s %s%n", e.sequence(), e.at().truncatedTo(ChronoUnit.SECONDS), e.action().key(),
                            e.actor(), e.subject(), e.details());
                }
                out.printf("%d entr%s of tenant %s%n", entries.size(), entries.size() == 1 ? "y" : "ies", t.value());
                return FactoryCli.OK;
            }
        }
    }
}
