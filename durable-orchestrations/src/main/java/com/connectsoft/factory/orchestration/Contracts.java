package com.connectsoft.factory.orchestration;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;

/** The inputs and outputs of the orchestrations and their activities (JSON through the Durable Task data converter). */
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
    public record StepRequest(String tenantId, String runId, String instanceId, String moduleId, String moduleName, String step,
                              int attempt, String eventId, List<String> moduleIds) {
        public StepRequest {
            moduleIds = moduleIds == null ? List.of() : List.copyOf(moduleIds);
        }
    }

    /**
     * A step's result as the run relay raises it: the result event's type and payload, or why no result will come
     * (the command was dead-lettered, or every attempt timed out).
     */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record StepResult(String eventType, JsonNode payload, String failure) {
        public static StepResult failed(String why) {
            return new StepResult(null, null, why);
        }

        @JsonIgnore
        public boolean failedToRun() {
            return failure != null;
        }

        /** A text field of the payload, or "" when there is none. */
        public String field(String name) {
            return payload == null ? "" : payload.path(name).asText("");
        }

        /** The reasons the payload gives (refusals, policy reasons, why a build failed), or the failure. */
        public List<String> reasons() {
            if (failure != null) {
                return List.of(failure);
            }
            if (payload != null && !payload.path("reason").asText("").isBlank()) {
                return List.of(payload.path("reason").asText());
            }
            JsonNode r = payload == null ? null : payload.has("reasons") ? payload.get("reasons") : payload.get("logTail");
            if (r == null || !r.isArray()) {
                return List.of();
            }
            java.util.ArrayList<String> out = new java.util.ArrayList<>();
            r.forEach(n -> out.add(n.asText()));
            return out;
        }
    }

    /** A human's answer to an approval (or the deadline's, when nobody answered in time). */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record ApprovalDecision(boolean approved, String by, String comment) {
        public static ApprovalDecision expired(java.time.Duration after) {
            return new ApprovalDecision(false, "deadline", "nobody approved within " + after.toHours() + " h "
                    + after.toMinutesPart() + " min " + after.toSecondsPart() + " s; rejected");
        }
    }

    /** Record a step on the run record: its result, a request for approval, or the approval's answer. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record RecordRequest(String tenantId, String runId, String moduleId, String step, StepResult result,
                                ApprovalDecision approval, String note) {
    }

    /** How one module's branch ended; {@code stage} is where it stopped (or "validate" when it passed). */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record ModuleOutcome(String moduleId, String name, String status, String stage, String reason) {
        public static final String PASSED = "passed";
        public static final String FAILED = "failed";
        public static final String CANCELLED = "cancelled";

        @JsonIgnore
        public boolean passed() {
            return PASSED.equals(status);
        }
    }

    /** The run's end, with each module's outcome. Status: completed, partially-completed, failed, cancelled. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record FinishRequest(String tenantId, String runId, String status, String reason, List<ModuleOutcome> modules) {
        public static final String COMPLETED = "completed";
        public static final String PARTIALLY_COMPLETED = "partially-completed";
        public static final String FAILED = "failed";
        public static final String CANCELLED = "cancelled";

        public FinishRequest {
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
