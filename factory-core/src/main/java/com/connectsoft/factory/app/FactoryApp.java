package com.connectsoft.factory.app;

import com.connectsoft.factory.blueprint.adapter.jdl.JdlBlueprintReader;
import com.connectsoft.factory.blueprint.adapter.yaml.YamlBlueprintReader;
import com.connectsoft.factory.blueprint.application.BlueprintReaders;
import com.connectsoft.factory.build.application.CompleteBuildJobStep;
import com.connectsoft.factory.build.application.DispatchBuildJobStep;
import com.connectsoft.factory.build.domain.BuildJobLedger;
import com.connectsoft.factory.build.domain.BuildJobs;
import com.connectsoft.factory.build.domain.BuildRunner;
import com.connectsoft.factory.generation.application.FactoryVersions;
import com.connectsoft.factory.generation.application.RenderModule;
import com.connectsoft.factory.governance.application.Governance;
import com.connectsoft.factory.platform.bus.EventBus;
import com.connectsoft.factory.platform.content.ContentStore;
import com.connectsoft.factory.platform.content.blob.BlobContentStore;
import com.connectsoft.factory.platform.content.filesystem.FileSystemContentStore;
import com.connectsoft.factory.platform.store.DocumentStore;
import com.connectsoft.factory.publish.adapter.JGitPublisher;
import com.connectsoft.factory.publish.domain.GitPublisher;
import com.connectsoft.factory.project.application.RegisterBlueprint;
import com.connectsoft.factory.records.DocumentApiKeys;
import com.connectsoft.factory.records.DocumentArtifacts;
import com.connectsoft.factory.records.DocumentProjects;
import com.connectsoft.factory.records.DocumentRuns;
import com.connectsoft.factory.records.DocumentTenants;
import com.connectsoft.factory.records.DocumentUsage;
import com.connectsoft.factory.run.application.RunFactory;
import com.connectsoft.factory.run.application.RunProgressBoard;
import com.connectsoft.factory.run.application.RunRelay;
import com.connectsoft.factory.build.application.ValidateModuleStep;
import com.connectsoft.factory.capability.CapabilityRegistry;
import com.connectsoft.factory.generation.application.RenderModuleStep;
import com.connectsoft.factory.governance.application.CheckModuleStep;
import com.connectsoft.factory.governance.domain.DependencyAllowlistCheck;
import com.connectsoft.factory.governance.domain.SecretsCheck;
import com.connectsoft.factory.governance.domain.TenantIsolationCheck;
import com.connectsoft.factory.publish.application.PublishProjectStep;
import com.connectsoft.factory.shared.domain.Envelope;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;
import com.connectsoft.factory.template.adapter.filesystem.FileSystemTemplateCatalog;
import com.connectsoft.factory.template.adapter.mustache.MustacheEngine;
import com.connectsoft.factory.template.application.TemplateRenderer;
import com.connectsoft.factory.usage.application.UsageMeter;
import com.connectsoft.factory.governance.domain.SensitiveDataCheck;
import com.connectsoft.factory.orchestration.FactoryOrchestrations;
import com.connectsoft.factory.orchestration.OrchestrationNames;
import com.connectsoft.factory.orchestration.local.LocalDurableBackend;
import com.connectsoft.factory.records.DocumentInstances;
import com.connectsoft.factory.run.adapter.LocalRunOrchestrations;
import com.connectsoft.factory.run.application.RunActivities;
import com.connectsoft.factory.run.application.RunControl;
import com.connectsoft.factory.run.application.RunOrchestrations;
import com.connectsoft.factory.run.domain.FactoryRun;
import com.connectsoft.factory.shared.domain.TenantId;
import java.time.Clock;
import java.time.Duration;
import java.util.List;

/**
 * The factory wired on the adapters its settings select (see {@link FactoryPlatform}): by default one data directory
 * holds the database, bytes, git repositories and builds.
 */
public final class FactoryApp implements AutoCloseable {
    /** The input formats: YAML blueprints and JHipster JDL. */
    public static final BlueprintReaders READERS = new BlueprintReaders(List.of(new YamlBlueprintReader(), new JdlBlueprintReader()));

