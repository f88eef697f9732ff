package com.connectsoft.factory.run.application;

import com.connectsoft.factory.artifact.domain.Artifact;
import com.connectsoft.factory.artifact.domain.Artifacts;
import com.connectsoft.factory.governance.application.Governance;
import com.connectsoft.factory.governance.domain.CheckResult;
import com.connectsoft.factory.governance.domain.Decision;
import com.connectsoft.factory.orchestration.Contracts.CompensateRequest;
import com.connectsoft.factory.orchestration.Contracts.Compensation;
import com.connectsoft.factory.orchestration.Contracts.FinishRequest;
import com.connectsoft.factory.orchestration.Contracts.RecordRequest;
import com.connectsoft.factory.orchestration.Contracts.StepRequest;
import com.connectsoft.factory.orchestration.Contracts.StepResult;
import com.connectsoft.factory.orchestration.FactoryActivities;
import com.connectsoft.factory.orchestration.OrchestrationNames;
import com.connectsoft.factory.platform.json.Json;
import com.connectsoft.factory.platform.store.StoreConflictException;
import com.connectsoft.factory.project.domain.BlueprintVersion;
import com.connectsoft.factory.project.domain.Blueprints;
import com.connectsoft.factory.publish.domain.GitPublisher;
import com.connectsoft.factory.run.domain.FactoryRun;
import com.connectsoft.factory.run.domain.ModuleResult;
import com.connectsoft.factory.run.domain.RunEvents;
import com.connectsoft.factory.run.domain.RunEvents.CommitCreatedResult;
import com.connectsoft.factory.run.domain.RunEvents.ModuleCommand;
import com.connectsoft.factory.run.domain.RunEvents.ModuleRenderedResult;
import com.connectsoft.factory.run.domain.RunEvents.ModuleValidatedResult;
import com.connectsoft.factory.run.domain.RunEvents.PolicyDecisionResult;
import com.connectsoft.factory.run.domain.RunEvents.PublishProjectCommand;
import com.connectsoft.factory.run.domain.RunEvents.PublishedModule;
import com.connectsoft.factory.run.domain.RunEvents.RenderModuleCommand;
import com.connectsoft.factory.run.domain.RunJournal;
import com.connectsoft.factory.run.domain.StageRecord;
import com.connectsoft.factory.shared.domain.Envelope;
import com.connectsoft.factory.shared.domain.TenantId;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * The factory's side of the run orchestration. {@link #dispatch} publishes a step's command through the outbox with
 * the eventId the orchestration derived; {@link #record} and {@link #finish} keep the run record (modules, stages,
 * status, usage and run events) in step with the orchestration, each written with the run's ETag; {@link #compensate}
 * removes what a cancelled run recorded but did not commit. Every one of them can run twice with the same effect.
 */
public final class RunActivities implements FactoryActivities {
    private static final int ATTEMPTS = 8;

    private final RunJournal journal;
    private final Blueprints blueprints;
    private final Artifacts artifacts;
    private final GitPublisher git;
    private final Map<String, String> checks;
    private final RunProgressBoard board;
    private final Clock clock;

    /** @param checks governance check id → the command that asks for it */
    public RunActivities(RunJournal journal, Blueprints blueprints, Artifacts artifacts, GitPublisher git, Map<String, String> checks,
                         RunProgressBoard board, Clock clock) {
        this.journal = journal;
        this.blueprints = blueprints;
        this.artifacts = artifacts;
        this.git = git;
        this.checks = Map.copyOf(checks);
        this.board = board;
        this.clock = clock;
    }

