package com.connectsoft.factory.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.connectsoft.factory.app.Factory;
import com.connectsoft.factory.run.TestFactory;
import com.connectsoft.factory.shared.domain.TenantId;
import com.connectsoft.factory.usage.domain.UsageRecord;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code billing marketplace} and {@code billing export}: links, the dry-run table, and bad input as exit 2 with nothing written. */
class BillingExportCommandTest {
    @TempDir
    Path dir;
    private StringWriter out = new StringWriter();
    private StringWriter err = new StringWriter();

    private int cli(String... args) {
        out = new StringWriter();
        err = new StringWriter();
        List<String> all = new ArrayList<>(List.of("--data-dir", dir.resolve("data").toString(),
                "--templates", TestFactory.ROOT.resolve("templates").toString()));
        all.addAll(List.of(args));
        return FactoryCli.run(all.toArray(String[]::new), new PrintWriter(out, true), new PrintWriter(err, true));
    }

    @Test
    void aLinkedTenantsOverageIsShownByADryRunAndAnUnlinkedOneIsSkipped() {
        assertEquals(FactoryCli.OK, cli("keys", "create", "--tenant", "acme"), err.toString());
        assertEquals(FactoryCli.OK, cli("keys", "create", "--tenant", "globex"), err.toString());
        assertEquals(FactoryCli.OK, cli("billing", "plan", "--tenant", "acme", "--set", "team"), err.toString());
        assertEquals(FactoryCli.OK, cli("billing", "marketplace", "--tenant", "acme"), err.toString());
        assertTrue(out.toString().contains("no Marketplace subscription linked"), out.toString());
        assertEquals(FactoryCli.BAD_INPUT, cli("billing", "marketplace", "--tenant", "acme", "--resource-id", "not-a-guid"));
        assertTrue(err.toString().contains("--resource-id") && err.toString().contains("GUID"), err.toString());
        assertEquals(FactoryCli.OK, cli("billing", "marketplace", "--tenant", "acme", "--resource-id", "0B5E2F4A-1C3D-4E5F-8A9B-0C1D2E3F4A5B"),
                err.toString());
        assertTrue(out.toString().contains("0b5e2f4a-1c3d-4e5f-8a9b-0c1d2e3f4a5b"), out.toString());

        Instant twoHoursAgo = Instant.now().truncatedTo(ChronoUnit.HOURS).minus(2, ChronoUnit.HOURS);
        try (Factory app = Factory.open(TestFactory.settings(dir.resolve("data")))) {
            app.usage().ledger().record(TenantId.of("acme"), new UsageRecord("acme", "use-1", "run-1", "p", "runs", 303, "run", twoHoursAgo.plusSeconds(5)));
        }

        assertEquals(FactoryCli.OK, cli("billing", "export", "--dry-run"), err.toString());
        String table = out.toString();
        assertTrue(table.contains("dry run: nothing sent or written"), table);
        assertTrue(table.contains(twoHoursAgo.toString()) && table.contains("runs") && table.contains("would-send"), table);
        assertTrue(table.lines().anyMatch(l -> l.contains("would-send") && l.matches(".*\\s3\\s+would-send.*")), table);
        assertTrue(table.contains("tenant globex: skipped: no Azure Marketplace subscription linked"), table);
        try (Factory app = Factory.open(TestFactory.settings(dir.resolve("data")))) {
            assertEquals(List.of(), app.marketplace().exports().list(TenantId.of("acme")), "a dry run writes nothing");
        }

        assertEquals(FactoryCli.BAD_INPUT, cli("billing", "export", "--until", "yesterday"));
        assertTrue(err.toString().contains("--until") && err.toString().contains("2026-12-01T03:00Z"), err.toString());
        assertEquals(FactoryCli.BAD_INPUT, cli("billing", "export", "--until", Instant.now().plus(2, ChronoUnit.HOURS).truncatedTo(ChronoUnit.HOURS).toString()));
        assertTrue(err.toString().contains("only complete hours"), err.toString());
        assertEquals(FactoryCli.BAD_INPUT, cli("billing", "export", "--tenant", "nobody", "--dry-run"));
        assertTrue(err.toString().contains("not registered"), err.toString());
    }
}
