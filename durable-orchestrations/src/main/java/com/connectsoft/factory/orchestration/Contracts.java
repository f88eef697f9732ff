package com.connectsoft.factory.orchestration;

import com.connectsoft.factory.run.vocabulary.BranchStatus;
import com.connectsoft.factory.run.vocabulary.RunStatus;
import com.connectsoft.factory.run.vocabulary.Step;
import com.connectsoft.factory.run.vocabulary.StepOutcome;
import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.util.List;

/**
 * The inputs and outputs of the orchestrations and their activities (JSON through the Durable Task data converter),
 * in the run's vocabulary ({@code com.connectsoft.factory.run.vocabulary}).
 */
public final class Contracts {
    private Contracts() {
    }

    /** One module of a run: its id and name. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record PlannedModule(String moduleId, String name) {
    }

    /** The FactoryRun input: whose run, its modules, the governance checks every module goes through, the step policy. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record RunPlan(String tenantId, String runId, List<PlannedModule> modules, List<String> checks, StepPolicy policy) {
        public RunPlan {
            modules = List.copyOf(modules);
            checks = List.copyOf(checks);
        }
    }

    /** The FactoryModule input. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record ModulePlan(String tenantId, String runId, String moduleId, String name, List<String> checks, StepPolicy policy) {
        public ModulePlan {
            checks = List.copyOf(checks);
        }
    }

    /** Publish one step's command: the eventId comes from the instance, the step and the attempt. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record StepRequest(String tenantId, String runId, String instanceId, String moduleId, String moduleName, Step step,
                              int attempt, String eventId, List<String> moduleIds) {
        public StepRequest {
            moduleIds = moduleIds == null ? List.of() : List.copyOf(moduleIds);
        }
    }

    /** A human's answer to an approval (or the deadline's, when nobody answered in time). */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record ApprovalDecision(boolean approved, String by, String comment) {
        /** Who "answers" when nobody did in time. */
        public static final String DEADLINE = "deadline";

        public static ApprovalDecision expired(java.time.Duration after) {
            return new ApprovalDecision(false, DEADLINE, "nobody approved within " + after.toHours() + " h "
                    + after.toMinutesPart() + " min " + after.toSecondsPart() + " s; rejected");
        }

        @com.fasterxml.jackson.annotation.JsonIgnore
        public boolean timedOut() {
            return !approved && DEADLINE.equals(by);
        }
    }

    /** Record a step on the run record: its outcome, a request for approval (with why), or the approval's answer. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record RecordRequest(String tenantId, String runId, String moduleId, Step step, StepOutcome outcome,
                                ApprovalDecision approval, String note) {
    }

    /** How one module's branch ended; {@code stage} is where it stopped (or "validate" when it passed). */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record ModuleOutcome(String moduleId, String name, BranchStatus status, String stage, String reason) {
        @JsonIgnore
        public boolean passed() {
            return status == BranchStatus.PASSED;
        }
    }

    /** The run's end, with each module's outcome: completed, partially-completed, failed or cancelled. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record FinishRequest(String tenantId, String runId, RunStatus status, String reason, List<ModuleOutcome> modules) {
        public FinishRequest {
            if (!status.terminal()) {
                throw new IllegalArgumentException("a run ends completed, partially-completed, failed or cancelled, not " + status);
            }
            modules = List.copyOf(modules);
        }
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record CompensateRequest(String tenantId, String runId, String reason) {
    }

    /** What compensation removed. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Compensation(int artifactsRemoved, String branchRemoved, String summary) {
    }
}
