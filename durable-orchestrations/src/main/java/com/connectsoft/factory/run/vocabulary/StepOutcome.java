package com.connectsoft.factory.run.vocabulary;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import java.util.List;

/**
 * What a step of a run came to: the answer of the capability that carried it out, or that no answer will come. The
 * orchestration decides on it; the run records it.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "outcome")
@JsonSubTypes({
        @JsonSubTypes.Type(value = StepOutcome.Rendered.class, name = "rendered"),
        @JsonSubTypes.Type(value = StepOutcome.RenderRefused.class, name = "render-refused"),
        @JsonSubTypes.Type(value = StepOutcome.PolicyDecided.class, name = "policy-decided"),
        @JsonSubTypes.Type(value = StepOutcome.Validated.class, name = "validated"),
        @JsonSubTypes.Type(value = StepOutcome.Committed.class, name = "committed"),
        @JsonSubTypes.Type(value = StepOutcome.NotRun.class, name = "not-run")})
public sealed interface StepOutcome {
    /** Why the step did not succeed, or nothing. */
    List<String> reasons();

    /** The module was rendered: its files and the artifact holding them. */
    record Rendered(int files, long lines, long renderMs, String sourceArtifactId, String manifestHash) implements StepOutcome {
        @Override
        public List<String> reasons() {
            return List.of();
        }
    }

    /** The template could not express the module. */
    record RenderRefused(List<String> reasons) implements StepOutcome {
        public RenderRefused {
            reasons = List.copyOf(reasons);
        }
    }

    /** One governance check decided. */
    record PolicyDecided(String checkId, String policyVersion, Decision decision, List<String> reasons, String artifactId)
            implements StepOutcome {
        public PolicyDecided {
            reasons = reasons == null ? List.of() : List.copyOf(reasons);
        }
    }

    /** The module was built and tested (or could not be), with why in one line when it did not pass. */
    record Validated(BuildStatus status, int testsRun, int testsPassed, int testsFailed, long durationMs, String artifactId,
                     String reason) implements StepOutcome {
        public Validated {
            reason = reason == null ? "" : reason;
        }

        public boolean passed() {
            return status == BuildStatus.PASSED;
        }

        @Override
        public List<String> reasons() {
            return reason.isBlank() ? List.of() : List.of(reason);
        }
    }

    /** The run's modules were committed. */
    record Committed(String branch, String commitId, int files, String artifactId) implements StepOutcome {
        @Override
        public List<String> reasons() {
            return List.of();
        }
    }

    /** No answer will come: the command was dead-lettered, could not be published, or every attempt timed out. */
    record NotRun(String failure) implements StepOutcome {
        @Override
        public List<String> reasons() {
            return List.of(failure);
        }
    }
}
