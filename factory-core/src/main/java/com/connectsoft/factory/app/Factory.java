package com.connectsoft.factory.app;

import com.connectsoft.factory.artifact.ArtifactConfiguration;
import com.connectsoft.factory.blueprint.BlueprintConfiguration;
import com.connectsoft.factory.build.BuildConfiguration;
import com.connectsoft.factory.build.adapter.azure.AzureBuildJobs;
import com.connectsoft.factory.build.domain.BuildJobs;
import com.connectsoft.factory.build.domain.BuildRunner;
import com.connectsoft.factory.capability.Capability;
import com.connectsoft.factory.capability.CapabilityRegistry;
import com.connectsoft.factory.deploy.DeployConfiguration;
import com.connectsoft.factory.deploy.application.DeployRun;
import com.connectsoft.factory.generation.GenerationConfiguration;
import com.connectsoft.factory.governance.GovernanceConfiguration;
import com.connectsoft.factory.platform.bus.EventBus;
import com.connectsoft.factory.platform.content.ContentStore;
import com.connectsoft.factory.platform.content.blob.BlobContentStore;
import com.connectsoft.factory.platform.content.filesystem.FileSystemContentStore;
import com.connectsoft.factory.project.ProjectConfiguration;
import com.connectsoft.factory.publish.PublishConfiguration;
import com.connectsoft.factory.run.RunConfiguration;
import com.connectsoft.factory.run.application.RunOrchestrations;
import com.connectsoft.factory.shared.domain.Envelope;
import com.connectsoft.factory.shared.domain.TenantId;
import com.connectsoft.factory.template.TemplateConfiguration;
import com.connectsoft.factory.tenancy.TenancyConfiguration;
import com.connectsoft.factory.tenancy.adapter.DocumentTenants;
import com.connectsoft.factory.usage.UsageConfiguration;
import com.connectsoft.factory.integration.IntegrationConfiguration;
import com.connectsoft.factory.knowledge.KnowledgeConfiguration;
import com.connectsoft.factory.knowledge.KnowledgeSettings;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * The factory: each capability wired by its own configuration, on the store, bus and content store the settings
 * select ({@link FactoryPlatform}). A capability is built the first time something asks for it, so a command builds
 * only what it uses. Runs execute on the local durable backend, or, in the function app, as Durable Functions.
 */
public final class Factory implements AutoCloseable {
    private final FactorySettings settings;
    private final Lazy<FactoryPlatform> platform;
    private final Clock clock;
    private final Optional<RunOrchestrations> durableFunctions;
    private final Supplier<BuildRunner> builds;
    private final Function<FactorySettings, BuildJobs> buildJobsFor;
    private final com.connectsoft.factory.platform.telemetry.Tracing tracing;
    private volatile Consumer<String> notices = line -> { };
    private ScheduledExecutorService sweeper;

    private final Lazy<ContentStore> content;
    private final Lazy<com.connectsoft.factory.audit.AuditConfiguration> audit;
    private final Lazy<TenancyConfiguration> tenancy;
    private final Lazy<ArtifactConfiguration> artifacts;
    private final Lazy<ProjectConfiguration> projects;
    private final Lazy<TemplateConfiguration> templates;
    private final Lazy<GenerationConfiguration> generation;
    private final Lazy<PublishConfiguration> publish;
    private final Lazy<RunConfiguration> runs;
    private final Lazy<UsageConfiguration> usage;
    private final Lazy<com.connectsoft.factory.billing.BillingConfiguration> billing;
    private final Lazy<com.connectsoft.factory.billing.MarketplaceExportConfiguration> marketplace;
    private final Lazy<IntegrationConfiguration> integration;
    private final Lazy<BuildConfiguration> build;
    private final Lazy<KnowledgeConfiguration> knowledge;
    private final Lazy<com.connectsoft.factory.agent.AgentConfiguration> agents;
    private final Lazy<Capabilities> capabilities;
    private final Lazy<com.connectsoft.factory.feedback.FeedbackConfiguration> feedback;

