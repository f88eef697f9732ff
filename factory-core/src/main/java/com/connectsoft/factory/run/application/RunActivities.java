package com.connectsoft.factory.run.application;

import com.connectsoft.factory.artifact.domain.Artifact;
import com.connectsoft.factory.audit.domain.AuditAction;
import com.connectsoft.factory.audit.domain.AuditEvent;
import com.connectsoft.factory.audit.domain.AuditTrail;
import com.connectsoft.factory.artifact.domain.Artifacts;
import com.connectsoft.factory.orchestration.Contracts.CompensateRequest;
import com.connectsoft.factory.orchestration.Contracts.Compensation;
import com.connectsoft.factory.orchestration.Contracts.FinishRequest;
import com.connectsoft.factory.orchestration.Contracts.RecordRequest;
import com.connectsoft.factory.orchestration.Contracts.StepRequest;
import com.connectsoft.factory.orchestration.FactoryActivities;
import com.connectsoft.factory.platform.store.StoreConflictException;
import com.connectsoft.factory.project.domain.BlueprintVersion;
import com.connectsoft.factory.project.domain.Blueprints;
import com.connectsoft.factory.publish.domain.GitPublisher;
import com.connectsoft.factory.run.domain.FactoryRun;
import com.connectsoft.factory.run.domain.ModuleResult;
import com.connectsoft.factory.run.domain.RunEvents.Command;
import com.connectsoft.factory.run.domain.RunEvents.ModuleCommand;
import com.connectsoft.factory.run.domain.RunEvents.PublishProjectCommand;
import com.connectsoft.factory.run.domain.RunEvents.PublishedModule;
import com.connectsoft.factory.run.domain.RunEvents.RenderModuleCommand;
import com.connectsoft.factory.run.domain.RunFact;
import com.connectsoft.factory.run.domain.RunJournal;
import com.connectsoft.factory.run.domain.Transition;
import com.connectsoft.factory.run.vocabulary.Step;
import com.connectsoft.factory.shared.domain.TenantId;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Set;

/**
 * The factory's side of the run orchestration. {@link #dispatch} publishes a step's command through the outbox with
 * the eventId the orchestration derived; {@link #record}, {@link #finish} and {@link #compensate} apply the run's
 * transitions ({@link FactoryRun}) to the stored record, each committed with the run's ETag together with the facts it
 * published. Every one of them can run twice with the same effect. Policy decisions, approval requests and answers
 * (granted, rejected, expired) and cancellations are appended to the tenant's audit log before the run record changes,
 * keyed by run, module and step, so an activity that runs again appends nothing.
 */
public final class RunActivities implements FactoryActivities {
    private static final int ATTEMPTS = 8;

    private final RunJournal journal;
    private final Blueprints blueprints;
    private final Artifacts artifacts;
    private final GitPublisher git;
    private final Set<String> checks;
    private final RunProgressBoard board;
    private final AuditTrail audit;
    private final Clock clock;

    /** @param checks the governance checks every module goes through */
    public RunActivities(RunJournal journal, Blueprints blueprints, Artifacts artifacts, GitPublisher git, Set<String> checks,
                         RunProgressBoard board, AuditTrail audit, Clock clock) {
        this.audit = audit;
        this.journal = journal;
        this.blueprints = blueprints;
        this.artifacts = artifacts;
        this.git = git;
        this.checks = Set.copyOf(checks);
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
        Command command = switch (r.step().kind()) {
            case RENDER -> {
                BlueprintVersion bp = blueprints.versions(tenant, run.blueprintId()).stream()
                        .filter(v -> v.version() == run.blueprintVersion()).findFirst()
                        .orElseThrow(() -> new IllegalStateException("run " + run.runId() + " names blueprint " + run.blueprintId() + " v"
                                + run.blueprintVersion() + ", which tenant " + tenant.value() + " does not have"));
                yield new RenderModuleCommand(RunMessages.ref(run), r.moduleId(), r.moduleName(), bp.fileName(), bp.contentHash(),
                        run.module(r.moduleId()).map(ModuleResult::templateRef).orElse(null));
            }
            case CHECK -> {
                if (!checks.contains(r.step().checkId())) {
                    throw new IllegalArgumentException("no governance check " + r.step().checkId() + "; known: " + checks);
                }
                ModuleResult m = module(run, r.moduleId());
                yield new ModuleCommand(RunMessages.ref(run), m.moduleId(), m.name(), m.sourceArtifactId(), m.manifestHash(),
                        r.step().checkId());
            }
            case VALIDATE -> {
                ModuleResult m = module(run, r.moduleId());
                yield new ModuleCommand(RunMessages.ref(run), m.moduleId(), m.name(), m.sourceArtifactId(), m.manifestHash(), null);
            }
            case PUBLISH -> new PublishProjectCommand(RunMessages.ref(run), run.productName(), r.moduleIds().stream()
                    .map(id -> module(run, id)).map(m -> new PublishedModule(m.moduleId(), m.name(), m.sourceArtifactId(), m.manifestHash(),
                            m.buildArtifactId())).toList());
            case APPROVAL_REQUESTED, APPROVAL_ESCALATED, APPROVAL -> throw new IllegalArgumentException("step " + r.step() + " has no command");
        };
        journal.publish(tenant, List.of(RunCodec.command(command, r.eventId(), run.tenantId(), run.projectId(), r.moduleId(),
                run.traceId(), run.correlationId(), clock.instant())));
    }

