package com.connectsoft.factory.template.domain;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * What verifying one template version found: its sample blueprint rendered, checked by the governance policies, and
 * every sample module built and tested in the build sandbox, offline. Recorded on the immutable version (id, version and
 * the content hash it had then); a version whose verification failed is not used for new runs.
 *
 * <p>The same record holds a runtime library version's verification ({@code templateRef} is then the library's
 * {@code id@version}, its one "module" the library's own project, and {@code renderMs} and {@code governance} are empty).
 *
 * @param governance the overall policy decision (Allow, RequiresApproval or Deny)
 * @param problems   why it failed, empty when it passed
 * @param mutation   how many of PIT's mutants the sample modules' own tests kill, summed over the modules where it was
 *                   measured; null when mutation testing was not asked for
 * @param libraries  the runtime library versions ({@code id@version}) the verified modules were built with: with
 *                   {@code factoryVersion}, what the version is known to work with (empty for a library's own record)
 */
public record TemplateVerification(String templateRef, String contentHash, boolean passed, List<String> problems,
                                   List<ModuleFigures> modules, long renderMs, String governance, int testsRun, int testsPassed,
                                   int testsFailed, int testsSkipped, long buildMs, String factoryVersion, Instant verifiedAt,
                                   Mutation mutation, List<String> libraries) {
    /** One module of the sample; {@code mutation} null when not asked for. */
    public record ModuleFigures(String module, int files, long lines, long renderMs, String governance, String build, int testsRun,
                                int testsPassed, int testsFailed, int testsSkipped, long buildMs, Mutation mutation) {
        public ModuleFigures(String module, int files, long lines, long renderMs, String governance, String build, int testsRun,
                             int testsPassed, int testsFailed, int testsSkipped, long buildMs) {
            this(module, files, lines, renderMs, governance, build, testsRun, testsPassed, testsFailed, testsSkipped, buildMs, null);
        }
    }

    /**
     * Mutation testing's figures: {@code killed} of {@code mutants} detected (PIT's default mutators), or, when nothing
     * could be measured ({@code mutants} 0), why in {@code note} (a module without a mutation profile, a failed run).
     */
    public record Mutation(int mutants, int killed, String note) {
        public Mutation {
            note = note == null ? "" : note;
        }

        public boolean measured() {
            return mutants > 0;
        }

        /** PIT's mutation score in percent (0 when nothing was measured). */
        public double score() {
            return mutants == 0 ? 0 : 100.0 * killed / mutants;
        }

        /** The sum over modules: counts added, the notes of modules without figures kept. */
        public static Mutation sum(List<Mutation> of) {
            int mutants = 0;
            int killed = 0;
            List<String> notes = new java.util.ArrayList<>();
            for (Mutation m : of) {
                mutants += m.mutants();
                killed += m.killed();
                if (!m.measured() && !m.note().isEmpty()) {
                    notes.add(m.note());
                }
            }
            return new Mutation(mutants, killed, String.join("; ", notes.stream().distinct().toList()));
        }

        String summary() {
            if (!measured()) {
                return "mutation not measured (" + (note.isEmpty() ? "no mutants" : note) + ")";
            }
            return String.format(java.util.Locale.ROOT, "mutation score %.1f%% (%d of %d mutants killed)", score(), killed, mutants);
        }
    }

    public TemplateVerification {
        Objects.requireNonNull(templateRef, "templateRef");
        Objects.requireNonNull(contentHash, "contentHash");
        Objects.requireNonNull(verifiedAt, "verifiedAt");
        problems = List.copyOf(problems);
        modules = List.copyOf(modules);
        libraries = libraries == null ? List.of() : List.copyOf(libraries);
    }

    /** A verification with its figures and no library versions named. */
    public TemplateVerification(String templateRef, String contentHash, boolean passed, List<String> problems, List<ModuleFigures> modules,
                                long renderMs, String governance, int testsRun, int testsPassed, int testsFailed, int testsSkipped,
                                long buildMs, String factoryVersion, Instant verifiedAt, Mutation mutation) {
        this(templateRef, contentHash, passed, problems, modules, renderMs, governance, testsRun, testsPassed, testsFailed, testsSkipped,
                buildMs, factoryVersion, verifiedAt, mutation, List.of());
    }

    /** The same record naming the runtime library versions the verified modules were built with. */
    public TemplateVerification withLibraries(List<String> libraryRefs) {
        return new TemplateVerification(templateRef, contentHash, passed, problems, modules, renderMs, governance, testsRun, testsPassed,
                testsFailed, testsSkipped, buildMs, factoryVersion, verifiedAt, mutation, libraryRefs);
    }

    /** A verification recorded without mutation testing. */
    public TemplateVerification(String templateRef, String contentHash, boolean passed, List<String> problems, List<ModuleFigures> modules,
                                long renderMs, String governance, int testsRun, int testsPassed, int testsFailed, int testsSkipped,
                                long buildMs, String factoryVersion, Instant verifiedAt) {
        this(templateRef, contentHash, passed, problems, modules, renderMs, governance, testsRun, testsPassed, testsFailed, testsSkipped,
                buildMs, factoryVersion, verifiedAt, null, List.of());
    }

    /** One line for listings, e.g. "verified 2026-11-30: 3 modules built, 324 tests (309 passed, 15 skipped), governance Allow". */
    public String summary() {
        String day = verifiedAt.toString().substring(0, 10);
        if (!passed) {
            return "FAILED verification " + day + ": " + (problems.isEmpty() ? "see the record" : problems.get(0));
        }
        String tests = testsRun + " tests (" + testsPassed + " passed" + (testsSkipped == 0 ? "" : ", " + testsSkipped + " skipped") + ")";
        String measured = mutation == null ? "" : ", " + mutation.summary();
        if (governance.isEmpty()) {
            return "verified " + day + ": built, " + tests + measured;
        }
        return "verified " + day + ": " + modules.size() + " sample module" + (modules.size() == 1 ? "" : "s") + " built, " + tests
                + ", governance " + governance + ", render " + renderMs + " ms" + measured;
    }
}
