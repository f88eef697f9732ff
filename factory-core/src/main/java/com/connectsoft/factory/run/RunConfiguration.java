package com.connectsoft.factory.run;

import com.connectsoft.factory.artifact.domain.Artifacts;
import com.connectsoft.factory.blueprint.domain.BlueprintReaders;
import com.connectsoft.factory.capability.CapabilityRegistry;
import com.connectsoft.factory.orchestration.FactoryOrchestrations;
import com.connectsoft.factory.orchestration.OrchestrationNames;
import com.connectsoft.factory.orchestration.StepPolicy;
import com.connectsoft.factory.orchestration.local.LocalDurableBackend;
import com.connectsoft.factory.platform.content.ContentStore;
import com.connectsoft.factory.platform.store.DocumentStore;
import com.connectsoft.factory.project.domain.Blueprints;
import com.connectsoft.factory.publish.domain.GitPublisher;
import com.connectsoft.factory.run.adapter.DocumentInstances;
import com.connectsoft.factory.run.adapter.DocumentRuns;
import com.connectsoft.factory.run.adapter.LocalRunOrchestrations;
import com.connectsoft.factory.run.application.AnswerApproval;
import com.connectsoft.factory.run.application.CancelRun;
import com.connectsoft.factory.run.application.RunActivities;
import com.connectsoft.factory.run.application.RunOrchestrations;
import com.connectsoft.factory.run.application.RunPlans;
import com.connectsoft.factory.run.application.RunProgressBoard;
import com.connectsoft.factory.run.application.RunQueries;
import com.connectsoft.factory.run.application.RunRelay;
import com.connectsoft.factory.run.application.StartRun;
import com.connectsoft.factory.run.application.StartProposedRun;
import com.connectsoft.factory.run.domain.FactoryRun;
import com.connectsoft.factory.run.domain.ModuleCheck;
import com.connectsoft.factory.run.domain.Runs;
import com.connectsoft.factory.shared.domain.TenantId;
import com.connectsoft.factory.template.domain.TemplateCatalog;
import com.connectsoft.factory.tenancy.domain.Tenants;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Optional;

/**
 * Runs: started from a blueprint, executed as durable orchestrations (on the local durable backend, its instances in
 * the document store; or, in the function app, as Durable Functions), answered, cancelled and read.
 */
public final class RunConfiguration implements AutoCloseable {
    /** What a run is made with: the other capabilities' ports it reads and writes. */
    public record Inputs(DocumentStore store, ContentStore content, Tenants tenants, Blueprints blueprints, Artifacts artifacts,
                         GitPublisher git, TemplateCatalog templates, ModuleCheck moduleCheck, BlueprintReaders readers,
                         StepPolicy policy, Path workspace, com.connectsoft.factory.audit.domain.AuditTrail audit, Clock clock,
                         com.connectsoft.factory.billing.domain.QuotaGate quotas) {
    }

    private final DocumentRuns runs;
    private final com.connectsoft.factory.orchestration.FactoryActivities activities;
    private final Optional<LocalDurableBackend> local;
    private final RunOrchestrations orchestrations;
    private final StartRun start;
    private final StartProposedRun startProposal;
    private final AnswerApproval approvals;
    private final CancelRun cancellation;
    private final RunQueries queries;
    private final RunRelay relay;
    private final StepPolicy policy;

    /**
     * @param durableFunctions where runs execute when not here (the function app's Durable Functions client); empty for
     *                         the local durable backend
     */
    public RunConfiguration(Inputs in, Optional<RunOrchestrations> durableFunctions) {
        this(in, durableFunctions, com.connectsoft.factory.platform.telemetry.Tracing.off());
    }

    /** As above; with tracing on, the run's own span is recorded when it starts and each activity is a span under it. */
    public RunConfiguration(Inputs in, Optional<RunOrchestrations> durableFunctions, com.connectsoft.factory.platform.telemetry.Tracing tracing) {
        this.runs = new DocumentRuns(in.store(), com.connectsoft.factory.project.adapter.DocumentProjects::ensure);
        this.policy = in.policy();
        RunProgressBoard board = new RunProgressBoard();
        RunActivities plain = new RunActivities(runs, in.blueprints(), in.artifacts(), in.git(), CapabilityRegistry.GOVERNANCE_CHECKS.keySet(),
                board, in.audit(), in.clock());
        this.activities = tracing.enabled() ? new com.connectsoft.factory.run.adapter.TracedRunActivities(plain, runs, tracing) : plain;
        this.local = durableFunctions.isPresent() ? Optional.empty() : Optional.of(FactoryOrchestrations.localBackend(
                new DocumentInstances(in.store(), in.tenants()::all), activities, in.clock(), 2));
        RunOrchestrations chosen = durableFunctions.orElseGet(() -> new LocalRunOrchestrations(local.orElseThrow()));
        this.orchestrations = tracing.enabled() ? new com.connectsoft.factory.run.adapter.TracedRunOrchestrations(chosen, runs, tracing) : chosen;
        this.start = new StartRun(new StartRun.Dependencies(in.readers(), in.tenants(), in.blueprints(), runs, in.content(), in.templates(),
                in.moduleCheck(), orchestrations, in.policy(), board, in.workspace(), in.clock(), in.quotas()));
        this.startProposal = new StartProposedRun(in.artifacts(), in.content(), start);
        this.approvals = new AnswerApproval(runs, orchestrations);
        this.cancellation = new CancelRun(runs, orchestrations);
        this.queries = new RunQueries(runs, in.tenants()::all);
        this.relay = new RunRelay(runs, orchestrations);
    }

    public StartRun start() {
        return start;
    }

    /** Starts a run of an agent's proposal, its lineage starting at the tenant's intent. */
    public StartProposedRun startProposal() {
        return startProposal;
    }

    public AnswerApproval approvals() {
        return approvals;
    }

    public CancelRun cancellation() {
        return cancellation;
    }

    public RunQueries queries() {
        return queries;
    }

    /** The run-relay capability: turns each step's result event into an event on the run's orchestration. */
    public RunRelay relay() {
        return relay;
    }

    /** The factory's side of the run orchestration (the function app's activity functions call it); each call a span when traced. */
    public com.connectsoft.factory.orchestration.FactoryActivities activities() {
        return activities;
    }

    /** The runs, for the wiring of capabilities that read them (deploy). */
    public Runs runs() {
        return runs;
    }

    /** The local durable backend; absent when runs execute as Durable Functions. */
    public Optional<LocalDurableBackend> localBackend() {
        return local;
    }

    /** Starts the local durable backend, then the orchestration of every unfinished run that has none; returns how many. */
    public int startLocally() {
        LocalDurableBackend backend = local.orElseThrow(() -> new IllegalStateException("runs execute as Durable Functions here"));
        backend.start();
        return startMissingOrchestrations();
    }

    /**
     * Starts the orchestration of every unfinished run that has none (a process killed between opening a run and
     * starting its orchestration left it so). Returns how many it started.
     */
    public int startMissingOrchestrations() {
        LocalDurableBackend backend = local.orElseThrow(() -> new IllegalStateException("runs execute as Durable Functions here"));
        int started = 0;
        for (FactoryRun run : queries.unfinished()) {
            if (backend.describe(run.tenantId(), OrchestrationNames.runInstance(run.runId())).isEmpty()) {
                orchestrations.start(TenantId.of(run.tenantId()), RunPlans.plan(run, policy));
                started++;
            }
        }
        return started;
    }

    @Override
    public void close() {
        local.ifPresent(LocalDurableBackend::close);
    }
}
