package com.connectsoft.factory.run.domain;

import java.util.List;

/**
 * A run after one of its transitions: the new record, the facts to publish, and what to tell whoever watches the run
 * (a line per module and stage). {@code changed} is false when the transition had already happened (a step recorded
 * twice changes nothing the second time).
 */
public record Transition(FactoryRun run, boolean changed, List<RunFact> facts, List<Said> said) {
    /** A line for whoever watches the run: about one module in a stage. */
    public record Said(com.connectsoft.factory.run.vocabulary.Stage stage, String module, String detail) {
    }

    public Transition {
        facts = List.copyOf(facts);
        said = List.copyOf(said);
    }

    static Transition none(FactoryRun run) {
        return new Transition(run, false, List.of(), List.of());
    }
}
