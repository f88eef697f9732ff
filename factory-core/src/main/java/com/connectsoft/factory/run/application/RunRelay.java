package com.connectsoft.factory.run.application;

import com.connectsoft.factory.artifact.application.Lineage;
import com.connectsoft.factory.governance.application.Governance;
import com.connectsoft.factory.governance.domain.CheckResult;
import com.connectsoft.factory.governance.domain.Decision;
import com.connectsoft.factory.platform.bus.DeadLetters;
import com.connectsoft.factory.platform.bus.PoisonEventException;
import com.connectsoft.factory.platform.json.Json;
import com.connectsoft.factory.platform.store.StoreConflictException;
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
import com.connectsoft.factory.run.domain.RunJournal;
import com.connectsoft.factory.run.domain.StageRecord;
import com.connectsoft.factory.shared.domain.Envelope;
import com.connectsoft.factory.shared.domain.TenantId;
import com.fasterxml.jackson.databind.JsonNode;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * The run-relay capability: applies a result event to its run and, in the same transaction, publishes what comes
 * next (the module's governance checks after its render, its build after an Allow, the commit once every module
 * passed, the end of the run). State decides, so a result applied twice changes nothing; the run record is
 * written with its ETag, so two relays applying results of one run at once cannot lose either.
 */
public final class RunRelay implements Function<Envelope, List<Envelope>> {
    private static final int ATTEMPTS = 8;
    private static final java.util.Set<String> RESULTS = java.util.Set.of(RunEvents.MODULE_RENDERED, RunEvents.POLICY_DECISION_RECORDED,
            RunEvents.MODULE_VALIDATED, RunEvents.COMMIT_CREATED);

    private final RunJournal journal;
    private final Map<String, String> checks;
    private final RunProgressBoard board;
    private final Clock clock;

    /** @param checks governance check id → the command that asks for it (every module gets every check) */
    public RunRelay(RunJournal journal, Map<String, String> checks, RunProgressBoard board, Clock clock) {
        this.journal = journal;
        this.checks = Map.copyOf(checks);
        this.board = board;
        this.clock = clock;
    }

    @Override
    public List<Envelope> apply(Envelope event) {
        if (DeadLetters.EVENT_TYPE.equals(event.eventType()) && !event.payload().path("payload").path("run").hasNonNull("runId")
                && !RESULTS.contains(event.payload().path("eventType").asText())) {
            return List.of(); // not a step of a run (a usage record, a domain event): the run does not wait for it
        }
        TenantId tenant = event.tenant();
        String runId = runIdOf(event);
        if (journal.load(tenant, runId).isEmpty()) {
            throw new PoisonEventException(event.eventType() + " " + event.eventId() + " names run " + runId + ", which tenant "
                    + tenant.value() + " does not have");
        }
        advance(tenant, runId, event, Step::apply);
        return List.of();
    }

    /** Ends a run that cannot go on (a command was dead-lettered), unless it already ended. */
    public Optional<FactoryRun> abandon(TenantId tenant, String runId, String reason) {
        return advance(tenant, runId, null, step -> step.fail(reason));
    }

    /**
     * Applies {@code change} to the run and commits it guarded by the run's ETag, reading again and re-applying when
     * another relay committed first; reports progress only after the commit. A run that ended is left as it is.
     */
    private Optional<FactoryRun> advance(TenantId tenant, String runId, Envelope cause, java.util.function.Consumer<Step> change) {
        for (int attempt = 1; attempt <= ATTEMPTS; attempt++) {
            Optional<RunJournal.Versioned> current = journal.load(tenant, runId);
            if (current.isEmpty() || current.get().run().terminal()) {
                return current.map(RunJournal.Versioned::run);
            }
            Step step = new Step(current.get().run(), cause, clock.instant());
            change.accept(step);
            if (!step.changed) {
                return Optional.of(step.run);
            }
            try {
                journal.commit(tenant, step.run, current.get().etag(), List.of(), step.events);
            } catch (StoreConflictException e) {
                continue; // another result of this run was applied first: read it again and re-apply
            }
            RunProgress progress = board.of(runId);
            step.progress.forEach(p -> p.accept(progress));
            if (step.run.terminal()) {
                board.forget(runId);
            }
            return Optional.of(step.run);
        }
        throw new IllegalStateException("run " + runId + " kept changing while " + (cause == null ? "it was abandoned"
                : cause.eventType() + " was applied") + "; retry later");
    }

    private static String runIdOf(Envelope event) {
        JsonNode p = event.payload();
        String runId = switch (event.eventType()) {
            case DeadLetters.EVENT_TYPE -> p.path("payload").path("run").path("runId").asText(p.path("payload").path("runId").asText(null));
            default -> p.path("runId").asText(null);
        };
        if (runId == null || runId.isBlank()) {
            throw new PoisonEventException(event.eventType() + " " + event.eventId() + " names no run (payload.runId)");
        }
        return runId;
    }

