package com.connectsoft.factory.blueprint.domain;

import com.connectsoft.factory.blueprint.domain.BlueprintReader;
import com.connectsoft.factory.blueprint.domain.BlueprintLimits;
import com.connectsoft.factory.blueprint.domain.ParseOutcome;
import com.connectsoft.factory.blueprint.domain.Problem;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Every input format the factory takes, chosen by file name. Inputs are untrusted: each reader bounds the work it
 * does (see {@link BlueprintReader}), and a rejection lists at most {@link BlueprintLimits#PROBLEMS} problems and one
 * more saying how many are not shown (or that checking stopped).
 */
public final class BlueprintReaders {
    private final List<BlueprintReader> readers;

    public BlueprintReaders(List<BlueprintReader> readers) {
        this.readers = List.copyOf(readers);
    }

    public Optional<BlueprintReader> forFile(String fileName) {
        return readers.stream().filter(r -> r.accepts(fileName)).findFirst();
    }

    /** Reads the file with the reader for its name, or rejects a name no reader takes. */
    public ParseOutcome read(String fileName, byte[] content) {
        ParseOutcome outcome = forFile(fileName).map(r -> r.read(fileName, content)).orElseGet(() -> new ParseOutcome.Rejected(List.of(Problem.of(
                fileName, 1, 1, "unknown blueprint format", "use a .blueprint.yaml (or .yaml, .yml) file or a JHipster .jdl (.jh) file"))));
        if (outcome instanceof ParseOutcome.Rejected r && r.problems().size() > BlueprintLimits.PROBLEMS + 1) {
            List<Problem> shown = new ArrayList<>(r.problems().subList(0, BlueprintLimits.PROBLEMS));
            Problem next = r.problems().get(BlueprintLimits.PROBLEMS);
            shown.add(Problem.of(next.file(), next.line(), next.column(), (r.problems().size() - BlueprintLimits.PROBLEMS)
                    + " more problems from here on are not shown", "fix the ones above and check again"));
            return new ParseOutcome.Rejected(shown);
        }
        if (outcome instanceof ParseOutcome.Accepted a && a.warnings().size() > BlueprintLimits.PROBLEMS) {
            List<Problem> shown = new ArrayList<>(a.warnings().subList(0, BlueprintLimits.PROBLEMS));
            Problem next = a.warnings().get(BlueprintLimits.PROBLEMS);
            shown.add(Problem.of(next.file(), next.line(), next.column(), (a.warnings().size() - BlueprintLimits.PROBLEMS)
                    + " more warnings from here on are not shown", null));
            return new ParseOutcome.Accepted(a.blueprint(), shown);
        }
        return outcome;
    }
}