    @Override
    public void dispatch(StepRequest r) {
        TenantId tenant = TenantId.of(r.tenantId());
        FactoryRun run = load(tenant, r.runId()).run();
        if (run.terminal()) {
            return; // a cancelled or ended run sends nothing more
        }
        String step = r.step();
        String type;
        Object payload;
        if (step.equals(OrchestrationNames.RENDER)) {
            BlueprintVersion bp = blueprints.versions(tenant, run.blueprintId()).stream().filter(v -> v.version() == run.blueprintVersion())
                    .findFirst().orElseThrow(() -> new IllegalStateException("run " + run.runId() + " names blueprint " + run.blueprintId()
                            + " v" + run.blueprintVersion() + ", which tenant " + tenant.value() + " does not have"));
            type = RunEvents.RENDER_MODULE;
            payload = new RenderModuleCommand(RunMessages.ref(run), r.moduleId(), r.moduleName(), bp.fileName(), bp.contentHash());
        } else if (step.startsWith(OrchestrationNames.CHECK_PREFIX)) {
            String checkId = step.substring(OrchestrationNames.CHECK_PREFIX.length());
            type = checks.get(checkId);
            if (type == null) {
                throw new IllegalArgumentException("no governance check " + checkId + "; known: " + checks.keySet());
            }
            ModuleResult m = module(run, r.moduleId());
            payload = new ModuleCommand(RunMessages.ref(run), m.moduleId(), m.name(), m.sourceArtifactId(), m.manifestHash(), checkId);
        } else if (step.equals(OrchestrationNames.VALIDATE)) {
            ModuleResult m = module(run, r.moduleId());
            type = RunEvents.VALIDATE_MODULE;
            payload = new ModuleCommand(RunMessages.ref(run), m.moduleId(), m.name(), m.sourceArtifactId(), m.manifestHash(), null);
        } else if (step.equals(OrchestrationNames.PUBLISH)) {
            type = RunEvents.PUBLISH_PROJECT;
            payload = new PublishProjectCommand(RunMessages.ref(run), run.productName(), r.moduleIds().stream().map(id -> module(run, id))
                    .map(m -> new PublishedModule(m.moduleId(), m.name(), m.sourceArtifactId(), m.manifestHash(), m.buildArtifactId())).toList());
        } else {
            throw new IllegalArgumentException("no step '" + step + "'");
        }
        Envelope command = new Envelope(r.eventId(), type, run.tenantId(), run.projectId(), r.moduleId(), run.traceId(), run.correlationId(),
                null, clock.instant(), 1, Json.toTree(payload));
        journal.publish(tenant, List.of(command));
    }

    @Override
    public void record(RecordRequest r) {
        TenantId tenant = TenantId.of(r.tenantId());
        advance(tenant, r.runId(), step -> step.record(r));
    }

    @Override
    public void finish(FinishRequest r) {
        advance(TenantId.of(r.tenantId()), r.runId(), step -> step.finish(r));
    }

    @Override
    public Compensation compensate(CompensateRequest r) {
        TenantId tenant = TenantId.of(r.tenantId());
        FactoryRun run = load(tenant, r.runId()).run();
        int removed = 0;
        for (Artifact a : artifacts.byRun(tenant, r.runId())) {
            if (!Artifact.BLUEPRINT.equals(a.artifactType()) && artifacts.remove(tenant, a.artifactId())) {
                removed++;
            }
        }
        String branch = run.branch() != null ? run.branch() : com.connectsoft.factory.publish.application.PublishProjectStep.branch(run.runId());
        boolean deleted = git.deleteBranch(tenant, run.projectId(), branch);
        String summary = "removed " + removed + " uncommitted artifact(s)" + (deleted ? " and branch " + branch : "; no branch to remove");
        int count = removed;
        advance(tenant, r.runId(), step -> step.compensated(summary, count));
        return new Compensation(removed, deleted ? branch : null, summary);
    }

    private RunJournal.Versioned load(TenantId tenant, String runId) {
        return journal.load(tenant, runId).orElseThrow(() -> new IllegalArgumentException("tenant " + tenant.value() + " has no run " + runId));
    }

    private static ModuleResult module(FactoryRun run, String moduleId) {
        return run.module(moduleId).orElseThrow(() -> new IllegalArgumentException("run " + run.runId() + " has no module " + moduleId));
    }