    private Factory(Builder b) {
        this.settings = b.settings;
        this.clock = b.clock;
        this.tracing = b.tracing != null ? b.tracing : tracingSettings().open();
        this.platform = new Lazy<>(() -> (b.platform != null ? b.platform : FactoryPlatform.select(settings, clock)).traced(tracing));
        this.durableFunctions = b.durableFunctions;
        this.builds = new Lazy<>(() -> b.builds != null ? b.builds : BuildConfiguration.localRunner(settings.build(), settings.dataDir()));
        Supplier<BuildRunner> tracedBuilds = () -> tracing.enabled()
                ? new com.connectsoft.factory.build.adapter.TracedBuildRunner(builds.get(), tracing) : builds.get();
        this.buildJobsFor = b.buildJobsFor;
        // what tenants store is metered (stored-bytes, once per tenant and content hash)
        this.content = new Lazy<>(() -> new com.connectsoft.factory.billing.adapter.store.MeteredContentStore(settings.usesBlobStorage()
                ? BlobContentStore.connect(settings.blobConnectionString(), settings.blobEndpoint(), settings.blobContainer())
                : new FileSystemContentStore(settings.dataDir().resolve("content")), usage().ledger(), clock));
        this.audit = new Lazy<>(() -> new com.connectsoft.factory.audit.AuditConfiguration(platform().store(), clock));
        this.tenancy = new Lazy<>(() -> new TenancyConfiguration(platform().store(), clock, audit().trail()));
        this.artifacts = new Lazy<>(() -> new ArtifactConfiguration(platform().store(), content()));
        this.projects = new Lazy<>(() -> new ProjectConfiguration(platform().store(), content(), BlueprintConfiguration.READERS, clock));
        this.templates = new Lazy<>(() -> new TemplateConfiguration(settings.templatesDir(), platform().store()));
        this.generation = new Lazy<>(() -> new GenerationConfiguration(templates.get(), BlueprintConfiguration.READERS));
        this.publish = new Lazy<>(() -> new PublishConfiguration(settings.dataDir(), tracing));
        this.runs = new Lazy<>(() -> new RunConfiguration(new RunConfiguration.Inputs(platform().store(), content(), tenancy().tenants(),
                projects().blueprints(), artifacts().ledger(), publish.get().git(), templates.get().catalog(), generation.get().moduleCheck(),
                BlueprintConfiguration.READERS, settings.steps(), settings.dataDir().resolve("workspaces"), audit().trail(), clock,
                billing().quotaGate()), durableFunctions, tracing));
        this.usage = new Lazy<>(() -> new UsageConfiguration(platform().store(), tenancy().tenants(), clock));
        this.integration = new Lazy<>(() -> new IntegrationConfiguration(platform().store(), clock,
                com.connectsoft.factory.integration.adapter.WebhookRates.from(FactorySettings.withLocalSettings(System.getenv(), home(settings)))));
        this.billing = new Lazy<>(() -> new com.connectsoft.factory.billing.BillingConfiguration(
                new com.connectsoft.factory.billing.BillingConfiguration.Inputs(platform().store(), tenancy().tenants(), usage().ledger(),
                        home(settings).resolve("plans"), catalogItems().keySet(), id -> Optional.ofNullable(catalogItems().get(id)), clock)));
        this.marketplace = new Lazy<>(() -> com.connectsoft.factory.billing.MarketplaceExportConfiguration.fromSettings(billing(),
                platform().store(), tenancy().tenants(), FactorySettings.withLocalSettings(System.getenv(), home(settings)), clock));
        this.build = new Lazy<>(() -> settings.build().jobs().isPresent()
                ? BuildConfiguration.jobs(settings.build(), buildJobsFor.apply(settings), platform().store(), content(), artifacts().ledger(), clock)
                : BuildConfiguration.local(settings.build(), settings.dataDir(), tracedBuilds.get(), generation.get().samplePreparation(builds.get(),
                        BuildConfiguration.buildsDir(settings.dataDir()).resolve(".prepare"), settings.build().timeout(),
                        line -> notices.accept(line)), content(), artifacts().ledger(), clock));
        this.knowledge = new Lazy<>(() -> new KnowledgeConfiguration(b.knowledge != null ? b.knowledge : defaultKnowledge(settings),
                new KnowledgeConfiguration.Stores(tenancy().tenants(),
                        new com.connectsoft.factory.run.adapter.DocumentRuns(platform().store(),
                                com.connectsoft.factory.project.adapter.DocumentProjects::ensure), artifacts().ledger(), content(),
                        templates.get().catalog(), BlueprintConfiguration.READERS)));
        this.agents = new Lazy<>(() -> {
            // the definitions are in the factory home (agents/, skills/): the CLI names it, elsewhere it holds the templates
            String named = System.getProperty("factory.home");
            java.nio.file.Path home = named != null ? java.nio.file.Path.of(named)
                    : settings.templatesDir().toAbsolutePath().normalize().getParent();
            com.connectsoft.factory.agent.AgentSettings as = b.agents != null ? b.agents : com.connectsoft.factory.agent.AgentSettings.from(
                    FactorySettings.withLocalSettings(System.getenv(), home), home);
            var stores = new com.connectsoft.factory.agent.AgentConfiguration.Stores(platform().store(), artifacts().ledger(), content(),
                    this::knowledgeContext, BlueprintConfiguration.READERS);
            return b.chatModel != null ? new com.connectsoft.factory.agent.AgentConfiguration(as, stores, clock, Optional.of(b.chatModel))
                    : new com.connectsoft.factory.agent.AgentConfiguration(as, stores, clock);
        });
        this.capabilities = new Lazy<>(this::wireCapabilities);
        this.feedback = new Lazy<>(() -> new com.connectsoft.factory.feedback.FeedbackConfiguration(platform().store(), DocumentTenants.PLATFORM,
                new com.connectsoft.factory.run.adapter.DocumentRuns(platform().store(), com.connectsoft.factory.project.adapter.DocumentProjects::ensure),
                artifacts().ledger(), this::startFollowUp, clock));
    }

