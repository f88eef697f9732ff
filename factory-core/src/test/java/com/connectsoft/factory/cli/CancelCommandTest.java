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
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code ./factory cancel} of a run waiting for approval says the run ended cancelled, not the state it was in when the
 * cancellation was asked for, and prints no line for sources it never wrote.
 */
class CancelCommandTest {
    @TempDir
    Path dir;

    private int cli(StringWriter out, String... args) {
        List<String> all = new ArrayList<>(List.of("--data-dir", dir.resolve("data").toString(),
                "--templates", TestFactory.ROOT.resolve("templates").toString()));
        all.addAll(List.of(args));
        return FactoryCli.run(all.toArray(String[]::new), new PrintWriter(out, true), new PrintWriter(out, true));
    }

    @Test
    void aRunWaitingForApprovalIsReportedCancelledWithItsReasonOnce() throws Exception {
        Path blueprint = Files.writeString(dir.resolve("payroll.blueprint.yaml"), TestFactory.NEEDS_APPROVAL);
        StringWriter generated = new StringWriter();
        assertEquals(FactoryCli.WAITING, cli(generated, "generate", blueprint.toString(), "--tenant", "acme"), generated.toString());
        Matcher id = Pattern.compile("run-[0-9a-z]+").matcher(generated.toString());
        assertTrue(id.find(), generated.toString());

        StringWriter cancelled = new StringWriter();
        assertEquals(FactoryCli.OK, cli(cancelled, "cancel", id.group(), "--tenant", "acme", "--reason", "walk test"), cancelled.toString());
        String text = cancelled.toString();
        assertTrue(text.contains("Run " + id.group() + " cancelled"), text);
        assertFalse(text.contains("waiting-for-approval"), text);
        assertFalse(text.contains("Sources:   null"), text);
        assertTrue(text.contains("walk test"), text);
        assertFalse(text.contains("cancelled: cancelled:"), "the reason is said once: " + text);

        StringWriter usage = new StringWriter();
        assertEquals(FactoryCli.OK, cli(usage, "usage", "--tenant", "acme", "--run", id.group()), usage.toString());
        StringWriter unknown = new StringWriter();
        assertEquals(FactoryCli.BAD_INPUT, cli(unknown, "usage", "--tenant", "acme", "--run", "run-nope"), unknown.toString());
        assertTrue(unknown.toString().contains("tenant acme has no run run-nope"), unknown.toString());

        StringWriter again = new StringWriter();
        assertEquals(FactoryCli.BAD_INPUT, cli(again, "cancel", id.group(), "--tenant", "acme"));
        assertTrue(again.toString().contains("already ended (cancelled)"), again.toString());
    }
}
