package com.connectsoft.factory.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.connectsoft.factory.platform.json.Json;
import com.connectsoft.factory.run.TestFactory;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code invoice} and {@code billing plan}: a tenant moved to a plan gets its invoice as a table and as JSON; bad months are exit 2. */
class InvoiceCommandTest {
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
    void anInvoiceForATenantOnAPlan() throws Exception {
        assertEquals(FactoryCli.OK, cli("keys", "create", "--tenant", "acme"), err.toString());
        assertEquals(FactoryCli.OK, cli("billing", "plan", "--tenant", "acme", "--set", "team"), err.toString());
        assertTrue(out.toString().contains("from plan developer to team"), out.toString());
        assertEquals(FactoryCli.BAD_INPUT, cli("billing", "plan", "--tenant", "acme", "--set", "gold"));
        assertTrue(err.toString().contains("no plan gold"), err.toString());
        assertEquals(FactoryCli.OK, cli("invoice", "--tenant", "acme", "--month", "2026-11"), err.toString());
        assertTrue(out.toString().contains("plan team@1.0.0") && out.toString().contains("49.00 USD"), out.toString());
        assertEquals(FactoryCli.OK, cli("invoice", "--tenant", "acme", "--month", "2026-11", "--json"), err.toString());
        assertEquals("49.00", Json.mapper().readTree(out.toString()).get("total").asText());
        assertEquals(FactoryCli.BAD_INPUT, cli("invoice", "--tenant", "acme", "--month", "2026-13"));
        assertEquals(FactoryCli.BAD_INPUT, cli("invoice", "--tenant", "nobody", "--month", "2026-11"));
    }
}
