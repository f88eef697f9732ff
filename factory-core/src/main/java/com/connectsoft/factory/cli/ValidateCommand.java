package com.connectsoft.factory.cli;

import com.connectsoft.factory.blueprint.BlueprintConfiguration;
import com.connectsoft.factory.blueprint.domain.ParseOutcome;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

@Command(name = "validate", description = "Check a blueprint without running the factory (exit 0 when valid, 2 when not).")
final class ValidateCommand extends FactoryCommand {
    @Parameters(index = "0", description = "The blueprint (*.blueprint.yaml) or JHipster JDL (*.jdl, *.jh).")
    Path blueprint;

    @Override
    public Integer call() throws IOException {
        PrintWriter out = out();
        if (!Files.isRegularFile(blueprint)) {
            err().println(blueprint + ": no such file");
            return FactoryCli.BAD_INPUT;
        }
        ParseOutcome o = BlueprintConfiguration.READERS.read(blueprint.toString(), Files.readAllBytes(blueprint));
        if (o instanceof ParseOutcome.Rejected r) {
            RunReport.printProblems(err(), r.problems());
            return FactoryCli.BAD_INPUT;
        }
        ((ParseOutcome.Accepted) o).warnings().forEach(w -> out.println("warning: " + w.render()));
        var bp = ((ParseOutcome.Accepted) o).blueprint();
        for (var m : bp.modules()) {
            out.printf("  module %-20s %s%n", m.name(), m.entities().stream().map(e -> e.name()).toList());
        }
        out.printf("%s: valid: product '%s', %d modules, %d entities%n", blueprint, bp.product().name(), bp.modules().size(),
                bp.entityCount());
        return FactoryCli.OK;
    }
}