    /** One application of one event to one run: the new run record, the events to publish, what to report. */
    private final class Step {
        private FactoryRun run;
        private final Envelope cause;
        private final Instant now;
        private final List<Envelope> events = new ArrayList<>();
        private final List<java.util.function.Consumer<RunProgress>> progress = new ArrayList<>();
        private boolean changed;

        Step(FactoryRun run, Envelope cause, Instant now) {
            this.run = run;
            this.cause = cause;
            this.now = now;
        }

        void apply() {
            switch (cause.eventType()) {
                case RunEvents.MODULE_RENDERED -> rendered(Lineage.payload(cause, ModuleRenderedResult.class));
                case RunEvents.POLICY_DECISION_RECORDED -> decided(Lineage.payload(cause, PolicyDecisionResult.class));
                case RunEvents.MODULE_VALIDATED -> validated(Lineage.payload(cause, ModuleValidatedResult.class));
                case RunEvents.COMMIT_CREATED -> committed(Lineage.payload(cause, CommitCreatedResult.class));
                case DeadLetters.EVENT_TYPE -> fail(cause.payload().path("eventType").asText() + " for "
                        + (cause.moduleId() == null ? "the run" : "module " + cause.moduleId()) + " was dead-lettered by "
                        + cause.payload().path("subscription").asText() + ": " + cause.payload().path("reason").asText());
                default -> throw new PoisonEventException("the run relay does not take " + cause.eventType());
            }
        }

        private String causation() {
            return cause == null ? null : cause.eventId();
        }

        private ModuleResult module(String moduleId) {
            return run.module(moduleId).orElseThrow(() -> new PoisonEventException(
                    "run " + run.runId() + " has no module " + moduleId + " (" + cause.eventType() + " " + cause.eventId() + ")"));
        }

        private void put(ModuleResult m) {
            run = run.withModule(m, now);
            changed = true;
        }

        private void command(String type, String moduleId, Object payload) {
            events.add(RunMessages.event(run, type, moduleId, moduleId == null ? "" : moduleId, payload, causation(), now));
        }

        private void say(String stage, String module, String detail) {
            progress.add(p -> p.module(stage, module, detail));
        }

        private void rendered(ModuleRenderedResult r) {
            ModuleResult m = module(r.moduleId());
            if (!ModuleResult.PENDING.equals(m.render())) {
                return;
            }
            if (ModuleRenderedResult.RENDERED.equals(r.status())) {
                m = m.rendered(r.files(), r.lines(), r.renderMs(), r.sourceArtifactId(), r.manifestHash());
                put(m);
                events.add(RunMessages.usage(run, "renders", 1, "module", m.moduleId(), causation(), now));
                for (Map.Entry<String, String> check : checks.entrySet()) {
                    events.add(RunMessages.event(run, check.getValue(), m.moduleId(), m.moduleId(), new ModuleCommand(RunMessages.ref(run),
                            m.moduleId(), m.name(), m.sourceArtifactId(), m.manifestHash(), check.getKey()), causation(), now));
                }
                say("render", m.name(), r.files() + " files, " + r.lines() + " lines in " + r.renderMs() + " ms");
            } else {
                put(m.refused(r.reasons()));
                say("render", m.name(), "refused: " + String.join("; ", r.reasons()));
            }
            settle();
        }

        private void decided(PolicyDecisionResult d) {
            ModuleResult m = module(d.moduleId());
            if (!"rendered".equals(m.render()) || m.hasCheck(d.checkId()) || !ModuleResult.PENDING.equals(m.governance())) {
                return;
            }
            Decision decision;
            try {
                decision = Decision.valueOf(d.decision());
            } catch (RuntimeException e) {
                throw new PoisonEventException("decision '" + d.decision() + "' of " + d.checkId() + " is not Allow, Deny or RequiresApproval");
            }
            m = m.withCheck(new CheckResult(d.checkId(), d.policyVersion(), decision, d.reasons()));
            if (checks.keySet().stream().allMatch(m::hasCheck)) {
                Decision overall = Governance.overall(m.checks());
                List<String> reasons = m.checks().stream().flatMap(c -> c.reasons().stream().map(x -> c.checkId() + ": " + x)).toList();
                m = m.withGovernance(overall.name(), reasons);
                say("governance", m.name(), overall + (reasons.isEmpty() ? " (" + m.checks().size() + " checks)"
                        : ": " + String.join("; ", reasons.subList(0, Math.min(3, reasons.size())))));
                if (overall == Decision.Allow) {
                    command(RunEvents.VALIDATE_MODULE, m.moduleId(), new ModuleCommand(RunMessages.ref(run), m.moduleId(), m.name(),
                            m.sourceArtifactId(), m.manifestHash(), null));
                    say("validate", m.name(), "building and testing...");
                } else {
                    m = m.withBuild("skipped", 0, 0, 0, 0, null);
                }
            }
            put(m);
            settle();
        }

