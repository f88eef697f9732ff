package com.connectsoft.factory.build.application;

import com.connectsoft.factory.capability.Lineage;
import com.connectsoft.factory.capability.ModuleSources;
import com.connectsoft.factory.artifact.domain.Artifacts;
import com.connectsoft.factory.build.domain.BuildJob;
import com.connectsoft.factory.build.domain.BuildJobLedger;
import com.connectsoft.factory.build.domain.BuildJobs;
import com.connectsoft.factory.platform.bus.PoisonEventException;
import com.connectsoft.factory.platform.content.ContentStore;
import com.connectsoft.factory.run.domain.RunEvents.ModuleCommand;
import com.connectsoft.factory.shared.domain.Envelope;
import com.connectsoft.factory.shared.domain.Ids;
import com.connectsoft.factory.shared.domain.TenantId;
import com.connectsoft.factory.template.domain.RenderedFile;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * The build-validate capability when builds run in build jobs (FACTORY_BUILD_RUNNER=azure-job): {@code ValidateModule}
 * → a build job, and no event yet. This process builds nothing: it records the job in the tenant's partition (with
 * the command, which only the factory keeps), and hands the module's sources from the artifact store to
 * {@link BuildJobs}. The answer ({@code ModuleValidated}) comes from {@link CompleteBuildJobStep} when the job has
 * written its report. A redelivered command is the same job (its id derives from the command's eventId) and is handed
 * over again, idempotently; a command whose report is recorded is answered from it. A job that never answers is the
 * run's step timeout's: the run sends the step again, as a new command, which is a new job.
 */
public final class DispatchBuildJobStep implements Function<Envelope, List<Envelope>> {
    private final BuildJobs jobs;
    private final BuildJobLedger ledger;
    private final ModuleSources sources;
    private final BuildOutcomes outcomes;
    private final Clock clock;

    public DispatchBuildJobStep(BuildJobs jobs, BuildJobLedger ledger, ContentStore content, Artifacts artifacts, Clock clock) {
        this.jobs = jobs;
        this.ledger = ledger;
        this.sources = new ModuleSources(content);
        this.outcomes = new BuildOutcomes(content, artifacts, clock);
        this.clock = clock;
    }

    /** The job a {@code ValidateModule} command becomes: the same for every delivery of that command. */
    public static String jobId(Envelope command) {
        return Ids.derived("bjob", command.tenantId(), command.eventId());
    }

    @Override
    public List<Envelope> apply(Envelope command) {
        ModuleCommand c = Lineage.payload(command, ModuleCommand.class);
        Optional<List<Envelope>> answered = outcomes.answered(command, c);
        if (answered.isPresent()) {
            return answered.get();
        }
        TenantId tenant = command.tenant();
        List<RenderedFile> files;
        try {
            files = sources.files(tenant, c.manifestHash());
        } catch (ModuleSources.MissingSources e) {
            throw new PoisonEventException(e.getMessage());
        }
        // the template the module was rendered with (modules of one run may use different templates)
        BuildJob job = ledger.open(tenant, new BuildJob(jobId(command), tenant.value(), c.run().runId(), c.moduleId(), c.moduleName(),
                sources.manifest(tenant, c.manifestHash()).template(), command, clock.instant()));
        jobs.submit(job, files);
        return List.of();
    }
}
