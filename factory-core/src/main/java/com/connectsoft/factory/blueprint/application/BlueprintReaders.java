package com.connectsoft.factory.blueprint.application;

import com.connectsoft.factory.blueprint.domain.ParseOutcome;
import com.connectsoft.factory.blueprint.domain.Problem;
import java.util.List;
import java.util.Optional;

/** Every input format the factory takes, chosen by file name. */
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
        return forFile(fileName).map(r -> r.read(fileName, content)).orElseGet(() -> new ParseOutcome.Rejected(List.of(Problem.of(
                fileName, 1, 1, "unknown blueprint format", "use a .blueprint.yaml (or .yaml, .yml) file or a JHipster .jdl (.jh) file"))));
    }
}