    /** The factory home (agents/, skills/, plans/): the CLI names it, elsewhere it holds the templates. */
    private static java.nio.file.Path home(FactorySettings settings) {
        String named = System.getProperty("factory.home");
        return named != null ? java.nio.file.Path.of(named) : settings.templatesDir().toAbsolutePath().normalize().getParent();
    }

    /** Every template and library id of the catalog, with its kind. */
    private Map<String, String> catalogItems() {
        Map<String, String> items = new java.util.TreeMap<>();
        templates.get().catalog().all().forEach(t -> items.put(t.id(), "template"));
        templates.get().libraries().all().forEach(l -> items.put(l.id(), "library"));
        return items;
    }

    /** What ContextLoading retrieves: the knowledge index, in the tenant's and the platform's scope. */
    private List<com.connectsoft.factory.agent.domain.ContextSource.Snippet> knowledgeContext(TenantId tenant, String query, int limit) {
        var outcome = knowledge().search().search(tenant, com.connectsoft.factory.knowledge.domain.SearchQuery.of(query, limit));
        if (!(outcome instanceof com.connectsoft.factory.knowledge.application.SearchKnowledge.Outcome.Found found)) {
            return List.of();
        }
        return found.hits().stream().map(h -> new com.connectsoft.factory.agent.domain.ContextSource.Snippet(h.id(),
                h.scope().equals(com.connectsoft.factory.knowledge.domain.KnowledgeScope.PLATFORM_KEY) ? "platform" : h.kind().key(),
                h.title(), h.snippet() == null ? "" : h.snippet())).toList();
    }

    /** The knowledge settings of this process's environment and local.settings.json (FACTORY_SEARCH_*, FACTORY_JDL_SAMPLES). */
    private static KnowledgeSettings defaultKnowledge(FactorySettings settings) {
        java.nio.file.Path home = java.nio.file.Path.of(System.getProperty("factory.home", "."));
        return KnowledgeSettings.from(FactorySettings.withLocalSettings(System.getenv(), home), home, settings.dataDir());
    }

    /** The factory as the CLI and the local host run it: builds in the build sandbox here, runs on the local durable backend. */
    public static Factory open(FactorySettings settings) {
        return with(settings).open();
    }

    public static Builder with(FactorySettings settings) {
        return new Builder(settings);
    }