    @Override
    public void record(RecordRequest r) {
        Step step = r.step();
        audited(r);
        advance(TenantId.of(r.tenantId()), r.runId(), (run, now) -> switch (step.kind()) {
            case RENDER -> run.rendered(r.moduleId(), r.outcome(), now);
            case CHECK -> run.decided(r.moduleId(), step.checkId(), r.outcome(), checks, now);
            case APPROVAL_REQUESTED -> run.approvalRequested(r.moduleId(), now);
            case APPROVAL_ESCALATED -> run.approvalEscalated(r.moduleId(), now); // the audit log records who was asked
            case APPROVAL -> run.approvalAnswered(r.moduleId(), r.approval().approved(), r.approval().by(), r.approval().comment(), now);
            case VALIDATE -> run.validated(r.moduleId(), r.outcome(), now);
            case PUBLISH -> run.committed(r.outcome(), now);
        });
    }

    @Override
    public void finish(FinishRequest r) {
        if (r.status() == com.connectsoft.factory.run.vocabulary.RunStatus.CANCELLED) {
            audit.record(TenantId.of(r.tenantId()), AuditEvent.of("run.cancelled:" + r.runId(), AuditAction.RUN_CANCELLED, "run",
                    "run/" + r.runId()).with("reason", r.reason() == null ? "" : r.reason()));
        }
        List<RunFact.ModuleEnd> ends = r.modules().stream().map(o -> new RunFact.ModuleEnd(o.moduleId(), o.status(), o.stage())).toList();
        advance(TenantId.of(r.tenantId()), r.runId(), (run, now) -> run.finished(r.status(), r.reason(), ends, now));
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
        String branch = run.branch() != null ? run.branch() : com.connectsoft.factory.publish.domain.GitPublisher.runBranch(run.runId());
        boolean deleted = git.deleteBranch(tenant, run.projectId(), branch);
        String summary = "removed " + removed + " uncommitted artifact(s)" + (deleted ? " and branch " + branch : "; no branch to remove");
        int count = removed;
        advance(tenant, r.runId(), (current, now) -> current.compensated(count, summary, now));
        return new Compensation(removed, deleted ? branch : null, summary);
    }

    private void audited(RecordRequest r) {
        TenantId tenant = TenantId.of(r.tenantId());
        String subject = "run/" + r.runId() + "/module/" + r.moduleId();
        String key = r.runId() + ":" + r.moduleId() + ":" + r.step().wireName();
        switch (r.step().kind()) {
            case CHECK -> {
                Decided d = decided(r);
                audit.record(tenant, new AuditEvent("policy:" + key, AuditAction.POLICY_DECIDED, "policy:" + r.step().checkId(), subject,
                        java.util.Map.of("decision", d.decision(), "policyVersion", d.policyVersion(), "reasons", d.reasons())));
            }
            case APPROVAL_REQUESTED -> audit.record(tenant, AuditEvent.of(key, AuditAction.APPROVAL_REQUESTED, "governance", subject)
                    .with("reasons", r.note() == null ? "" : r.note()));
            case APPROVAL_ESCALATED -> audit.record(tenant, AuditEvent.of(key, AuditAction.APPROVAL_ESCALATED, "system", subject)
                    .with("group", r.note() == null ? "" : r.note()));
            case APPROVAL -> {
                var a = r.approval();
                AuditAction action = a.approved() ? AuditAction.APPROVAL_GRANTED : a.timedOut() ? AuditAction.APPROVAL_EXPIRED
                        : AuditAction.APPROVAL_REJECTED;
                audit.record(tenant, AuditEvent.of(key, action, a.timedOut() ? "system" : "user:" + a.by(), subject)
                        .with("comment", a.comment() == null ? "" : a.comment()));
            }
            default -> {
            }
        }
    }

    private record Decided(String decision, String policyVersion, String reasons) {
    }

    private static Decided decided(RecordRequest r) {
        if (r.outcome() instanceof com.connectsoft.factory.run.vocabulary.StepOutcome.PolicyDecided p) {
            return new Decided(p.decision() == null ? "Deny" : p.decision().name(), p.policyVersion() == null ? "" : p.policyVersion(),
                    String.join("; ", p.reasons()));
        }
        return new Decided("Deny", "", r.outcome() == null ? "no outcome" : String.join("; ", r.outcome().reasons()));
    }

    private RunJournal.Versioned load(TenantId tenant, String runId) {
        return journal.load(tenant, runId).orElseThrow(() -> new IllegalArgumentException("tenant " + tenant.value() + " has no run " + runId));
    }

    private static ModuleResult module(FactoryRun run, String moduleId) {
        return run.module(moduleId).orElseThrow(() -> new IllegalArgumentException("run " + run.runId() + " has no module " + moduleId));
    }

    /** Applies a transition to the stored run and commits it guarded by its ETag, again on a conflict. */
    private void advance(TenantId tenant, String runId, java.util.function.BiFunction<FactoryRun, Instant, Transition> transition) {
        for (int attempt = 1; attempt <= ATTEMPTS; attempt++) {
            RunJournal.Versioned current = load(tenant, runId);
            Instant now = clock.instant();
            Transition t = transition.apply(current.run(), now);
            if (!t.changed()) {
                return;
            }
            try {
                journal.commit(tenant, t.run(), current.etag(), List.of(), RunMessages.facts(t.run(), t.facts(), now));
            } catch (StoreConflictException e) {
                continue;
            }
            board.changed(runId);
            RunProgress progress = board.of(runId);
            t.said().forEach(s -> progress.module(s.stage().key(), s.module(), s.detail()));
            t.facts().stream().filter(f -> f instanceof RunFact.StageCompleted).map(f -> ((RunFact.StageCompleted) f).stage())
                    .forEach(s -> progress.stage(s.name().key(), s.status().key(), s.durationMs(), s.detail()));
            if (t.run().terminal()) {
                board.forget(runId);
            }
            return;
        }
        throw new IllegalStateException("run " + runId + " kept changing; the activity is retried");
    }
}