    /** Applies a change to the run and commits it guarded by its ETag, again on a conflict; an ended run stays as it is. */
    private void advance(TenantId tenant, String runId, Consumer<Change> change) {
        for (int attempt = 1; attempt <= ATTEMPTS; attempt++) {
            RunJournal.Versioned current = load(tenant, runId);
            if (current.run().terminal()) {
                return;
            }
            Change c = new Change(current.run(), clock.instant());
            change.accept(c);
            if (!c.changed) {
                return;
            }
            try {
                journal.commit(tenant, c.run, current.etag(), List.of(), c.events);
            } catch (StoreConflictException e) {
                continue;
            }
            RunProgress progress = board.of(runId);
            c.progress.forEach(p -> p.accept(progress));
            if (c.run.terminal()) {
                board.forget(runId);
            }
            return;
        }
        throw new IllegalStateException("run " + runId + " kept changing; the activity is retried");
    }

    /** One change to one run record: the new record, its events and what to report once it is committed. */
    private final class Change {
        private FactoryRun run;
        private final Instant now;
        private final List<Envelope> events = new ArrayList<>();
        private final List<Consumer<RunProgress>> progress = new ArrayList<>();
        private boolean changed;

        Change(FactoryRun run, Instant now) {
            this.run = run;
            this.now = now;
        }

        void record(RecordRequest r) {
            String step = r.step();
            if (step.equals(OrchestrationNames.RENDER)) {
                rendered(module(run, r.moduleId()), r.result());
            } else if (step.startsWith(OrchestrationNames.CHECK_PREFIX)) {
                decided(module(run, r.moduleId()), step.substring(OrchestrationNames.CHECK_PREFIX.length()), r.result());
            } else if (step.equals(OrchestrationNames.APPROVAL_REQUESTED)) {
                ModuleResult m = module(run, r.moduleId());
                if (!Decision.RequiresApproval.name().equals(m.governance())) {
                    put(m.withGovernance(Decision.RequiresApproval.name(), m.governanceReasons()));
                    run = run.withStatus(FactoryRun.WAITING_FOR_APPROVAL, now);
                    event("ApprovalRequested", m.moduleId(), Map.of("moduleId", m.moduleId(), "reasons", m.governanceReasons()));
                    say("governance", m.name(), "waiting for approval: ./factory approve " + run.runId() + " (or reject)");
                }
            } else if (step.equals(OrchestrationNames.APPROVAL)) {
                ModuleResult m = module(run, r.moduleId());
                if (Decision.RequiresApproval.name().equals(m.governance())) {
                    var a = r.approval();
                    List<String> reasons = new ArrayList<>(m.governanceReasons());
                    reasons.add((a.approved() ? "approved by " : "rejected by ") + a.by() + (a.comment() == null || a.comment().isBlank()
                            ? "" : ": " + a.comment()));
                    ModuleResult next = m.withGovernance(a.approved() ? Decision.Allow.name() : ModuleResult.REJECTED, reasons);
                    put(a.approved() ? next : next.withBuild("skipped", 0, 0, 0, 0, null, ""));
                    if (run.modules().stream().noneMatch(x -> Decision.RequiresApproval.name().equals(x.governance()))) {
                        run = run.withStatus(FactoryRun.RUNNING, now);
                    }
                    event(a.approved() ? "ApprovalGranted" : "ApprovalRejected", m.moduleId(), Map.of("moduleId", m.moduleId(),
                            "by", a.by(), "comment", a.comment() == null ? "" : a.comment()));
                    say("governance", m.name(), reasons.get(reasons.size() - 1));
                    if (a.approved()) {
                        say("validate", m.name(), "building and testing...");
                    }
                    settle();
                }
            } else if (step.equals(OrchestrationNames.VALIDATE)) {
                validated(module(run, r.moduleId()), r.result());
            } else if (step.equals(OrchestrationNames.PUBLISH)) {
                committed(r.result());
            } else {
                throw new IllegalArgumentException("no step '" + step + "' to record");
            }
        }