    /** How a factory is made when the defaults do not fit (tests, the function app). */
    public static final class Builder {
        private final FactorySettings settings;
        private Clock clock = Clock.systemUTC();
        private BuildRunner builds;
        private com.connectsoft.factory.platform.telemetry.Tracing tracing;
        private FactoryPlatform platform;
        private KnowledgeSettings knowledge;
        private com.connectsoft.factory.agent.AgentSettings agents;
        private dev.langchain4j.model.chat.ChatModel chatModel;
        private Optional<RunOrchestrations> durableFunctions = Optional.empty();
        private Function<FactorySettings, BuildJobs> buildJobsFor = s -> AzureBuildJobs.connect(s.build(), s.blobConnectionString(),
                s.blobEndpoint(), s.steps().stepTimeout());

        private Builder(FactorySettings settings) {
            this.settings = settings;
        }

        public Builder clock(Clock c) {
            this.clock = c;
            return this;
        }

        /** Builds generated modules with this runner instead of Maven in the build sandbox. */
        public Builder builds(BuildRunner runner) {
            this.builds = runner;
            return this;
        }

        /** Spans through this tracing (which the factory closes) instead of what the settings select (tests: in memory). */
        public Builder tracing(com.connectsoft.factory.platform.telemetry.Tracing t) {
            this.tracing = t;
            return this;
        }

        /** On this store and bus (which the factory closes) instead of what the settings select. */
        public Builder platform(FactoryPlatform p) {
            this.platform = p;
            return this;
        }

        /** The knowledge index and JDL samples to use instead of what the environment says. */
        public Builder knowledge(KnowledgeSettings k) {
            this.knowledge = k;
            return this;
        }

        /** The agents' settings to use instead of what the environment says. */
        public Builder agents(com.connectsoft.factory.agent.AgentSettings a) {
            this.agents = a;
            return this;
        }

        /** Agent skills performed by this chat model (tests: a scripted one) instead of the settings' endpoint. */
        public Builder chatModel(dev.langchain4j.model.chat.ChatModel model) {
            this.chatModel = model;
            return this;
        }

        /** Runs execute through {@code orchestrations} (the function app: Durable Functions); no local durable backend. */
        public Builder durableFunctions(RunOrchestrations orchestrations) {
            this.durableFunctions = Optional.of(orchestrations);
            return this;
        }

        /** With FACTORY_BUILD_RUNNER=azure-job: how the build jobs are reached. */
        public Builder buildJobs(Function<FactorySettings, BuildJobs> connect) {
            this.buildJobsFor = connect;
            return this;
        }

        public Factory open() {
            return new Factory(this);
        }
    }

    /** The tenants' audit logs: the trail capabilities append to, listing and verifying. */
    public com.connectsoft.factory.audit.AuditConfiguration audit() {
        return audit.get();
    }

    public TenancyConfiguration tenancy() {
        return tenancy.get();
    }

    public ProjectConfiguration projects() {
        return projects.get();
    }

    public RunConfiguration runs() {
        return runs.get();
    }

    public ArtifactConfiguration artifacts() {
        return artifacts.get();
    }

    public UsageConfiguration usage() {
        return usage.get();
    }

    /** Plans, quotas, the hourly ledger, invoices, installs and the marketplace export. */
    public com.connectsoft.factory.billing.BillingConfiguration billing() {
        return billing.get();
    }

    /** The Azure Marketplace metered billing export (FACTORY_MARKETPLACE_* settings). */
    public com.connectsoft.factory.billing.MarketplaceExportConfiguration marketplace() {
        return marketplace.get();
    }

    public IntegrationConfiguration integration() {
        return integration.get();
    }

    public BuildConfiguration build() {
        return build.get();
    }

    /** The knowledge platform: tenant-scoped search, the index feed, rebuilds. */
    public KnowledgeConfiguration knowledge() {
        return knowledge.get();
    }

    /** The feedback loop: feedback items from webhook events, template versions' feedback figures, follow-up runs. */
    public com.connectsoft.factory.feedback.FeedbackConfiguration feedback() {
        return feedback.get();
    }

