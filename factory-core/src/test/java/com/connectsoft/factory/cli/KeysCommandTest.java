package com.connectsoft.factory.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.connectsoft.factory.run.TestFactory;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** ./factory keys create / list / revoke: the key is shown once, listed without its secret, and refused once revoked. */
class KeysCommandTest {
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
    void keysAreCreatedWithALifetimeListedWithoutSecretsAndRevoked() {
        assertEquals(FactoryCli.OK, cli("keys", "create", "--tenant", "acme", "--expires-in", "12h"));
        String key = out.toString().trim();
        assertTrue(key.matches("fk\\.acme\\.[0-9a-f]{48}"), "stdout is the key alone: " + key);
        String keyId = err.toString().split(" ")[1];
        assertTrue(err.toString().contains("expires"), err.toString());
        assertEquals(FactoryCli.OK, cli("keys", "create", "--tenant", "acme"));

        assertEquals(FactoryCli.OK, cli("keys", "list", "--tenant", "acme"));
        String listed = out.toString();
        assertTrue(listed.contains(keyId) && listed.contains("active") && listed.contains("2 key(s) for tenant acme"), listed);
        assertFalse(listed.contains(key.substring(12)), "no secret in the list");

        assertEquals(FactoryCli.OK, cli("keys", "revoke", keyId, "--tenant", "acme"));
        assertTrue(out.toString().startsWith("revoked key " + keyId), out.toString());
        assertEquals(FactoryCli.OK, cli("keys", "list", "--tenant", "acme"));
        assertTrue(out.toString().lines().anyMatch(l -> l.startsWith(keyId) && l.contains("revoked")), out.toString());

        assertEquals(FactoryCli.BAD_INPUT, cli("keys", "revoke", keyId, "--tenant", "other"), "another tenant has no such key");
        assertEquals(FactoryCli.BAD_INPUT, cli("keys", "revoke", "0".repeat(24), "--tenant", "acme"));
        assertEquals(FactoryCli.BAD_INPUT, cli("keys", "create", "--tenant", "acme", "--expires-in", "forever"));
        assertTrue(err.toString().contains("90d or 12h"), err.toString());
        assertEquals(FactoryCli.BAD_INPUT, cli("keys", "create", "--tenant", "acme", "--expires-in", "3000d"));
    }
}
