package com.connectsoft.factory.build.application;

import com.connectsoft.factory.capability.Lineage;
import com.connectsoft.factory.artifact.domain.Artifacts;
import com.connectsoft.factory.build.domain.BuildJob;
import com.connectsoft.factory.build.domain.BuildJobLedger;
import com.connectsoft.factory.build.domain.BuildJobs;
import com.connectsoft.factory.build.domain.BuildReport;
import com.connectsoft.factory.platform.content.ContentStore;
import com.connectsoft.factory.run.domain.RunEvents.ModuleCommand;
import com.connectsoft.factory.shared.domain.Envelope;
import com.connectsoft.factory.shared.domain.TenantId;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * Turns a build job's "done" into the build-validate capability's usual answer: the BuildLog and BuildReport artifacts
 * and the {@code ModuleValidated} reply to the command the factory recorded for the job (see {@link BuildOutcomes}).
 * The notice names only a tenant and a job; everything else comes from the factory's own ledger and from where the
 * factory told the job to write, and the report is read as untrusted input ({@link BuildJobReports}). Idempotent: a
 * notice for a job whose report is recorded answers from the record, so a redelivered notice records nothing twice
 * and its reply has the same event id. A notice for a job the tenant does not have, or before the job wrote its
 * report, is ignored (a later notice, or the run's step timeout, settles the step).
 */
public final class CompleteBuildJobStep {
    /** What a notice led to. */
    public sealed interface Outcome {
        /** The events to publish: the reply and, the first time, the ArtifactCreated events. */
        record Answered(String jobId, List<Envelope> events) implements Outcome {
        }

        /** Nothing to do, and why (for the log: ids only). */
        record Ignored(String jobId, String why) implements Outcome {
        }
    }

    private final BuildJobs jobs;
    private final BuildJobLedger ledger;
    private final BuildOutcomes outcomes;
    private final Duration longestBuild;

    /** @param longestBuild how long a job's build may have run (its reported duration is cut to this) */
    public CompleteBuildJobStep(BuildJobs jobs, BuildJobLedger ledger, ContentStore content, Artifacts artifacts, Duration longestBuild,
                                Clock clock) {
        this.jobs = jobs;
        this.ledger = ledger;
        this.outcomes = new BuildOutcomes(content, artifacts, clock);
        this.longestBuild = longestBuild;
    }

    public Outcome complete(TenantId tenant, String jobId) {
        Optional<BuildJob> found = ledger.find(tenant, jobId);
        if (found.isEmpty()) {
            return new Outcome.Ignored(jobId, "tenant " + tenant.value() + " has no build job " + jobId);
        }
        BuildJob job = found.get();
        Envelope command = job.command();
        ModuleCommand c = Lineage.payload(command, ModuleCommand.class);
        Optional<List<Envelope>> answered = outcomes.answered(command, c);
        if (answered.isPresent()) {
            return new Outcome.Answered(jobId, answered.get());
        }
        Optional<BuildJobs.Output> output = jobs.output(job);
        if (output.isEmpty()) {
            return new Outcome.Ignored(jobId, "build job " + jobId + " has written no report yet");
        }
        BuildReport report = BuildJobReports.read(output.get().report(), job.moduleName(), longestBuild);
        List<Envelope> events = outcomes.record(command, c, report, output.get().log());
        jobs.discard(job);
        return new Outcome.Answered(jobId, events);
    }
}
