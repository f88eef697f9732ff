package com.connectsoft.factory.run.domain;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.util.List;

/**
 * The event types of a factory run and the payloads of its commands and results. Commands are VerbNoun and go to
 * exactly one capability; results are NounVerbPastTense and go back to the run (through the run relay).
 */
public final class RunEvents {
    public static final String RENDER_MODULE = "RenderModule";
    public static final String CHECK_TENANT_ISOLATION = "CheckTenantIsolation";
    public static final String CHECK_SECRETS = "CheckSecrets";
    public static final String CHECK_DEPENDENCY_ALLOWLIST = "CheckDependencyAllowlist";
    public static final String CHECK_SENSITIVE_DATA = "CheckSensitiveData";
    public static final String VALIDATE_MODULE = "ValidateModule";
    public static final String PUBLISH_PROJECT = "PublishProject";

    public static final String MODULE_RENDERED = "ModuleRendered";
    public static final String POLICY_DECISION_RECORDED = "PolicyDecisionRecorded";
    public static final String MODULE_VALIDATED = "ModuleValidated";
    public static final String COMMIT_CREATED = "CommitCreated";

    public static final String RUN_STARTED = "FactoryRunStarted";
    public static final String STAGE_COMPLETED = "FactoryRunStageCompleted";
    public static final String RUN_COMPLETED = "FactoryRunCompleted";
    public static final String RUN_FAILED = "FactoryRunFailed";
    public static final String RUN_CANCELLED = "FactoryRunCancelled";
    public static final String USAGE_RECORDED = "UsageRecorded";

    private RunEvents() {
    }

    /** What every command carries about its run. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record RunRef(String runId, String blueprintId, int blueprintVersion, String blueprintArtifactId, String templateRef) {
    }

    /** Render one module of the run's blueprint (read again from the artifact store by its content hash). */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record RenderModuleCommand(RunRef run, String moduleId, String moduleName, String blueprintFile, String blueprintHash) {
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record ModuleRenderedResult(String runId, String moduleId, String status, List<String> reasons, int files, long lines,
                                       long renderMs, String sourceArtifactId, String manifestHash) {
        public static final String RENDERED = "rendered";
        public static final String REFUSED = "refused";

        public ModuleRenderedResult {
            reasons = reasons == null ? List.of() : List.copyOf(reasons);
        }
    }

    /** Check (one governance policy) or validate one rendered module, given by its source manifest. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record ModuleCommand(RunRef run, String moduleId, String moduleName, String sourceArtifactId, String manifestHash,
                                String checkId) {
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record PolicyDecisionResult(String runId, String moduleId, String checkId, String policyVersion, String decision,
                                       List<String> reasons, String artifactId) {
        public PolicyDecisionResult {
            reasons = reasons == null ? List.of() : List.copyOf(reasons);
        }
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record ModuleValidatedResult(String runId, String moduleId, String status, int testsRun, int testsPassed, int testsFailed,
                                        long durationMs, String artifactId, String reason, List<String> logTail) {
        public ModuleValidatedResult {
            reason = reason == null ? "" : reason;
            logTail = logTail == null ? List.of() : List.copyOf(logTail);
        }
    }

    /** Commit every module of the run, each given by its source manifest. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record PublishProjectCommand(RunRef run, String productName, List<PublishedModule> modules) {
        public PublishProjectCommand {
            modules = List.copyOf(modules);
        }
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record PublishedModule(String moduleId, String name, String sourceArtifactId, String manifestHash, String buildArtifactId) {
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record CommitCreatedResult(String runId, String branch, String commitId, int files, String artifactId) {
    }
}
