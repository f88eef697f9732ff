package com.connectsoft.factory.build.domain;

import java.util.List;

/**
 * How many of PIT's mutants (default mutators) a generated module's own tests kill. {@code killed} counts every
 * detected mutant (killed, timed out, memory or run error, as PIT scores them); {@code noCoverage} mutants are in code no
 * test runs. {@code classes} lists the classes with surviving or uncovered mutants, most first. {@code reason} says, in
 * one line, why there are no figures when the measurement failed (then every count is 0).
 */
public record MutationReport(String module, boolean measured, int mutants, int killed, int survived, int noCoverage,
                             long durationMs, List<ClassFigures> classes, String reason) {
    public MutationReport {
        classes = classes == null ? List.of() : List.copyOf(classes);
        reason = reason == null ? "" : reason;
    }

    /** The mutants of one class that the tests did not detect. */
    public record ClassFigures(String className, int mutants, int survived, int noCoverage) {
        public int undetected() {
            return survived + noCoverage;
        }
    }

    /** Detected mutants as a percentage of all mutants (PIT's mutation score), 0 when there are none. */
    public double score() {
        return mutants == 0 ? 0 : 100.0 * killed / mutants;
    }

    public static MutationReport failed(String module, long durationMs, String reason) {
        return new MutationReport(module, false, 0, 0, 0, 0, durationMs, List.of(), reason);
    }
}
