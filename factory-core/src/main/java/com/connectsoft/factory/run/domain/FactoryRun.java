package com.connectsoft.factory.run.domain;

import com.connectsoft.factory.governance.domain.CheckResult;

import com.connectsoft.factory.run.domain.RunFact.ModuleEnd;
import com.connectsoft.factory.run.domain.Transition.Said;
import com.connectsoft.factory.run.vocabulary.BuildStatus;
import com.connectsoft.factory.run.vocabulary.Decision;
import com.connectsoft.factory.run.vocabulary.GovernanceStatus;
import com.connectsoft.factory.run.vocabulary.RenderStatus;
import com.connectsoft.factory.run.vocabulary.RunStatus;
import com.connectsoft.factory.run.vocabulary.Stage;
import com.connectsoft.factory.run.vocabulary.StageStatus;
import com.connectsoft.factory.run.vocabulary.StepOutcome;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * One factory run: intent in, modules out. The aggregate of the run capability: every change to a run is one of its
 * transitions below, each taking what happened (a step's outcome, a human's answer, the run's end) and returning the
 * run after it with the facts to publish ({@link Transition}). A transition that already happened changes nothing, so
 * recording a step twice is harmless. A stage is recorded when every module has passed it (a module that stopped
 * earlier has passed the later ones). An ended run changes no more.
 */
public record FactoryRun(
        String tenantId,
        String runId,
        String projectId,
        String productName,
        String blueprintId,
        int blueprintVersion,
        String templateRef,
        String traceId,
        String correlationId,
        RunStatus status,
        List<StageRecord> stages,
        List<ModuleResult> modules,
        String branch,
        String commitId,
        String outputDir,
        String failure,
        Instant createdAt,
        Instant updatedAt) {

    public FactoryRun {
        stages = List.copyOf(stages);
        modules = List.copyOf(modules);
    }

    public boolean hasStage(Stage name) {
        return stages.stream().anyMatch(s -> s.name() == name);
    }

    /** Ended: completed, partially-completed, failed or cancelled. */
    public boolean terminal() {
        return status.terminal();
    }

    public Optional<ModuleResult> module(String moduleId) {
        return modules.stream().filter(m -> m.moduleId().equals(moduleId)).findFirst();
    }

    /** A stage that ends now and began when the one before it ended. */
    public StageRecord stageEndingNow(Stage name, StageStatus status, String detail, Instant now) {
        Instant started = stages.isEmpty() ? createdAt : stages.get(stages.size() - 1).endedAt();
        return new StageRecord(name, status, started, now, Math.max(0, Duration.between(started, now).toMillis()), detail);
    }

    /** The run with a stage it recorded itself (intake and plan, before any step). */
    public FactoryRun withStage(StageRecord stage, Instant now) {
        List<StageRecord> s = new ArrayList<>(stages);
        s.add(stage);
        return new FactoryRun(tenantId, runId, projectId, productName, blueprintId, blueprintVersion, templateRef, traceId, correlationId,
                status, s, modules, branch, commitId, outputDir, failure, createdAt, now);
    }

    // ---- transitions ------------------------------------------------------------------------------------------------

    /** A module's render came back: rendered, refused by the template, or never ran. */
    public Transition rendered(String moduleId, StepOutcome outcome, Instant now) {
        ModuleResult m = require(moduleId);
        if (terminal() || m.render() != RenderStatus.PENDING) {
            return Transition.none(this);
        }
        Change c = new Change(this, now);
        if (outcome instanceof StepOutcome.Rendered r) {
            c.put(m.rendered(r.files(), r.lines(), r.renderMs(), r.sourceArtifactId(), r.manifestHash()));
            c.facts.add(new RunFact.UsageIncurred("renders", 1, "module", m.moduleId()));
            c.say(Stage.RENDER, m.name(), r.files() + " files, " + r.lines() + " lines in " + r.renderMs() + " ms");
        } else {
            c.put(m.refused(outcome.reasons()));
            c.say(Stage.RENDER, m.name(), (outcome instanceof StepOutcome.NotRun ? "failed: " : "refused: ")
                    + String.join("; ", outcome.reasons()));
        }
        c.settle();
        return c.done();
    }

    /**
     * One governance check of a module came back. When every check in {@code checkIds} has, the module's governance is
     * their overall decision: Deny skips its build; RequiresApproval waits for a human.
     */
    public Transition decided(String moduleId, String checkId, StepOutcome outcome, Set<String> checkIds, Instant now) {
        ModuleResult m = require(moduleId);
        if (terminal() || m.render() != RenderStatus.RENDERED || m.hasCheck(checkId)) {
            return Transition.none(this);
        }
        Change c = new Change(this, now);
        CheckResult check = outcome instanceof StepOutcome.PolicyDecided d && d.decision() != null
                ? new CheckResult(checkId, d.policyVersion(), d.decision(), d.reasons())
                : new CheckResult(checkId, "-", Decision.Deny, outcome instanceof StepOutcome.PolicyDecided ? List.of("the check gave no decision")
                : outcome.reasons());
        m = m.withCheck(check);
        if (checkIds.stream().allMatch(m::hasCheck)) {
            Decision overall = CheckResult.overall(m.checks());
            List<String> reasons = m.checks().stream().flatMap(x -> x.reasons().stream().map(r -> x.checkId() + ": " + r)).toList();
            m = m.withGovernance(switch (overall) {
                case Allow -> GovernanceStatus.ALLOW;
                case Deny -> GovernanceStatus.DENY;
                case RequiresApproval -> GovernanceStatus.PENDING; // the approval request comes next
            }, reasons);
            if (overall == Decision.Deny) {
                m = m.skipped();
            }
            c.say(Stage.GOVERNANCE, m.name(), overall + (reasons.isEmpty() ? " (" + m.checks().size() + " checks)"
                    : ": " + String.join("; ", reasons.subList(0, Math.min(3, reasons.size())))));
            if (overall == Decision.Allow) {
                c.say(Stage.VALIDATE, m.name(), "building and testing...");
            }
        }
        c.put(m);
        c.settle();
        return c.done();
    }

    /** A module's checks asked for a human: the run waits for an approval. */
    public Transition approvalRequested(String moduleId, Instant now) {
        ModuleResult m = require(moduleId);
        if (terminal() || m.governance() == GovernanceStatus.REQUIRES_APPROVAL) {
            return Transition.none(this);
        }
        Change c = new Change(this, now);
        c.put(m.withGovernance(GovernanceStatus.REQUIRES_APPROVAL, m.governanceReasons()));
        c.status(RunStatus.WAITING_FOR_APPROVAL);
        c.facts.add(new RunFact.ApprovalRequested(m.moduleId(), m.governanceReasons()));
        c.say(Stage.GOVERNANCE, m.name(), "waiting for approval: ./factory approve " + runId + " (or reject)");
        return c.done();
    }

    /** Nobody answered a module's approval in time and it went to the second approver group: the run still waits, unchanged. */
    public Transition approvalEscalated(String moduleId, Instant now) {
        require(moduleId);
        return Transition.none(this);
    }

    /** A human (or the deadline) answered a module's approval; the run goes on when no module waits any more. */
    public Transition approvalAnswered(String moduleId, boolean approved, String by, String comment, Instant now) {
        ModuleResult m = require(moduleId);
        if (terminal() || m.governance() != GovernanceStatus.REQUIRES_APPROVAL) {
            return Transition.none(this);
        }
        Change c = new Change(this, now);
        List<String> reasons = new ArrayList<>(m.governanceReasons());
        reasons.add((approved ? "approved by " : "rejected by ") + by + (comment == null || comment.isBlank() ? "" : ": " + comment));
        ModuleResult next = m.withGovernance(approved ? GovernanceStatus.ALLOW : GovernanceStatus.REJECTED, reasons);
        c.put(approved ? next : next.skipped());
        if (c.run.modules.stream().noneMatch(x -> x.governance() == GovernanceStatus.REQUIRES_APPROVAL)) {
            c.status(RunStatus.RUNNING);
        }
        c.facts.add(new RunFact.ApprovalAnswered(m.moduleId(), approved, by, comment == null ? "" : comment));
        c.say(Stage.GOVERNANCE, m.name(), reasons.get(reasons.size() - 1));
        if (approved) {
            c.say(Stage.VALIDATE, m.name(), "building and testing...");
        }
        c.settle();
        return c.done();
    }

    /** A module's build and tests came back (or never ran). */
    public Transition validated(String moduleId, StepOutcome outcome, Instant now) {
        ModuleResult m = require(moduleId);
        if (terminal() || m.build() != BuildStatus.PENDING) {
            return Transition.none(this);
        }
        Change c = new Change(this, now);
        if (outcome instanceof StepOutcome.Validated v) {
            c.put(m.withBuild(v.status(), v.testsRun(), v.testsPassed(), v.testsFailed(), v.durationMs(), v.artifactId(), v.reason()));
            c.facts.add(new RunFact.UsageIncurred("build-seconds", Math.max(1, (v.durationMs() + 999) / 1000), "second", m.moduleId()));
            c.say(Stage.VALIDATE, m.name(), v.passed() ? "passed: " + v.testsPassed() + "/" + v.testsRun() + " tests passed in "
                    + v.durationMs() + " ms" : v.status() + ": " + (v.reason().isBlank() ? "see its build log" : v.reason()));
        } else {
            String why = String.join("; ", outcome.reasons());
            c.put(m.withBuild(BuildStatus.FAILED, 0, 0, 0, 0, null, why));
            c.say(Stage.VALIDATE, m.name(), "failed: " + why);
        }
        c.settle();
        return c.done();
    }

    /** The run's modules were committed. */
    public Transition committed(StepOutcome outcome, Instant now) {
        if (terminal() || commitId != null || !(outcome instanceof StepOutcome.Committed k)) {
            return Transition.none(this);
        }
        Change c = new Change(this, now);
        c.run = new FactoryRun(tenantId, runId, projectId, productName, blueprintId, blueprintVersion, templateRef, traceId, correlationId,
                status, stages, modules, k.branch(), k.commitId(), outputDir, failure, createdAt, now);
        c.stage(Stage.PUBLISH, StageStatus.COMPLETED, "commit " + k.commitId().substring(0, Math.min(12, k.commitId().length())) + " on "
                + k.branch() + ", " + k.files() + " files");
        return c.done();
    }

    /** Compensation removed what the cancelled run recorded but did not commit. */
    public Transition compensated(int artifactsRemoved, String summary, Instant now) {
        if (terminal() || hasStage(Stage.COMPENSATE)) {
            return Transition.none(this);
        }
        Change c = new Change(this, now);
        c.facts.add(new RunFact.Compensated(artifactsRemoved, summary));
        c.stage(Stage.COMPENSATE, StageStatus.COMPLETED, summary);
        return c.done();
    }

    /** The run ended, as its orchestration decided. */
    public Transition finished(RunStatus end, String reason, List<ModuleEnd> ends, Instant now) {
        if (!end.terminal()) {
            throw new IllegalArgumentException("a run ends completed, partially-completed, failed or cancelled, not " + end);
        }
        if (terminal()) {
            return Transition.none(this);
        }
        Change c = new Change(this, now);
        c.settle();
        if (!c.run.hasStage(Stage.PUBLISH)) {
            c.stage(Stage.PUBLISH, StageStatus.SKIPPED, end == RunStatus.CANCELLED ? "cancelled before the commit"
                    : "no module passed; nothing is committed");
        }
        boolean ok = end == RunStatus.COMPLETED || end == RunStatus.PARTIALLY_COMPLETED;
        long totalMs = Math.max(0, Duration.between(createdAt, now).toMillis());
        c.facts.add(new RunFact.UsageIncurred("runs", 1, "run", "run"));
        c.facts.add(new RunFact.Ended(end, totalMs, ends));
        FactoryRun r = c.run;
        c.run = new FactoryRun(tenantId, runId, projectId, productName, blueprintId, blueprintVersion, templateRef, traceId, correlationId,
                end, r.stages, r.modules, r.branch, r.commitId, outputDir, reason, createdAt, now);
        c.stage(Stage.DONE, ok ? StageStatus.COMPLETED : end == RunStatus.CANCELLED ? StageStatus.CANCELLED : StageStatus.FAILED,
                reason == null ? "run completed in " + totalMs + " ms" : end + ": " + reason);
        return c.done();
    }

    private ModuleResult require(String moduleId) {
        return module(moduleId).orElseThrow(() -> new IllegalArgumentException("run " + runId + " has no module " + moduleId));
    }

    /** One change in the making. */
    private static final class Change {
        private FactoryRun run;
        private final Instant now;
        private final List<RunFact> facts = new ArrayList<>();
        private final List<Said> said = new ArrayList<>();

        Change(FactoryRun run, Instant now) {
            this.run = run;
            this.now = now;
        }

        void put(ModuleResult m) {
            run = new FactoryRun(run.tenantId, run.runId, run.projectId, run.productName, run.blueprintId, run.blueprintVersion,
                    run.templateRef, run.traceId, run.correlationId, run.status, run.stages,
                    run.modules.stream().map(x -> x.moduleId().equals(m.moduleId()) ? m : x).toList(), run.branch, run.commitId,
                    run.outputDir, run.failure, run.createdAt, now);
        }

        void status(RunStatus s) {
            run = new FactoryRun(run.tenantId, run.runId, run.projectId, run.productName, run.blueprintId, run.blueprintVersion,
                    run.templateRef, run.traceId, run.correlationId, s, run.stages, run.modules, run.branch, run.commitId, run.outputDir,
                    run.failure, run.createdAt, now);
        }

        void stage(Stage name, StageStatus status, String detail) {
            StageRecord s = run.stageEndingNow(name, status, detail, now);
            run = run.withStage(s, now);
            facts.add(new RunFact.StageCompleted(s));
        }

        void say(Stage stage, String module, String detail) {
            said.add(new Said(stage, module, detail));
        }

        /** Closes every stage all modules have passed. */
        void settle() {
            List<ModuleResult> ms = run.modules;
            if (!run.hasStage(Stage.RENDER) && ms.stream().noneMatch(m -> m.render() == RenderStatus.PENDING)) {
                long refused = ms.stream().filter(m -> m.render() == RenderStatus.REFUSED).count();
                stage(Stage.RENDER, refused == 0 ? StageStatus.COMPLETED : refused == ms.size() ? StageStatus.FAILED : StageStatus.PARTIAL,
                        ms.stream().mapToInt(ModuleResult::files).sum() + " files" + (refused == 0 ? "" : ", " + refused
                                + " module(s) refused"));
            }
            if (run.hasStage(Stage.RENDER) && !run.hasStage(Stage.GOVERNANCE) && ms.stream().noneMatch(m -> m.governance()
                    == GovernanceStatus.PENDING || m.governance() == GovernanceStatus.REQUIRES_APPROVAL)) {
                long allowed = ms.stream().filter(m -> m.governance() == GovernanceStatus.ALLOW).count();
                stage(Stage.GOVERNANCE, allowed == ms.size() ? StageStatus.COMPLETED : allowed == 0 ? StageStatus.FAILED : StageStatus.PARTIAL,
                        allowed == ms.size() ? "all modules allowed" : (ms.size() - allowed) + " module(s) not allowed");
            }
            if (run.hasStage(Stage.GOVERNANCE) && !run.hasStage(Stage.VALIDATE) && ms.stream().noneMatch(m -> m.build() == BuildStatus.PENDING)) {
                long passed = ms.stream().filter(m -> m.build() == BuildStatus.PASSED).count();
                stage(Stage.VALIDATE, passed == ms.size() ? StageStatus.COMPLETED : passed == 0 ? StageStatus.FAILED : StageStatus.PARTIAL,
                        passed + "/" + ms.size() + " modules built and passed their tests");
            }
        }

        Transition done() {
            return new Transition(run, true, facts, said);
        }
    }
}