        private void validated(ModuleValidatedResult v) {
            ModuleResult m = module(v.moduleId());
            if (!ModuleResult.PENDING.equals(m.build())) {
                return;
            }
            put(m.withBuild(v.status(), v.testsRun(), v.testsPassed(), v.testsFailed(), v.durationMs(), v.artifactId()));
            events.add(RunMessages.usage(run, "build-seconds", Math.max(1, (v.durationMs() + 999) / 1000), "second", m.moduleId(),
                    causation(), now));
            boolean ok = "passed".equals(v.status());
            say("validate", m.name(), v.status() + ": " + v.testsPassed() + "/" + v.testsRun() + " tests passed in " + v.durationMs()
                    + " ms" + (ok ? "" : "\n" + String.join("\n", v.logTail())));
            settle();
        }

        private void committed(CommitCreatedResult c) {
            if (run.commitId() != null) {
                return;
            }
            run = run.withCommit(c.branch(), c.commitId(), now);
            changed = true;
            stage("publish", "completed", "commit " + c.commitId().substring(0, Math.min(12, c.commitId().length())) + " on "
                    + c.branch() + ", " + c.files() + " files");
            done(true, null);
        }

        /** Closes every stage all modules have passed, and moves the run on. */
        private void settle() {
            List<ModuleResult> modules = run.modules();
            if (!run.hasStage("render") && modules.stream().noneMatch(m -> ModuleResult.PENDING.equals(m.render()))) {
                boolean refused = modules.stream().anyMatch(m -> "refused".equals(m.render()));
                stage("render", refused ? "failed" : "completed", modules.stream().mapToInt(ModuleResult::files).sum() + " files");
            }
            if (run.hasStage("render") && !run.hasStage("governance")
                    && modules.stream().noneMatch(m -> ModuleResult.PENDING.equals(m.governance()))) {
                long denied = modules.stream().filter(m -> !"Allow".equals(m.governance())).count();
                stage("governance", denied == 0 ? "completed" : "failed", denied == 0 ? "all modules allowed" : denied + " module(s) denied");
            }
            if (run.hasStage("governance") && !run.hasStage("validate")
                    && modules.stream().noneMatch(m -> ModuleResult.PENDING.equals(m.build()))) {
                long passed = modules.stream().filter(m -> "passed".equals(m.build())).count();
                stage("validate", passed == modules.size() ? "completed" : "failed",
                        passed + "/" + modules.size() + " modules built and passed their tests");
                if (modules.stream().allMatch(ModuleResult::succeeded)) {
                    command(RunEvents.PUBLISH_PROJECT, null, new PublishProjectCommand(RunMessages.ref(run), run.productName(),
                            modules.stream().map(m -> new PublishedModule(m.moduleId(), m.name(), m.sourceArtifactId(), m.manifestHash(),
                                    m.buildArtifactId())).toList()));
                } else {
                    stage("publish", "skipped", "not every module passed; nothing is committed");
                    done(false, null);
                }
            }
        }

        private void stage(String name, String status, String detail) {
            StageRecord s = RunMessages.stage(run, name, status, detail, now);
            run = run.withStage(s, now);
            changed = true;
            events.add(RunMessages.event(run, RunEvents.STAGE_COMPLETED, null, name, s, causation(), now));
            progress.add(p -> p.stage(s.name(), s.status(), s.durationMs(), s.detail()));
        }

        void fail(String reason) {
            done(false, reason);
        }

        private void done(boolean ok, String reason) {
            String why = ok ? null : reason != null ? reason : run.modules().stream().filter(m -> !m.succeeded())
                    .map(m -> m.name() + ": " + ("NotRendered".equals(m.governance()) ? "not rendered"
                            : !"Allow".equals(m.governance()) ? "governance " + m.governance() : "build " + m.build()))
                    .reduce((a, b) -> a + "; " + b).orElse("not published");
            long totalMs = Math.max(0, Duration.between(run.createdAt(), now).toMillis());
            events.add(RunMessages.usage(run, "runs", 1, "run", "run", causation(), now));
            events.add(RunMessages.event(run, ok ? RunEvents.RUN_COMPLETED : RunEvents.RUN_FAILED, null, "", Json.toTree(Map.of(
                    "runId", run.runId(), "status", ok ? FactoryRun.COMPLETED : FactoryRun.FAILED, "durationMs", totalMs)), causation(), now));
            run = run.finished(ok ? FactoryRun.COMPLETED : FactoryRun.FAILED, why, now);
            stage("done", ok ? "completed" : "failed", ok ? "run completed in " + totalMs + " ms" : why);
        }
    }
}
