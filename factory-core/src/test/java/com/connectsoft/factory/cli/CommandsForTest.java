package com.connectsoft.factory.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** The CLI builds only the command it runs; the usage, help and anything unknown still see every command. */
class CommandsForTest {
    @Test
    void theNamedCommandIsTheOnlyOneBuiltAndOptionValuesAreNotTakenForCommands() {
        assertEquals(List.of(GenerateCommand.class), FactoryCli.commandsFor(new String[] {"generate", "x.jh", "--tenant", "acme"}));
        assertEquals(List.of(RunsCommand.class), FactoryCli.commandsFor(new String[] {"--data-dir", "generate", "--templates", "serve",
                "runs", "--tenant", "acme"}));
        assertEquals(List.of(TemplatesCommand.class), FactoryCli.commandsFor(new String[] {"--data-dir=d", "templates", "verify"}));
    }

    @Test
    void theUsageHelpAndUnknownCommandsSeeEveryCommand() {
        for (String[] args : List.of(new String[] {}, new String[] {"--help"}, new String[] {"help", "generate"},
                new String[] {"nosuch"}, new String[] {"--data-dir", "d"})) {
            assertEquals(FactoryCli.COMMANDS, FactoryCli.commandsFor(args), String.join(" ", args));
        }
        StringWriter out = new StringWriter();
        assertEquals(0, FactoryCli.run(new String[] {"--help"}, new PrintWriter(out, true), new PrintWriter(new StringWriter(), true)));
        for (Class<?> c : FactoryCli.COMMANDS) {
            String name = c.getAnnotation(CommandLine.Command.class).name();
            assertTrue(out.toString().contains("\n  " + name + " "), name + " is listed in:\n" + out);
        }
        StringWriter err = new StringWriter();
        assertEquals(FactoryCli.BAD_INPUT, FactoryCli.run(new String[] {"genrate"}, new PrintWriter(new StringWriter(), true),
                new PrintWriter(err, true)));
        assertTrue(err.toString().contains("generate"), "an unknown command is answered with the commands there are: " + err);
    }

    @Test
    void aCommandsOwnOptionsAndUsageWorkWhenItIsTheOnlyOneBuilt() {
        StringWriter err = new StringWriter();
        assertEquals(FactoryCli.BAD_INPUT, FactoryCli.run(new String[] {"generate", "x.jh"}, new PrintWriter(new StringWriter(), true),
                new PrintWriter(err, true)));
        assertTrue(err.toString().contains("Missing required option: '--tenant=<tenant>'") && err.toString().contains("Usage: factory generate"),
                err.toString());
    }

    @Test
    void everyCommandAndSubcommandAnswersHelpEvenWithoutItsRequiredOptions() {
        for (String[] args : List.of(new String[] {"keys", "--help"}, new String[] {"keys", "create", "-h"}, new String[] {"generate", "--help"},
                new String[] {"billing", "export", "--help"}, new String[] {"templates", "verify", "--help"})) {
            StringWriter out = new StringWriter();
            StringWriter err = new StringWriter();
            assertEquals(0, FactoryCli.run(args, new PrintWriter(out, true), new PrintWriter(err, true)), String.join(" ", args) + ": " + err);
            String usage = "Usage: factory " + String.join(" ", List.of(args).subList(0, args.length - 1));
            assertTrue(out.toString().startsWith(usage), usage + " in:\n" + out);
            assertTrue(out.toString().contains("-h, --help"), out.toString());
        }
    }
}
