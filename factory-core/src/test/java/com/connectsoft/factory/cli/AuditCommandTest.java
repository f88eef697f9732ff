package com.connectsoft.factory.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.connectsoft.factory.app.Factory;
import com.connectsoft.factory.audit.adapter.DocumentAuditLog;
import com.connectsoft.factory.run.TestFactory;
import com.connectsoft.factory.shared.domain.TenantId;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** {@code ./factory audit verify|list}: exit 0 on an intact log, 1 naming the first broken entry after tampering. */
class AuditCommandTest {
    private Path dir;
    private StringWriter out = new StringWriter();
    private StringWriter err = new StringWriter();

    @BeforeEach
    void dir() throws Exception {
        dir = Files.createTempDirectory("audit-cli");
    }

    private int cli(String... args) {
        out = new StringWriter();
        err = new StringWriter();
        List<String> all = new ArrayList<>(List.of("--data-dir", dir.resolve("data").toString(),
                "--templates", TestFactory.ROOT.resolve("templates").toString()));
        all.addAll(List.of(args));
        return FactoryCli.run(all.toArray(String[]::new), new PrintWriter(out, true), new PrintWriter(err, true));
    }

    @Test
    void verifyPassesOnAnUntouchedLogAndNamesTheAlteredEntry() {
        assertEquals(FactoryCli.OK, cli("keys", "create", "--tenant", "acme"));
        assertEquals(FactoryCli.OK, cli("keys", "create", "--tenant", "acme"));
        assertEquals(FactoryCli.OK, cli("audit", "verify", "--tenant", "acme"));
        assertTrue(out.toString().contains("audit log of tenant acme is intact: 2 entries"), out::toString);
        assertEquals(FactoryCli.OK, cli("audit", "list", "--tenant", "acme"));
        assertTrue(out.toString().contains("apikey.created") && out.toString().contains("2 entries of tenant acme"), out::toString);

        try (Factory app = Factory.open(TestFactory.settings(dir.resolve("data")))) {
            var store = app.platform().store();
            TenantId acme = TenantId.of("acme");
            ObjectNode first = (ObjectNode) store.get(acme, "audit-entries", DocumentAuditLog.entryId(1)).orElseThrow().body().deepCopy();
            first.put("actor", "tenant:someone-else");
            store.transact(acme, tx -> tx.upsert("audit-entries", DocumentAuditLog.entryId(1), first));
        }
        assertEquals(FactoryCli.RUN_FAILED, cli("audit", "verify", "--tenant", "acme"));
        assertTrue(err.toString().contains("BROKEN at entry 1 (altered)"), err::toString);

        assertEquals(FactoryCli.BAD_INPUT, cli("audit", "verify", "--tenant", "Not A Tenant"));
        assertEquals(FactoryCli.BAD_INPUT, cli("audit", "list", "--tenant", "acme", "--limit", "0"));
    }
}