    private final FactorySettings settings;
    private final FactoryPlatform platform;
    private final EventBus bus;
    public final DocumentStore store;
    public final ContentStore content;
    public final DocumentTenants tenants;
    public final DocumentProjects projects;
    public final DocumentRuns runs;
    public final DocumentArtifacts artifacts;
    public final DocumentUsage usage;
    public final FileSystemTemplateCatalog catalog;
    public final GitPublisher git;
    public final RunFactory runFactory;
    public final DocumentApiKeys apiKeys;
    public final RegisterBlueprint registerBlueprint;
    public final Capabilities capabilities;
    public final com.connectsoft.factory.usage.application.UsageRollup usageRollup;
    public final com.connectsoft.factory.integration.application.WebhookIntake webhooks;
    /** Per-tenant webhook credentials: the tenant of a delivered event is its credential's tenant. */
    public final com.connectsoft.factory.integration.domain.WebhookCredentials webhookCredentials;
    /** Which Entra ID directory signs in as which tenant (made by the platform administrator). */
    public final com.connectsoft.factory.tenancy.domain.DirectoryLinks directoryLinks;
    public final RunRelay relay;
    /** Approve, reject, cancel. */
    public final RunControl control;
    /** The factory's side of the run orchestration (the function app's activities call it too). */
    public final RunActivities runActivities;
    /** The local durable backend; it runs orchestrations once {@link #dispatchLocally()} started it. */
    public final LocalDurableBackend durable;
    public final RunOrchestrations orchestrations;
    private final RunProgressBoard progressBoard;
    /** Prepares offline builds of a template's modules (on first use of each template version). */
    public final com.connectsoft.factory.build.domain.BuildPreparation buildPreparation;
    /** Set when builds go to build jobs (FACTORY_BUILD_RUNNER=azure-job). */
    private final java.util.Optional<BuildJobs> buildJobs;
    private final java.util.Optional<CompleteBuildJobStep> buildJobCompletions;
    private volatile java.util.function.Consumer<String> notices = line -> { };
    private java.util.concurrent.ScheduledExecutorService sweeper;

    public FactoryApp(FactorySettings settings) {
        this(settings, com.connectsoft.factory.build.adapter.BuildRunners.maven(settings.build(),
                settings.dataDir().resolve("builds").resolve(".sandbox")), Clock.systemUTC());
    }

    public FactoryApp(FactorySettings settings, BuildRunner builds, Clock clock) {
        this(settings, builds, clock, FactoryPlatform.select(settings, clock));
    }

    /** The factory on a given store and bus (which it closes). */
    public FactoryApp(FactorySettings settings, BuildRunner builds, Clock clock, FactoryPlatform platform) {
        this(settings, builds, clock, platform, LocalRunOrchestrations::new);
    }

    /** The factory whose runs execute where {@code orchestrationsFor} says (the function app: Durable Functions). */
    public FactoryApp(FactorySettings settings, BuildRunner builds, Clock clock, FactoryPlatform platform,
                      java.util.function.Function<LocalDurableBackend, RunOrchestrations> orchestrationsFor) {
        this(settings, builds, clock, platform, orchestrationsFor, com.connectsoft.factory.build.adapter.azure.AzureBuildJobs::connect);
    }

