package com.connectsoft.factory.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.connectsoft.factory.app.Factory;
import com.connectsoft.factory.run.TestFactory;
import com.connectsoft.factory.shared.domain.TenantId;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code factory webhooks} and {@code factory entra}: what they print, what they store, and their exit codes. */
class WebhooksAndEntraCliTest {
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
    void webhooksAreCreatedWithTheirEndpointAndHeaderListedRotatedAndRevoked() {
        assertEquals(FactoryCli.BAD_INPUT, cli("webhooks", "create", "--tenant", "acme"));
        assertTrue(err.toString().contains("tenant acme is not registered"), err.toString());
        assertEquals(FactoryCli.OK, cli("keys", "create", "--tenant", "acme"));

        assertEquals(FactoryCli.OK, cli("webhooks", "create", "--tenant", "acme", "--name", "github", "--url", "https://factory.example/"));
        String printed = out.toString();
        assertTrue(printed.contains("endpoint:           https://factory.example/api/v1/webhooks/eventgrid"), printed);
        Matcher m = Pattern.compile("X-Factory-Webhook-Key: (fwh\\.acme\\.[0-9a-f]{48})").matcher(printed);
        assertTrue(m.find(), printed);
        String credential = m.group(1);
        Matcher id = Pattern.compile("webhook (wh-[0-9a-f]{12})").matcher(printed);
        assertTrue(id.find(), printed);
        try (Factory app = Factory.open(TestFactory.settings(dir.resolve("data")))) {
            assertEquals(TenantId.of("acme"), app.integration().credentials().resolve(credential).orElseThrow().tenant());
        }

        assertEquals(FactoryCli.OK, cli("webhooks", "list", "--tenant", "acme"));
        assertTrue(out.toString().contains(id.group(1)) && out.toString().contains("1 webhook(s)"), out.toString());
        assertFalse(out.toString().contains(credential.substring(9)), "a listing shows no credential");

        assertEquals(FactoryCli.OK, cli("webhooks", "rotate", id.group(1), "--tenant", "acme"));
        assertFalse(out.toString().contains(credential), out.toString());
        try (Factory app = Factory.open(TestFactory.settings(dir.resolve("data")))) {
            assertTrue(app.integration().credentials().resolve(credential).isEmpty(), "the rotated credential is dead");
        }
        assertEquals(FactoryCli.BAD_INPUT, cli("webhooks", "rotate", "wh-000000000000", "--tenant", "acme"));
        assertEquals(FactoryCli.OK, cli("webhooks", "revoke", id.group(1), "--tenant", "acme"));
        assertEquals(FactoryCli.BAD_INPUT, cli("webhooks", "revoke", id.group(1), "--tenant", "acme"));
        assertEquals(FactoryCli.OK, cli("webhooks", "list", "--tenant", "acme"));
        assertTrue(out.toString().contains("0 webhook(s)"), out.toString());
    }

    @Test
    void theAdministratorLinksADirectoryToOneTenant() {
        String directory = "72f988bf-86f1-41af-91ab-2d7cd011db47";
        assertEquals(FactoryCli.BAD_INPUT, cli("entra", "link", "--tenant", "acme", "--directory", directory));
        assertTrue(err.toString().contains("tenant acme is not registered"), err.toString());
        cli("keys", "create", "--tenant", "acme");
        cli("keys", "create", "--tenant", "globex");
        assertEquals(FactoryCli.BAD_INPUT, cli("entra", "link", "--tenant", "acme", "--directory", "contoso.onmicrosoft.com"));
        assertTrue(err.toString().contains("GUID"), err.toString());
        assertEquals(FactoryCli.OK, cli("entra", "link", "--tenant", "acme", "--directory", directory));
        assertEquals(FactoryCli.BAD_INPUT, cli("entra", "link", "--tenant", "globex", "--directory", directory));
        assertTrue(err.toString().contains("linked to tenant acme"), err.toString());
        assertEquals(FactoryCli.OK, cli("entra", "list", "--tenant", "acme"));
        assertTrue(out.toString().contains(directory), out.toString());
        assertEquals(FactoryCli.OK, cli("entra", "unlink", "--directory", directory));
        assertEquals(FactoryCli.BAD_INPUT, cli("entra", "unlink", "--directory", directory));
        assertEquals(FactoryCli.OK, cli("entra", "link", "--tenant", "globex", "--directory", directory));
    }
}