        private void rendered(ModuleResult m, StepResult result) {
            if (!ModuleResult.PENDING.equals(m.render())) {
                return;
            }
            if (result.failedToRun()) {
                put(m.refused(List.of(result.failure())));
                say("render", m.name(), "failed: " + result.failure());
            } else {
                ModuleRenderedResult r = Json.fromTree(result.payload(), ModuleRenderedResult.class);
                if (ModuleRenderedResult.RENDERED.equals(r.status())) {
                    put(m.rendered(r.files(), r.lines(), r.renderMs(), r.sourceArtifactId(), r.manifestHash()));
                    events.add(RunMessages.usage(run, "renders", 1, "module", m.moduleId(), null, now));
                    say("render", m.name(), r.files() + " files, " + r.lines() + " lines in " + r.renderMs() + " ms");
                } else {
                    put(m.refused(r.reasons()));
                    say("render", m.name(), "refused: " + String.join("; ", r.reasons()));
                }
            }
            settle();
        }

        private void decided(ModuleResult m, String checkId, StepResult result) {
            if (!"rendered".equals(m.render()) || m.hasCheck(checkId)) {
                return;
            }
            CheckResult check;
            if (result.failedToRun()) {
                check = new CheckResult(checkId, "-", Decision.Deny, List.of(result.failure()));
            } else {
                PolicyDecisionResult d = Json.fromTree(result.payload(), PolicyDecisionResult.class);
                List<String> reasons = new ArrayList<>(d.reasons());
                Decision decision;
                try {
                    decision = Decision.valueOf(d.decision());
                } catch (RuntimeException e) {
                    decision = Decision.Deny; // the orchestration denies what it cannot read, too
                    reasons.add("decision '" + d.decision() + "' is not Allow, Deny or RequiresApproval");
                }
                check = new CheckResult(checkId, d.policyVersion(), decision, reasons);
            }
            m = m.withCheck(check);
            if (checks.keySet().stream().allMatch(m::hasCheck)) {
                Decision overall = Governance.overall(m.checks());
                List<String> reasons = m.checks().stream().flatMap(c -> c.reasons().stream().map(x -> c.checkId() + ": " + x)).toList();
                m = m.withGovernance(overall == Decision.RequiresApproval ? ModuleResult.PENDING : overall.name(), reasons);
                if (overall == Decision.Deny) {
                    m = m.withBuild("skipped", 0, 0, 0, 0, null, "");
                }
                String name = m.name();
                say("governance", name, overall + (reasons.isEmpty() ? " (" + m.checks().size() + " checks)"
                        : ": " + String.join("; ", reasons.subList(0, Math.min(3, reasons.size())))));
                if (overall == Decision.Allow) {
                    say("validate", name, "building and testing...");
                }
            }
            put(m);
            settle();
        }

        private void validated(ModuleResult m, StepResult result) {
            if (!ModuleResult.PENDING.equals(m.build())) {
                return;
            }
            if (result.failedToRun()) {
                put(m.withBuild("failed", 0, 0, 0, 0, null, result.failure()));
                say("validate", m.name(), "failed: " + result.failure());
            } else {
                ModuleValidatedResult v = Json.fromTree(result.payload(), ModuleValidatedResult.class);
                put(m.withBuild(v.status(), v.testsRun(), v.testsPassed(), v.testsFailed(), v.durationMs(), v.artifactId(), v.reason()));
                events.add(RunMessages.usage(run, "build-seconds", Math.max(1, (v.durationMs() + 999) / 1000), "second", m.moduleId(),
                        null, now));
                boolean ok = "passed".equals(v.status());
                say("validate", m.name(), ok ? "passed: " + v.testsPassed() + "/" + v.testsRun() + " tests passed in " + v.durationMs() + " ms"
                        : v.status() + ": " + (v.reason().isBlank() ? "see its build log" : v.reason()));
            }
            settle();
        }

        private void committed(StepResult result) {
            if (run.commitId() != null || result.failedToRun()) {
                return;
            }
            CommitCreatedResult c = Json.fromTree(result.payload(), CommitCreatedResult.class);
            run = run.withCommit(c.branch(), c.commitId(), now);
            changed = true;
            stage("publish", "completed", "commit " + c.commitId().substring(0, Math.min(12, c.commitId().length())) + " on "
                    + c.branch() + ", " + c.files() + " files");
        }