    /** A follow-up of {@code runId}: its blueprint version again, with the newest usable version of its template. */
    private com.connectsoft.factory.feedback.application.StartFollowUp.Started startFollowUp(TenantId tenant, String runId) {
        var origin = runs().runs().find(tenant, runId);
        if (origin.isEmpty()) {
            return new com.connectsoft.factory.feedback.application.StartFollowUp.Started.Refused("run " + runId + " is gone");
        }
        String ref = origin.get().templateRef();
        String templateId = ref == null || ref.isBlank() ? com.connectsoft.factory.run.application.StartRun.DEFAULT_TEMPLATE
                : ref.contains("@") ? ref.substring(0, ref.indexOf('@')) : ref;
        var start = runs().start().startRegistered(tenant, origin.get().blueprintId(), java.util.OptionalInt.of(origin.get().blueprintVersion()),
                templateId, com.connectsoft.factory.run.application.RunProgress.SILENT);
        if (start.isEmpty()) {
            return new com.connectsoft.factory.feedback.application.StartFollowUp.Started.Refused("blueprint " + origin.get().blueprintId()
                    + " version " + origin.get().blueprintVersion() + " is gone");
        }
        if (start.get() instanceof com.connectsoft.factory.run.application.StartRun.Start.Rejected rejected) {
            return new com.connectsoft.factory.feedback.application.StartFollowUp.Started.Refused("the run cannot start: "
                    + rejected.problems().stream().map(p -> p.message()).limit(3).toList());
        }
        return new com.connectsoft.factory.feedback.application.StartFollowUp.Started.Run(
                ((com.connectsoft.factory.run.application.StartRun.Start.Started) start.get()).opened().runId());
    }

    /** The agent mesh: agent and skill definitions, recorded tasks, intent → blueprint proposals. */
    public com.connectsoft.factory.agent.AgentConfiguration agents() {
        return agents.get();
    }

    public PublishConfiguration publish() {
        return publish.get();
    }

    public GenerationConfiguration generation() {
        return generation.get();
    }

    /** The store and bus (operations and tests; capabilities reach the store through their own adapters). */
    public FactoryPlatform platform() {
        return platform.get();
    }

    public TemplateConfiguration templates() {
        return templates.get();
    }

    /**
     * Verifying template versions here: each version's sample rendered, checked by the governance policies, and built and
     * tested in the build sandbox after the version's offline builds are prepared, and each sample module's mutation score
     * measured where builds run in this process; the figures are recorded on the version.
     */
    public com.connectsoft.factory.generation.application.VerifyTemplate templateVerification() {
        return templateVerification(true);
    }

    /** As {@link #templateVerification()}; {@code measureMutations} false leaves mutation testing out. */
    public com.connectsoft.factory.generation.application.VerifyTemplate templateVerification(boolean measureMutations) {
        BuildRunner runner = builds.get();
        var governance = com.connectsoft.factory.governance.application.Governance.standard();
        java.nio.file.Path dir = BuildConfiguration.buildsDir(settings.dataDir());
        return generation.get().verification(governance::evaluate, generation.get().samplePreparation(runner, dir.resolve(".prepare"),
                        settings.build().timeout(), line -> notices.accept(line)), runner, dir.resolve(".verify"), settings.build().timeout(),
                templates.get().verifications().orElseThrow(), clock,
                measureMutations ? mutationTesting(runner) : java.util.Optional.empty());
    }

    /** Where mutation testing can run: builds in this process, measured by Maven (generated Java modules). */
    private java.util.Optional<com.connectsoft.factory.build.domain.MutationTesting> mutationTesting(BuildRunner runner) {
        if (settings.build().jobs().isPresent()) {
            return java.util.Optional.empty();
        }
        // the local runner picks Maven or npm per module; mutation testing is Maven's
        BuildRunner measuring = runner instanceof com.connectsoft.factory.build.adapter.ProjectBuildRunner
                ? com.connectsoft.factory.build.adapter.BuildRunners.maven(settings.build(), BuildConfiguration.buildsDir(settings.dataDir()).resolve(".sandbox"))
                : runner;
        return measuring instanceof com.connectsoft.factory.build.domain.MutationTesting m ? java.util.Optional.of(m) : java.util.Optional.empty();
    }

