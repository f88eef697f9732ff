package com.connectsoft.factory.template.domain;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * What verifying one template version found: its sample blueprint rendered, checked by the governance policies, and
 * every sample module built and tested in the build sandbox, offline. Recorded on the immutable version (id, version and
 * the content hash it had then); a version whose verification failed is not used for new runs.
 *
 * @param governance the overall policy decision (Allow, RequiresApproval or Deny)
 * @param problems   why it failed, empty when it passed
 */
public record TemplateVerification(String templateRef, String contentHash, boolean passed, List<String> problems,
                                   List<ModuleFigures> modules, long renderMs, String governance, int testsRun, int testsPassed,
                                   int testsFailed, int testsSkipped, long buildMs, String factoryVersion, Instant verifiedAt) {
    /** One module of the sample. */
    public record ModuleFigures(String module, int files, long lines, long renderMs, String governance, String build, int testsRun,
                                int testsPassed, int testsFailed, int testsSkipped, long buildMs) {
    }

    public TemplateVerification {
        Objects.requireNonNull(templateRef, "templateRef");
        Objects.requireNonNull(contentHash, "contentHash");
        Objects.requireNonNull(verifiedAt, "verifiedAt");
        problems = List.copyOf(problems);
        modules = List.copyOf(modules);
    }

    /** One line for listings, e.g. "verified 2026-11-30: 3 modules built, 324 tests (309 passed, 15 skipped), governance Allow". */
    public String summary() {
        String day = verifiedAt.toString().substring(0, 10);
        if (!passed) {
            return "FAILED verification " + day + ": " + (problems.isEmpty() ? "see the record" : problems.get(0));
        }
        return "verified " + day + ": " + modules.size() + " sample module" + (modules.size() == 1 ? "" : "s") + " built, " + testsRun
                + " tests (" + testsPassed + " passed" + (testsSkipped == 0 ? "" : ", " + testsSkipped + " skipped") + "), governance "
                + governance + ", render " + renderMs + " ms";
    }
}