        void compensated(String summary, int removed) {
            if (run.hasStage("compensate")) {
                return;
            }
            event("FactoryRunCompensated", null, Map.of("runId", run.runId(), "artifactsRemoved", removed, "summary", summary));
            stage("compensate", "completed", summary);
        }

        void finish(FinishRequest r) {
            settle();
            if (!run.hasStage("publish")) {
                stage("publish", "skipped", FinishRequest.CANCELLED.equals(r.status()) ? "cancelled before the commit"
                        : "no module passed; nothing is committed");
            }
            boolean ok = FinishRequest.COMPLETED.equals(r.status()) || FinishRequest.PARTIALLY_COMPLETED.equals(r.status());
            long totalMs = Math.max(0, Duration.between(run.createdAt(), now).toMillis());
            String type = ok ? RunEvents.RUN_COMPLETED : FinishRequest.CANCELLED.equals(r.status()) ? RunEvents.RUN_CANCELLED : RunEvents.RUN_FAILED;
            events.add(RunMessages.usage(run, "runs", 1, "run", "run", null, now));
            events.add(RunMessages.event(run, type, null, "", Json.toTree(Map.of("runId", run.runId(), "status", r.status(),
                    "durationMs", totalMs, "modules", r.modules().stream().map(o -> Map.of("moduleId", o.moduleId(), "status", o.status(),
                            "stage", o.stage())).toList())), null, now));
            run = run.finished(r.status(), r.reason(), now);
            changed = true;
            stage("done", ok ? "completed" : r.status(), r.reason() == null ? "run completed in " + totalMs + " ms"
                    : r.status() + ": " + r.reason());
        }

        /** Closes every stage all modules have passed (a module that stopped earlier has passed the later ones). */
        private void settle() {
            List<ModuleResult> modules = run.modules();
            if (!run.hasStage("render") && modules.stream().noneMatch(m -> ModuleResult.PENDING.equals(m.render()))) {
                long refused = modules.stream().filter(m -> "refused".equals(m.render())).count();
                stage("render", refused == 0 ? "completed" : refused == modules.size() ? "failed" : "partial",
                        modules.stream().mapToInt(ModuleResult::files).sum() + " files" + (refused == 0 ? "" : ", " + refused + " module(s) refused"));
            }
            if (run.hasStage("render") && !run.hasStage("governance") && modules.stream().noneMatch(m -> ModuleResult.PENDING.equals(m.governance())
                    || Decision.RequiresApproval.name().equals(m.governance()))) {
                long allowed = modules.stream().filter(m -> Decision.Allow.name().equals(m.governance())).count();
                stage("governance", allowed == modules.size() ? "completed" : allowed == 0 ? "failed" : "partial",
                        allowed == modules.size() ? "all modules allowed" : (modules.size() - allowed) + " module(s) not allowed");
            }
            if (run.hasStage("governance") && !run.hasStage("validate") && modules.stream().noneMatch(m -> ModuleResult.PENDING.equals(m.build()))) {
                long passed = modules.stream().filter(m -> "passed".equals(m.build())).count();
                stage("validate", passed == modules.size() ? "completed" : passed == 0 ? "failed" : "partial",
                        passed + "/" + modules.size() + " modules built and passed their tests");
            }
        }

        private void put(ModuleResult m) {
            run = run.withModule(m, now);
            changed = true;
        }

        private void event(String type, String moduleId, Object payload) {
            events.add(RunMessages.event(run, type, moduleId, moduleId == null ? "" : moduleId, payload, null, now));
            changed = true;
        }

        private void stage(String name, String status, String detail) {
            StageRecord s = RunMessages.stage(run, name, status, detail, now);
            run = run.withStage(s, now);
            changed = true;
            events.add(RunMessages.event(run, RunEvents.STAGE_COMPLETED, null, name, s, null, now));
            progress.add(p -> p.stage(s.name(), s.status(), s.durationMs(), s.detail()));
        }

        private void say(String stage, String module, String detail) {
            progress.add(p -> p.module(stage, module, detail));
        }
    }

}