    /** The catalog as users see it: every template version with its verification and whether new runs may use it. */
    public com.connectsoft.factory.template.application.CatalogListing templateListing() {
        return new com.connectsoft.factory.template.application.CatalogListing(templates.get().catalog(),
                templates.get().verifications().orElseThrow(), templates.get().libraries(), feedback().figures());
    }

    /** Deploying a completed run's modules with the Pulumi CLI found through {@code env}. */
    public DeployRun deploy(Map<String, String> env) {
        return DeployConfiguration.deployRun(runs().runs(), content(), settings.dataDir(), env);
    }

    /** Previewing a completed run's modules here, in the build sandbox, with the template's offline builds prepared first. */
    public com.connectsoft.factory.preview.application.PreviewRun preview() {
        BuildRunner runner = builds.get();
        com.connectsoft.factory.build.adapter.MavenBuildRunner maven = runner instanceof com.connectsoft.factory.build.adapter.MavenBuildRunner m ? m
                : com.connectsoft.factory.build.adapter.BuildRunners.maven(settings.build(), BuildConfiguration.buildsDir(settings.dataDir()).resolve(".sandbox"));
        return com.connectsoft.factory.preview.PreviewConfiguration.previewRun(runs().runs(), content(), maven, generation.get().samplePreparation(maven,
                BuildConfiguration.buildsDir(settings.dataDir()).resolve(".prepare"), settings.build().timeout(), line -> notices.accept(line)),
                settings.dataDir(), clock);
    }

    /**
     * Measuring the mutation score of a completed run's modules where builds run here (the build sandbox).
     *
     * @throws IllegalStateException when builds do not run in this process (build jobs) or the runner cannot measure
     */
    public com.connectsoft.factory.build.application.MeasureMutations mutations() {
        BuildRunner runner = builds.get();
        java.nio.file.Path dir = BuildConfiguration.buildsDir(settings.dataDir());
        com.connectsoft.factory.build.domain.MutationTesting m = mutationTesting(runner).orElseThrow(() -> new IllegalStateException(
                "mutation testing runs only where this factory builds modules itself (not with FACTORY_BUILD_RUNNER=azure-job)"));
        return new com.connectsoft.factory.build.application.MeasureMutations(runs().runs(), content(), artifacts().ledger(),
                generation.get().samplePreparation((BuildRunner) m, dir.resolve(".prepare"), settings.build().timeout(),
                        line -> notices.accept(line)), m, dir.resolve(".mutation"), clock);
    }

    /** The capability beans by registry name, one per capability (the function app's triggers call them). */
    public Capabilities capabilities() {
        return capabilities.get();
    }

    private Capabilities wireCapabilities() {
        var ledger = artifacts().ledger();
        Map<String, Function<Envelope, List<Envelope>>> beans = new LinkedHashMap<>();
        beans.put(CapabilityRegistry.TEMPLATE_RENDER, generation.get().renderStep(content(), ledger, clock));
        beans.putAll(new GovernanceConfiguration().checkSteps(content(), ledger, clock));
        beans.put(CapabilityRegistry.BUILD_VALIDATE, build().validateStep());
        beans.put(CapabilityRegistry.GIT_PUBLISH, publish.get().publishStep(content(), ledger, clock));
        beans.put(CapabilityRegistry.RUN_RELAY, runs().relay());
        beans.put(CapabilityRegistry.USAGE_METER, usage().meterStep());
        beans.put(CapabilityRegistry.KNOWLEDGE_INDEX, knowledge().feedStep());
        beans.put(CapabilityRegistry.FEEDBACK_INTAKE, feedback().intakeStep());
        beans.putAll(agents().skillSteps());
        if (tracing.enabled()) {
            beans.replaceAll(tracing::capability);
        }
        return new Capabilities(beans);
    }

    /** Where spans go by this process's environment and the factory home's local.settings.json (docs/traces.md). */
    public static com.connectsoft.factory.platform.telemetry.TracingSettings tracingSettings() {
        return com.connectsoft.factory.platform.telemetry.TracingSettings.from(
                FactorySettings.withLocalSettings(System.getenv(), java.nio.file.Path.of(System.getProperty("factory.home", "."))));
    }

