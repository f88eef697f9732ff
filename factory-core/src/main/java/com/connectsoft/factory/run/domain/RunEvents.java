package com.connectsoft.factory.run.domain;

import com.connectsoft.factory.run.vocabulary.BuildStatus;
import com.connectsoft.factory.run.vocabulary.Decision;
import com.connectsoft.factory.run.vocabulary.RenderStatus;
import com.connectsoft.factory.run.vocabulary.Step;
import com.connectsoft.factory.run.vocabulary.StepOutcome;
import java.util.List;

/**
 * The messages of a factory run on the bus: commands (VerbNoun, each to exactly one capability) and results
 * (NounVerbPastTense, back to the run through the run relay), as sealed families of records, with their event types.
 * Which record goes with which event type is decided in one place, the run's codec ({@code run.application.RunCodec}).
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
    public static final String RUN_COMPENSATED = "FactoryRunCompensated";
    public static final String APPROVAL_REQUESTED = "ApprovalRequested";
    public static final String APPROVAL_GRANTED = "ApprovalGranted";
    public static final String APPROVAL_REJECTED = "ApprovalRejected";
    public static final String USAGE_RECORDED = "UsageRecorded";

    private RunEvents() {
    }

    /** What every command carries about its run. */
    public record RunRef(String runId, String blueprintId, int blueprintVersion, String blueprintArtifactId, String templateRef) {
    }

    /** A step's command: which run and module it is for, and the step it carries out. */
    public sealed interface Command permits RenderModuleCommand, ModuleCommand, PublishProjectCommand {
        RunRef run();

        Step step();
    }

    /** A step's result: which run and module it answers, and what it came to. */
    public sealed interface Result permits ModuleRenderedResult, PolicyDecisionResult, ModuleValidatedResult, CommitCreatedResult {
        String runId();

        /** The module whose step this answers; null for the run's own steps (publish). */
        String moduleId();

        Step step();

        StepOutcome outcome();
    }

    /**
     * Render one module of the run's blueprint (read again from the artifact store by its content hash) with the
     * module's template version {@code templateRef} ({@code id@version}; null in commands sent before modules had their
     * own: then the run's).
     */
    public record RenderModuleCommand(RunRef run, String moduleId, String moduleName, String blueprintFile, String blueprintHash,
                                      String templateRef) implements Command {
        public RenderModuleCommand(RunRef run, String moduleId, String moduleName, String blueprintFile, String blueprintHash) {
            this(run, moduleId, moduleName, blueprintFile, blueprintHash, null);
        }

        /** The template version this module is rendered with. */
        public String moduleTemplateRef() {
            return templateRef != null ? templateRef : run.templateRef();
        }

        @Override
        public Step step() {
            return Step.RENDER;
        }
    }

    /** Check (one governance policy, {@code checkId}) or validate ({@code checkId} null) one rendered module. */
    public record ModuleCommand(RunRef run, String moduleId, String moduleName, String sourceArtifactId, String manifestHash,
                                String checkId) implements Command {
        @Override
        public Step step() {
            return checkId == null ? Step.VALIDATE : Step.check(checkId);
        }
    }

    /** Commit every module of the run, each given by its source manifest. */
    public record PublishProjectCommand(RunRef run, String productName, List<PublishedModule> modules) implements Command {
        public PublishProjectCommand {
            modules = List.copyOf(modules);
        }

        @Override
        public Step step() {
            return Step.PUBLISH;
        }
    }

    public record PublishedModule(String moduleId, String name, String sourceArtifactId, String manifestHash, String buildArtifactId) {
    }

    public record ModuleRenderedResult(String runId, String moduleId, RenderStatus status, List<String> reasons, int files, long lines,
                                       long renderMs, String sourceArtifactId, String manifestHash) implements Result {
        public ModuleRenderedResult {
            reasons = reasons == null ? List.of() : List.copyOf(reasons);
        }

        @Override
        public Step step() {
            return Step.RENDER;
        }

        @Override
        public StepOutcome outcome() {
            return status == RenderStatus.RENDERED ? new StepOutcome.Rendered(files, lines, renderMs, sourceArtifactId, manifestHash)
                    : new StepOutcome.RenderRefused(reasons);
        }
    }

    public record PolicyDecisionResult(String runId, String moduleId, String checkId, String policyVersion, Decision decision,
                                       List<String> reasons, String artifactId) implements Result {
        public PolicyDecisionResult {
            reasons = reasons == null ? List.of() : List.copyOf(reasons);
        }

        @Override
        public Step step() {
            return Step.check(checkId);
        }

        @Override
        public StepOutcome outcome() {
            return new StepOutcome.PolicyDecided(checkId, policyVersion, decision, reasons, artifactId);
        }
    }

    public record ModuleValidatedResult(String runId, String moduleId, BuildStatus status, int testsRun, int testsPassed, int testsFailed,
                                        long durationMs, String artifactId, String reason, List<String> logTail) implements Result {
        public ModuleValidatedResult {
            reason = reason == null ? "" : reason;
            logTail = logTail == null ? List.of() : List.copyOf(logTail);
        }

        @Override
        public Step step() {
            return Step.VALIDATE;
        }

        @Override
        public StepOutcome outcome() {
            return new StepOutcome.Validated(status, testsRun, testsPassed, testsFailed, durationMs, artifactId, reason);
        }
    }

    public record CommitCreatedResult(String runId, String branch, String commitId, int files, String artifactId) implements Result {
        @Override
        public String moduleId() {
            return null;
        }

        @Override
        public Step step() {
            return Step.PUBLISH;
        }

        @Override
        public StepOutcome outcome() {
            return new StepOutcome.Committed(branch, commitId, files, artifactId);
        }
    }
}