    /**
     * The same, with the build jobs (made by {@code buildJobs} when FACTORY_BUILD_RUNNER=azure-job) given: then the
     * build-validate capability hands each build to a job and this process never builds generated code.
     */
    public FactoryApp(FactorySettings settings, BuildRunner builds, Clock clock, FactoryPlatform platform,
                      java.util.function.Function<LocalDurableBackend, RunOrchestrations> orchestrationsFor,
                      java.util.function.Function<FactorySettings, BuildJobs> buildJobsFor) {
        this.settings = settings;
        this.platform = platform;
        this.catalog = new FileSystemTemplateCatalog(settings.templatesDir());
        this.store = platform.store();
        this.bus = platform.bus();
        this.content = settings.usesBlobStorage()
                ? BlobContentStore.connect(settings.blobConnectionString(), settings.blobEndpoint(), settings.blobContainer())
                : new FileSystemContentStore(settings.dataDir().resolve("content"));
        this.tenants = new DocumentTenants(store, clock);
        this.projects = new DocumentProjects(store);
        this.runs = new DocumentRuns(store);
        this.artifacts = new DocumentArtifacts(store);
        this.usage = new DocumentUsage(store);
        this.git = new JGitPublisher(settings.dataDir().resolve("git"));
        this.apiKeys = new DocumentApiKeys(store, clock);
        this.registerBlueprint = new RegisterBlueprint(READERS, content, projects, clock);
        RenderModule renderModule = new RenderModule(new TemplateRenderer(new MustacheEngine(), catalog, catalog), FactoryVersions.load());
        Governance governance = Governance.standard();
        this.progressBoard = new RunProgressBoard();
        this.runActivities = new RunActivities(runs, projects, artifacts, git, CapabilityRegistry.GOVERNANCE_CHECKS.keySet(), progressBoard, clock);
        this.durable = FactoryOrchestrations.localBackend(new DocumentInstances(store, tenants::all), runActivities, clock, 2);
        this.orchestrations = orchestrationsFor.apply(durable);
        this.relay = new RunRelay(runs, orchestrations);
        this.control = new RunControl(runs, orchestrations);
        Map<String, Function<Envelope, List<Envelope>>> beans = new LinkedHashMap<>();
        beans.put(CapabilityRegistry.TEMPLATE_RENDER, new RenderModuleStep(READERS, catalog, renderModule, content, artifacts, clock));
        beans.put(CapabilityRegistry.GOVERNANCE_TENANT_ISOLATION, new CheckModuleStep(governance.check(TenantIsolationCheck.ID), content, artifacts, clock));
        beans.put(CapabilityRegistry.GOVERNANCE_SECRETS, new CheckModuleStep(governance.check(SecretsCheck.ID), content, artifacts, clock));
        beans.put(CapabilityRegistry.GOVERNANCE_DEPENDENCY_ALLOWLIST, new CheckModuleStep(governance.check(DependencyAllowlistCheck.ID),
                content, artifacts, clock));
        beans.put(CapabilityRegistry.GOVERNANCE_SENSITIVE_DATA, new CheckModuleStep(governance.check(SensitiveDataCheck.ID),
                content, artifacts, clock));
        this.buildPreparation = new com.connectsoft.factory.generation.application.TemplateSamplePreparation(catalog, READERS, renderModule,
                builds, settings.dataDir().resolve("builds").resolve(".prepare"), settings.build().timeout(), line -> notices.accept(line));
        if (settings.build().jobs().isPresent()) {
            BuildJobs jobs = buildJobsFor.apply(settings);
            BuildJobLedger ledger = new com.connectsoft.factory.records.DocumentBuildJobs(store);
            this.buildJobs = java.util.Optional.of(jobs);
            this.buildJobCompletions = java.util.Optional.of(new CompleteBuildJobStep(jobs, ledger, content, artifacts,
                    com.connectsoft.factory.build.adapter.azure.AzureBuildJobs.longestJob(settings.build().timeout()), clock));
            beans.put(CapabilityRegistry.BUILD_VALIDATE, new DispatchBuildJobStep(jobs, ledger, content, artifacts, clock));
        } else {
            this.buildJobs = java.util.Optional.empty();
            this.buildJobCompletions = java.util.Optional.empty();
            beans.put(CapabilityRegistry.BUILD_VALIDATE, new ValidateModuleStep(builds, buildPreparation, content, artifacts,
                    settings.dataDir().resolve("builds"), settings.build().timeout(), clock));
        }
        beans.put(CapabilityRegistry.GIT_PUBLISH, new PublishProjectStep(git, content, artifacts, settings.dataDir().resolve("publish"), clock));
        beans.put(CapabilityRegistry.RUN_RELAY, relay);
        UsageMeter meter = new UsageMeter(usage);
        beans.put(CapabilityRegistry.USAGE_METER, event -> {
            meter.handle(event);
            return List.of();
        });
        this.capabilities = new Capabilities(beans);
        this.usageRollup = new com.connectsoft.factory.usage.application.UsageRollup(tenants, usage, clock);
        this.webhooks = new com.connectsoft.factory.integration.application.WebhookIntake(
                new com.connectsoft.factory.integration.adapter.store.DocumentReceivedEvents(store, clock,
                        com.connectsoft.factory.integration.adapter.store.DocumentReceivedEvents.MINIMUM_RETENTION), clock);
        this.webhookCredentials = new com.connectsoft.factory.integration.adapter.store.DocumentWebhookCredentials(store, clock);
        this.directoryLinks = new com.connectsoft.factory.records.DocumentDirectoryLinks(store, tenants, clock);
        this.runFactory = new RunFactory(new RunFactory.Dependencies(READERS, tenants, projects, runs, content, catalog, renderModule,
                orchestrations, settings.steps(), progressBoard, settings.dataDir().resolve("workspaces"), clock));
    }