    /** Where this factory's spans go (off unless the settings name an exporter; docs/traces.md). */
    public com.connectsoft.factory.platform.telemetry.Tracing tracing() {
        return tracing;
    }

    /** The bytes of artifacts: the data directory, or Blob Storage. */
    public ContentStore content() {
        return content.get();
    }

    public EventBus bus() {
        return platform().bus();
    }

    public FactorySettings settings() {
        return settings;
    }

    /** Which store and bus this factory runs on. */
    public String platformDescription() {
        return platform().description();
    }

    /** Where lines about slow one-off work (preparing a template's builds) go; nowhere by default. */
    public Factory onNotice(Consumer<String> sink) {
        this.notices = sink;
        return this;
    }

    /**
     * Starts delivering bus events to the capabilities here (the local host and the CLI; not the function app, whose
     * host receives them), and the local durable backend with it. On Cosmos DB this process also sweeps the outbox
     * every 30 seconds.
     */
    public Factory dispatchLocally() {
        if (settings.build().jobs().isPresent()) {
            throw new IllegalArgumentException("FACTORY_BUILD_RUNNER is azure-job, which only the function app runs with (its "
                    + CapabilityRegistry.BUILD_JOB_COMPLETED_FUNCTION + " function receives the build jobs' answers): unset it to build "
                    + "generated modules here, in the build sandbox");
        }
        // on two or more cores, the templates (read and checked from disk) and the readers are made while the store,
        // the bus and the durable backend open: together they are most of a command's start-up
        java.util.concurrent.CompletableFuture<Void> generationReady = java.util.concurrent.CompletableFuture.runAsync(() -> {
            generation();
            BlueprintConfiguration.READERS.forFile("");
        });
        runs();
        generationReady.join();
        capabilities().subscribeAll(platform().bus(), (Capability c) -> c.name().equals(CapabilityRegistry.BUILD_VALIDATE)
                ? settings.build().concurrency() : 1);
        runs().startLocally();
        synchronized (this) {
            if (platform().outbox().isPresent() && sweeper == null) {
                sweeper = Executors.newSingleThreadScheduledExecutor(r -> {
                    Thread t = new Thread(r, "outbox-sweep");
                    t.setDaemon(true);
                    return t;
                });
                sweeper.scheduleWithFixedDelay(this::sweepOutbox, 30, 30, TimeUnit.SECONDS);
            }
        }
        return this;
    }

    /**
     * Sends what the Cosmos DB outboxes of every tenant (and the factory's own) still hold to the bus: events a crash
     * or a failed send left there. Returns how many were sent; 0 on the embedded store, whose bus reads its outbox itself.
     */
    public int sweepOutbox() {
        return platform().outbox().map(o -> o.sweep(() -> {
            List<TenantId> all = new ArrayList<>(tenancy().tenants().all());
            all.add(DocumentTenants.PLATFORM);
            return all;
        })).orElse(0);
    }

    /** Lets the bus deliver what is pending (usage, events) before reading or exiting. */
    public boolean drain(Duration timeout) {
        return platform().bus().awaitIdle(timeout);
    }

    @Override
    public void close() {
        runs.ifMade(RunConfiguration::close);
        synchronized (this) {
            if (sweeper != null) {
                sweeper.shutdownNow();
            }
        }
        build.ifMade(BuildConfiguration::close);
        knowledge.ifMade(KnowledgeConfiguration::close);
        platform.ifMade(FactoryPlatform::close);
        tracing.close();
    }

    /** A value made on first use, once, by whichever thread asks first. */
    private static final class Lazy<T> implements Supplier<T> {
        private Supplier<T> make;
        private volatile T value;

        Lazy(Supplier<T> make) {
            this.make = make;
        }

        @Override
        public T get() {
            T v = value;
            if (v == null) {
                synchronized (this) {
                    if (value == null) {
                        value = make.get();
                        make = null;
                    }
                    v = value;
                }
            }
            return v;
        }

        void ifMade(Consumer<T> action) {
            T v = value;
            if (v != null) {
                action.accept(v);
            }
        }
    }
}
