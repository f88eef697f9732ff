package com.connectsoft.factory.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.connectsoft.factory.run.TestFactory;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** ./factory propose writes a blueprint ./factory validate accepts, refuses to overwrite, and refuses bad intents; ./factory agents lists. */
class ProposeCommandTest {
    static final String INTENT = "A pet grooming salon: owners book grooming sessions for their pets, and groomers are assigned to sessions. "
            + "Each pet has a name, a breed and a birthday. Sessions can be booked, done or cancelled.";
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
    void proposeWritesABlueprintThatValidatesAndDoesNotOverwriteWithoutForce() throws Exception {
        Path file = dir.resolve("grooming.blueprint.yaml");
        assertEquals(FactoryCli.OK, cli("propose", INTENT, "--tenant", "acme", "--out", file.toString()), err.toString());
        assertTrue(out.toString().contains("module"), out.toString());
        String first = Files.readString(file);
        assertEquals(FactoryCli.OK, cli("validate", file.toString()), err.toString());
        for (String entity : List.of("Owner", "Pet", "GroomingSession", "Groomer")) {
            assertTrue(out.toString().contains(entity), entity + " in " + out);
        }
        assertEquals(FactoryCli.BAD_INPUT, cli("propose", INTENT + " Owners also leave reviews.", "--tenant", "acme", "--out", file.toString()));
        assertTrue(err.toString().contains("exists; give --force"), err.toString());
        assertEquals(first, Files.readString(file));
        assertEquals(FactoryCli.OK, cli("propose", INTENT + " Owners also leave reviews.", "--tenant", "acme", "--out", file.toString(), "--force"));
        assertTrue(Files.readString(file).contains("name: Review"), Files.readString(file));
    }

    @Test
    void aBadIntentIsExit2AndWritesNoFile() {
        Path file = dir.resolve("x.blueprint.yaml");
        assertEquals(FactoryCli.BAD_INPUT, cli("propose", "tiny", "--tenant", "acme", "--out", file.toString()));
        assertEquals(FactoryCli.BAD_INPUT, cli("propose", "Shops sell\u001b[31m goods to buyers", "--tenant", "acme", "--out", file.toString()));
        assertTrue(err.toString().contains("U+001B"), err.toString());
        assertEquals(FactoryCli.BAD_INPUT, cli("propose", INTENT, "--tenant", "acme", "--out", dir.resolve("x.yaml").toString()));
        assertFalse(Files.exists(file));
        assertFalse(Files.exists(dir.resolve("x.yaml")));
    }

    @Test
    void agentsListsTheAgentAndItsSkills() {
        assertEquals(FactoryCli.OK, cli("agents"));
        assertTrue(out.toString().contains("agent ConnectSoft.Agent.ProductIntake@1.0.0"), out.toString());
        assertTrue(out.toString().contains("ConnectSoft.Skill.DomainModel") && out.toString().contains("skill-domain-model"), out.toString());
        assertEquals(FactoryCli.OK, cli("agents", "--json"));
        assertTrue(out.toString().contains("\"outputSchema\""), out.toString());
    }

    @Test
    void generateWithAnIntentShowsTheProposalAndRunsNothingWhenTheAnswerIsNo() {
        java.io.InputStream stdin = System.in;
        System.setIn(new java.io.ByteArrayInputStream("n\n".getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        try {
            assertEquals(FactoryCli.BAD_INPUT, cli("generate", "--intent", INTENT, "--tenant", "acme", "--out", dir.resolve("out").toString()));
        } finally {
            System.setIn(stdin);
        }
        assertTrue(out.toString().contains("blueprint: 1") && out.toString().contains("Run this proposal? [y/N]"), out.toString());
        assertTrue(err.toString().contains("not run"), err.toString());
        assertEquals(FactoryCli.OK, cli("runs", "--tenant", "acme"));
        assertTrue(out.toString().contains("0 run(s) for tenant acme"), out.toString());
        assertFalse(Files.exists(dir.resolve("out")));
        assertEquals(FactoryCli.BAD_INPUT, cli("generate", "--tenant", "acme"));
        assertTrue(err.toString().contains("one of them"), err.toString());
    }
}