    /**
     * Starts delivering bus events to the capability beans (the local host and the CLI; not the function app, where
     * the Functions host receives). On Cosmos DB this process also sweeps the outbox every 30 seconds.
     */
    public FactoryApp dispatchLocally() {
        if (buildJobs.isPresent()) {
            throw new IllegalArgumentException("FACTORY_BUILD_RUNNER is azure-job, which only the function app runs with (its "
                    + CapabilityRegistry.BUILD_JOB_COMPLETED_FUNCTION + " function receives the build jobs' answers): unset it to build "
                    + "generated modules here, in the build sandbox");
        }
        capabilities.subscribeAll(bus, c -> c.name().equals(CapabilityRegistry.BUILD_VALIDATE) ? settings.build().concurrency() : 1);
        durable.start();
        startMissingOrchestrations();
        if (platform.outbox().isPresent() && sweeper == null) {
            sweeper = java.util.concurrent.Executors.newSingleThreadScheduledExecutor(r -> {
                Thread t = new Thread(r, "outbox-sweep");
                t.setDaemon(true);
                return t;
            });
            sweeper.scheduleWithFixedDelay(this::sweepOutbox, 30, 30, java.util.concurrent.TimeUnit.SECONDS);
        }
        return this;
    }

    /**
     * Sends what the Cosmos DB outboxes of every tenant (and the factory's own) still hold to the bus: events a crash
     * or a failed send left there. Returns how many were sent; 0 on the embedded store, whose bus reads its outbox itself.
     */
    public int sweepOutbox() {
        return platform.outbox().map(o -> o.sweep(() -> {
            List<com.connectsoft.factory.shared.domain.TenantId> all = new java.util.ArrayList<>(tenants.all());
            all.add(DocumentTenants.PLATFORM);
            return all;
        })).orElse(0);
    }

    /**
     * Starts the orchestration of every run that has none: a process killed between opening a run and starting its
     * orchestration left it so. Returns how many it started.
     */
    public int startMissingOrchestrations() {
        int started = 0;
        for (TenantId t : tenants.all()) {
            for (FactoryRun run : runs.list(t)) {
                if (!run.terminal() && durable.describe(t.value(), OrchestrationNames.runInstance(run.runId())).isEmpty()) {
                    orchestrations.start(t, RunControl.plan(run, run.modules().stream().map(m -> m.name()).toList(), settings.steps()));
                    started++;
                }
            }
        }
        return started;
    }

    /** Where lines about slow one-off work (preparing a template's builds) go; nowhere by default. */
    public FactoryApp onNotice(java.util.function.Consumer<String> sink) {
        this.notices = sink;
        return this;
    }

    /**
     * When builds go to build jobs: what turns a job's "done" notice into the build-validate answer (the function app's
     * BuildJobCompleted function calls it and publishes what it returns).
     */
    public java.util.Optional<CompleteBuildJobStep> buildJobCompletions() {
        return buildJobCompletions;
    }

    /** Which store and bus this factory runs on. */
    public String platformDescription() {
        return platform.description();
    }

    public FactorySettings settings() {
        return settings;
    }

    public EventBus bus() {
        return bus;
    }

    /** Lets the bus deliver what is pending (usage, events) before reading or exiting. */
    public boolean drain(Duration timeout) {
        return bus.awaitIdle(timeout);
    }

    @Override
    public void close() {
        durable.close();
        if (sweeper != null) {
            sweeper.shutdownNow();
        }
        buildJobs.ifPresent(BuildJobs::close);
        platform.close();
    }
}
