package com.connectsoft.factory.build;

import com.connectsoft.factory.build.domain.BuildSettings;
import com.connectsoft.factory.artifact.domain.Artifacts;
import com.connectsoft.factory.build.adapter.BuildRunners;
import com.connectsoft.factory.build.adapter.DocumentBuildJobs;
import com.connectsoft.factory.build.adapter.azure.AzureBuildJobs;
import com.connectsoft.factory.build.application.CompleteBuildJobStep;
import com.connectsoft.factory.build.application.DispatchBuildJobStep;
import com.connectsoft.factory.build.application.ValidateModuleStep;
import com.connectsoft.factory.build.domain.BuildJobLedger;
import com.connectsoft.factory.build.domain.BuildJobs;
import com.connectsoft.factory.build.domain.BuildPreparation;
import com.connectsoft.factory.build.domain.BuildRunner;
import com.connectsoft.factory.platform.content.ContentStore;
import com.connectsoft.factory.platform.store.DocumentStore;
import com.connectsoft.factory.shared.domain.Envelope;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * Building generated modules: here, in the build sandbox under {@code <data>/builds}, with the build runner; or, with
 * FACTORY_BUILD_RUNNER=azure-job, in build jobs (then build-validate only hands each module to a job and the job's
 * answer completes it).
 */
public final class BuildConfiguration implements AutoCloseable {
    private final Function<Envelope, List<Envelope>> validateStep;
    private final Optional<BuildJobs> jobs;
    private final Optional<CompleteBuildJobStep> completions;

    private BuildConfiguration(Function<Envelope, List<Envelope>> validateStep, Optional<BuildJobs> jobs,
                               Optional<CompleteBuildJobStep> completions) {
        this.validateStep = validateStep;
        this.jobs = jobs;
        this.completions = completions;
    }

    /** The Maven and npm runners of the settings (picked per module), confined by the build sandbox (scratch space under {@code <data>/builds/.sandbox}). */
    public static BuildRunner localRunner(BuildSettings settings, Path dataDir) {
        return BuildRunners.local(settings, buildsDir(dataDir).resolve(".sandbox"));
    }

    /** Where builds happen and template samples are prepared. */
    public static Path buildsDir(Path dataDir) {
        return dataDir.resolve("builds");
    }

    /** Builds in this process, with {@code runner}, after {@code preparation} readied the template's offline builds. */
    public static BuildConfiguration local(BuildSettings settings, Path dataDir, BuildRunner runner, BuildPreparation preparation,
                                           ContentStore content, Artifacts artifacts, Clock clock) {
        return new BuildConfiguration(new ValidateModuleStep(runner, preparation, content, artifacts, buildsDir(dataDir),
                settings.timeout(), clock), Optional.empty(), Optional.empty());
    }

    /** Builds in build jobs; the jobs in flight are remembered in the document store. */
    public static BuildConfiguration jobs(BuildSettings settings, BuildJobs jobs, DocumentStore store, ContentStore content,
                                          Artifacts artifacts, Clock clock) {
        BuildJobLedger ledger = new DocumentBuildJobs(store);
        return new BuildConfiguration(new DispatchBuildJobStep(jobs, ledger, content, artifacts, clock), Optional.of(jobs),
                Optional.of(new CompleteBuildJobStep(jobs, ledger, content, artifacts, AzureBuildJobs.longestJob(settings.timeout()), clock)));
    }

    /** The build-validate capability. */
    public Function<Envelope, List<Envelope>> validateStep() {
        return validateStep;
    }

    /** Whether builds go to build jobs (then only the function app may run this factory: it receives their answers). */
    public boolean usesJobs() {
        return jobs.isPresent();
    }

    /** With build jobs: what turns a job's "done" notice into the build-validate answer. */
    public Optional<CompleteBuildJobStep> completions() {
        return completions;
    }

    @Override
    public void close() {
        jobs.ifPresent(BuildJobs::close);
    }
}
