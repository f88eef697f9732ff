package com.connectsoft.factory.blueprint.domain;

import java.util.List;

/** Reading an input either yields a blueprint (with warnings about what was ignored) or is rejected with problems. */
public sealed interface ParseOutcome {
    record Accepted(Blueprint blueprint, List<Problem> warnings) implements ParseOutcome {
        public Accepted {
            warnings = List.copyOf(warnings);
        }
    }

    record Rejected(List<Problem> problems) implements ParseOutcome {
        public Rejected {
            problems = List.copyOf(problems);
            if (problems.isEmpty()) {
                throw new IllegalArgumentException("a rejection needs at least one problem");
            }
        }
    }
}
