package com.connectsoft.factory.run.application;

import com.connectsoft.factory.run.vocabulary.GovernanceStatus;
import com.connectsoft.factory.run.vocabulary.RunStatus;
import com.connectsoft.factory.run.vocabulary.Stage;
import com.connectsoft.factory.run.vocabulary.StageStatus;
import com.connectsoft.factory.capability.Lineage;
import com.connectsoft.factory.capability.ModuleSources;
import com.connectsoft.factory.artifact.domain.Artifact;
import com.connectsoft.factory.blueprint.domain.BlueprintReader;
import com.connectsoft.factory.blueprint.domain.BlueprintReaders;
import com.connectsoft.factory.blueprint.domain.Blueprint;
import com.connectsoft.factory.blueprint.domain.Module;
import com.connectsoft.factory.blueprint.domain.Names;
import com.connectsoft.factory.blueprint.domain.ParseOutcome;
import com.connectsoft.factory.blueprint.domain.Problem;
import com.connectsoft.factory.generation.domain.FrontEnds;
import com.connectsoft.factory.run.domain.ModuleCheck;
import com.connectsoft.factory.billing.domain.QuotaDecision;
import com.connectsoft.factory.billing.domain.QuotaGate;
import com.connectsoft.factory.orchestration.StepPolicy;
import com.connectsoft.factory.platform.content.ContentRef;
import com.connectsoft.factory.platform.content.ContentStore;
import com.connectsoft.factory.project.domain.BlueprintVersion;
import com.connectsoft.factory.project.domain.Blueprints;
import com.connectsoft.factory.project.domain.Project;
import com.connectsoft.factory.run.domain.FactoryRun;
import com.connectsoft.factory.run.domain.ModuleResult;
import com.connectsoft.factory.run.domain.RunEvents;
import com.connectsoft.factory.run.domain.RunJournal;
import com.connectsoft.factory.run.domain.StageRecord;
import com.connectsoft.factory.shared.domain.Envelope;
import com.connectsoft.factory.shared.domain.Ids;
import com.connectsoft.factory.shared.domain.TenantId;
import com.connectsoft.factory.platform.files.OutputSandbox;
import com.connectsoft.factory.template.domain.TemplateCatalog;
import com.connectsoft.factory.template.domain.TemplatePackage;
import com.connectsoft.factory.tenancy.domain.Tenant;
import com.connectsoft.factory.tenancy.domain.Tenants;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The start-run use case: starts factory runs. Bad input is rejected before anything is written; an accepted run is opened in one
 * transaction (project, blueprint version and artifact, the run with its planned modules, and one RenderModule
 * command per module). From there the capabilities do the work over the bus and the {@link RunRelay} moves the run
 * on; {@link Start.Started#finish()} waits for the end and writes the sources to the output directory.
 */
public final class StartRun {
    public static final String DEFAULT_TEMPLATE = "ConnectSoft.Template.FunctionsMicroservice";

    /** What to generate, for whom, and where the sources go once the run ends (none: only the artifact store and git). */
    /** @param origin what made the blueprint (an agent's proposal): the run's lineage starts at its artifacts */
    public record Request(TenantId tenant, String fileName, byte[] content, Optional<Path> outDir, String templateId, Optional<Origin> origin) {
        public Request {
            Objects.requireNonNull(tenant, "tenantId is required: every run belongs to one tenant");
            Objects.requireNonNull(fileName, "fileName");
            Objects.requireNonNull(content, "content");
            Objects.requireNonNull(origin, "origin");
        }

        public Request(TenantId tenant, String fileName, byte[] content, Optional<Path> outDir, String templateId) {
            this(tenant, fileName, content, outDir, templateId, Optional.empty());
        }
    }

    /** The agent and skill that proposed a blueprint and the artifacts it was made from (the intent first). */
    public record Origin(String agentId, String skillId, List<String> artifactIds) {
        public Origin {
            Objects.requireNonNull(agentId, "agentId");
            Objects.requireNonNull(skillId, "skillId");
            artifactIds = List.copyOf(artifactIds);
        }
    }

    public sealed interface Result {
        record Rejected(List<Problem> problems) implements Result {
        }

        record Finished(FactoryRun run) implements Result {
        }

        /** The tenant's plan does not allow the run now (a quota used up) or at all; nothing was written. */
        record Refused(QuotaDecision refusal) implements Result {
        }
    }

    /** What starting a run gives: a rejection, or the opened run. */
    public sealed interface Start {
        record Rejected(List<Problem> problems) implements Start {
        }

        /** The tenant's plan does not allow the run now (a quota used up) or at all; nothing was written. */
        record Refused(QuotaDecision refusal) implements Start {
        }

        /** The run as opened; {@link #finish()} waits until it ends and exports its sources. */
        final class Started implements Start {
            private final StartRun factory;
            private final FactoryRun opened;

            private Started(StartRun factory, FactoryRun opened) {
                this.factory = factory;
                this.opened = opened;
            }

            public FactoryRun opened() {
                return opened;
            }

            public FactoryRun finish() {
                return factory.finish(opened);
            }
        }
    }

    /** The adapters a run starts with. */
    public record Dependencies(BlueprintReaders readers, Tenants tenants, Blueprints blueprints, RunJournal journal,
                               ContentStore content, TemplateCatalog catalog, ModuleCheck moduleCheck,
                               RunOrchestrations orchestrations, StepPolicy policy, RunProgressBoard board, Path workspace, Clock clock,
                               QuotaGate quotas) {
    }

    private final Dependencies d;

    public StartRun(Dependencies dependencies) {
        this.d = dependencies;
    }

    /** Checks the input and opens the run; the bus does the rest. */
    public Start start(Request cmd, RunProgress progress) {
        return start(cmd, progress, false);
    }

    private Start start(Request cmd, RunProgress progress, boolean sourcesToWorkspace) {
        String file = cmd.fileName();
        ParseOutcome parsed = d.readers().read(file, cmd.content());
        String format = d.readers().forFile(file).map(BlueprintReader::format).orElse("unknown");
        if (parsed instanceof ParseOutcome.Rejected r) {
            return new Start.Rejected(r.problems());
        }
        ParseOutcome.Accepted accepted = (ParseOutcome.Accepted) parsed;
        Blueprint bp = accepted.blueprint();
        Optional<TemplatePackage> template = d.catalog().latest(cmd.templateId());
        if (template.isEmpty()) {
            return new Start.Rejected(List.of(Problem.of(file, 1, 1, "template " + cmd.templateId() + " is not in the catalog",
                    "available: " + d.catalog().all().stream().map(TemplatePackage::ref).toList())));
        }
        TemplatePackage tpl = template.get();
        Optional<String> refused = d.catalog().refusal(tpl);
        if (refused.isPresent()) {
            return new Start.Rejected(List.of(Problem.of(file, 1, 1, refused.get(), "./factory templates shows each version's verification")));
        }
        List<Problem> problems = new ArrayList<>();
        Map<String, TemplatePackage> moduleTemplates = new java.util.LinkedHashMap<>();
        for (Module m : bp.modules()) {
            Optional<TemplatePackage> own = moduleTemplate(file, m, tpl, problems);
            if (own.isPresent()) {
                moduleTemplates.put(m.moduleId(), own.get());
                problems.addAll(d.moduleCheck().problems(file, bp, m, own.get()));
            }
        }
        problems.addAll(frontEndProblems(file, bp));
        String projectId = "proj-" + Ids.slug(bp.product().name());
        Optional<Path> out = cmd.outDir().or(() -> sourcesToWorkspace
                ? Optional.of(d.workspace().resolve(cmd.tenant().value()).resolve(projectId)) : Optional.empty())
                .map(p -> p.toAbsolutePath().normalize());
        if (out.isPresent()) {
            for (String name : unitNames(bp)) {
                Path dir = out.get().resolve(name);
                if (Files.isSymbolicLink(dir) || (Files.isDirectory(dir) && !isEmpty(dir)
                        && !Files.isRegularFile(dir.resolve(OutputSandbox.MARKER), LinkOption.NOFOLLOW_LINKS))) {
                    problems.add(Problem.of(file, 1, 1, "output directory " + dir + " exists and was not generated by the factory",
                            "choose another --out"));
                }
            }
        }
        if (!problems.isEmpty()) {
            return new Start.Rejected(problems);
        }
        java.util.Set<String> templateIds = new java.util.TreeSet<>();
        templateIds.add(tpl.id());
        moduleTemplates.values().forEach(p -> templateIds.add(p.id()));
        if (!frontEndsOf(bp).isEmpty()) {
            templateIds.add(FrontEnds.TEMPLATE_ID);
        }
        QuotaDecision admission = d.quotas().admitRun(cmd.tenant(), templateIds);
        if (!admission.allowed()) {
            return new Start.Refused(admission);
        }
        accepted.warnings().forEach(w -> progress.module("intake", "-", "warning: " + w.render().replace("\n", "\n                               ")));
        return new Start.Started(this, openWithVersion(cmd, bp, tpl, moduleTemplates, projectId, out, format, progress));
    }

    /**
     * The template a module is generated with: its own {@code options.template} (that template's latest version), or
     * the run's. A template the catalog lacks, or one that is not a service template, is a problem located in the file.
     */
    private Optional<TemplatePackage> moduleTemplate(String file, Module m, TemplatePackage runTemplate, List<Problem> problems) {
        if (m.options().template().isEmpty()) {
            return Optional.of(runTemplate);
        }
        String id = m.options().template().get();
        Optional<TemplatePackage> chosen = d.catalog().latest(id);
        List<String> services = d.catalog().all().stream().filter(p -> p.category().equals("service")).map(TemplatePackage::id).distinct()
                .sorted().toList();
        if (chosen.isEmpty() || !chosen.get().category().equals("service")) {
            problems.add(Problem.of(file, 1, 1, "module '" + m.name() + "' asks for template " + id + ", which is "
                    + (chosen.isEmpty() ? "not in the catalog" : "not a service template (category " + chosen.get().category() + ")"),
                    "set options.template to one of " + services + ", or leave it out for the run's template " + runTemplate.id()));
            return Optional.empty();
        }
        return chosen;
    }

    /**
     * Starts a run of one of the tenant's registered blueprints: the given version, or the latest. Empty when the tenant
     * has no such blueprint or version (another tenant's is as unknown).
     */
    public Optional<Start> startRegistered(TenantId tenant, String blueprintId, java.util.OptionalInt version, String templateId,
                                           RunProgress progress) {
        Optional<com.connectsoft.factory.project.domain.BlueprintVersion> v = version.isPresent()
                ? d.blueprints().versions(tenant, blueprintId).stream().filter(x -> x.version() == version.getAsInt()).findFirst()
                : d.blueprints().latest(tenant, blueprintId);
        return v.map(found -> {
            byte[] content = d.content().get(tenant, found.contentHash()).orElseThrow(() -> new IllegalStateException(
                    "the bytes of " + found.key() + " are missing from the artifact store"));
            return start(new Request(tenant, found.fileName(), content, Optional.empty(), templateId), progress);
        });
    }

    /** Starts a run and waits for it to end; without an output directory the sources go to the tenant's workspace. */
    public Result run(Request cmd, RunProgress progress) {
        Start start = start(cmd, progress, true);
        if (start instanceof Start.Rejected r) {
            return new Result.Rejected(r.problems());
        }
        if (start instanceof Start.Refused r) {
            return new Result.Refused(r.refusal());
        }
        return new Result.Finished(((Start.Started) start).finish());
    }

    private static boolean isEmpty(Path dir) {
        try (var s = Files.list(dir)) {
            return s.findAny().isEmpty();
        } catch (java.io.IOException e) {
            return false;
        }
    }

    /**
     * Opens the run on the blueprint version that holds its content: an existing one (any version with the same
     * content, not only the latest), or the next number, taken inside the opening transaction; when a concurrent upload
     * or run took that number, the run is opened again on the next one (at most 25 times, then the conflict is reported).
     */
    private FactoryRun openWithVersion(Request cmd, Blueprint bp, TemplatePackage tpl, Map<String, TemplatePackage> moduleTemplates,
                                       String projectId, Optional<Path> out, String format, RunProgress progress) {
        for (int attempt = 1; ; attempt++) {
            try {
                return open(cmd, bp, tpl, moduleTemplates, projectId, out, format, progress);
            } catch (com.connectsoft.factory.platform.store.StoreConflictException e) {
                if (attempt >= 25) {
                    throw e;
                }
                try {
                    Thread.sleep(java.util.concurrent.ThreadLocalRandom.current().nextLong(2, 20));
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    throw e;
                }
            }
        }
    }

    private FactoryRun open(Request cmd, Blueprint bp, TemplatePackage tpl, Map<String, TemplatePackage> moduleTemplates, String projectId,
                            Optional<Path> out, String format, RunProgress progress) {
        TenantId tenant = cmd.tenant();
        Instant now = d.clock().instant();
        String runId = Ids.sortable("run", now);
        d.board().listen(runId, progress);
        Tenant t = d.tenants().find(tenant).orElseGet(() -> {
            Tenant registered = d.tenants().register(tenant, tenant.value(), Tenant.DEFAULT_PLAN);
            progress.module("intake", "-", "registered tenant " + tenant.value() + " on plan " + registered.plan());
            return registered;
        });
        ContentRef source = d.content().put(tenant, cmd.content());
        String blueprintId = "bp-" + Ids.slug(bp.product().name());
        List<BlueprintVersion> versions = d.blueprints().versions(tenant, blueprintId);
        BlueprintVersion version = versions.stream().filter(v -> v.contentHash().equals(source.contentHash())).findFirst()
                .orElseGet(() -> new BlueprintVersion(tenant.value(), projectId, blueprintId,
                        versions.stream().mapToInt(BlueprintVersion::version).max().orElse(0) + 1, source.contentHash(), format,
                        Path.of(cmd.fileName()).getFileName().toString(), source.storageRef(), now));
        // the run's traceId is the W3C id of the trace the request that starts it is in, so the API shows the trace's id
        String traceId = com.connectsoft.factory.platform.telemetry.Tracing.currentTraceId()
                .orElseGet(com.connectsoft.factory.shared.domain.TraceIds::mint);
        List<ModuleResult> modules = new ArrayList<>();
        String webTemplate = d.catalog().latest(FrontEnds.TEMPLATE_ID).map(TemplatePackage::ref).orElse(null);
        for (Module m : bp.modules()) {
            modules.add(ModuleResult.planned(m.moduleId(), Names.kebab(m.name()), out.map(o -> o.resolve(Names.kebab(m.name())).toString())
                    .orElse(null), moduleTemplates.getOrDefault(m.moduleId(), tpl).ref()));
            if (m.options().frontend()) {
                modules.add(ModuleResult.planned(FrontEnds.moduleId(m), FrontEnds.name(m), out.map(o -> o.resolve(FrontEnds.name(m)).toString())
                        .orElse(null), webTemplate));
            }
        }
        FactoryRun run = new FactoryRun(tenant.value(), runId, projectId, bp.product().name(), blueprintId, version.version(), tpl.ref(),
                traceId, "corr-" + runId, RunStatus.RUNNING, List.of(), modules, null, null, out.map(Path::toString).orElse(null), null,
                now, now);
        Project project = new Project(tenant.value(), projectId, bp.product().name(), bp.product().description().orElse(""), now, now);
        Artifact blueprintArtifact = new Artifact(tenant.value(), Lineage.artifactId(tenant.value(), runId, Artifact.BLUEPRINT, "blueprint"),
                Artifact.BLUEPRINT, version.fileName(), projectId, null, runId, "1.0.0", source.contentHash(),
                cmd.origin().map(Origin::agentId).orElse(Lineage.AGENT), cmd.origin().map(Origin::skillId).orElse("ConnectSoft.Skill.ImportBlueprint"),
                traceId, blueprintId, cmd.origin().map(Origin::artifactIds).orElse(List.of()), source.storageRef(), "Internal", "Validated", now);
        List<Envelope> events = new ArrayList<>();
        events.add(RunMessages.event(run, RunEvents.RUN_STARTED, null, "", Map.of("runId", runId, "blueprintId", blueprintId,
                "blueprintVersion", version.version(), "template", tpl.ref()), null, now));
        events.add(RunMessages.event(run, "BlueprintAccepted", null, "", Map.of("blueprintId", blueprintId, "version", version.version(),
                "contentHash", version.contentHash(), "modules", bp.modules().size(), "entities", bp.entityCount()), null, now));
        events.add(RunMessages.event(run, "ArtifactCreated", null, blueprintArtifact.artifactId(), Map.of("artifactId",
                blueprintArtifact.artifactId(), "artifactType", Artifact.BLUEPRINT, "contentHash", source.contentHash()), null, now));
        StageRecord intake = run.stageEndingNow(Stage.INTAKE, StageStatus.COMPLETED, "blueprint " + version.key() + ", plan " + t.plan(), now);
        run = run.withStage(intake, now);
        long frontEnds = bp.modules().stream().filter(m -> m.options().frontend()).count();
        StageRecord plan = run.stageEndingNow(Stage.PLAN, StageStatus.COMPLETED, bp.modules().size() + " modules, " + bp.entityCount()
                + " entities, " + templates(bp, moduleTemplates, tpl) + (frontEnds == 0 ? "" : ", " + frontEnds + " front end" + (frontEnds == 1 ? "" : "s")
                + " with " + d.catalog().latest(FrontEnds.TEMPLATE_ID).map(TemplatePackage::ref).orElse(FrontEnds.TEMPLATE_ID)), now);
        run = run.withStage(plan, now);
        events.add(RunMessages.event(run, "ModulesPlanned", null, "", Map.of("modules",
                modules.stream().map(ModuleResult::moduleId).toList()), null, now));
        for (StageRecord s : List.of(intake, plan)) {
            events.add(RunMessages.event(run, RunEvents.STAGE_COMPLETED, null, s.name().key(), s, null, now));
        }
        d.journal().open(tenant, project, version, run, List.of(blueprintArtifact), events);
        d.orchestrations().start(tenant, RunPlans.plan(run, d.policy()));
        progress.stage(Stage.INTAKE.key(), StageStatus.COMPLETED.key(), intake.durationMs(), intake.detail() + " (run " + runId + ", tenant " + tenant.value() + ")");
        progress.stage(Stage.PLAN.key(), StageStatus.COMPLETED.key(), plan.durationMs(), plan.detail());
        return run;
    }

    /**
     * Waits until the run ends or waits for a human's approval, then writes each rendered module's sources from the
     * artifact store to the run's output directory, if it has one.
     */
    FactoryRun finish(FactoryRun opened) {
        FactoryRun run = export(awaitSettled(TenantId.of(opened.tenantId()), opened.runId()));
        if (run.terminal()) {
            d.board().forget(run.runId());
        }
        return run;
    }

    /** Reports a run's progress to {@code progress} from now on (a resumed or answered run). */
    public void listen(String runId, RunProgress progress) {
        d.board().listen(runId, progress);
    }

    /** Waits until the answer to the named modules' approval is recorded, then until the run ended or waits again. */
    public FactoryRun awaitAnswered(TenantId tenant, String runId, List<String> answeredModules) {
        while (true) {
            long seen = d.board().version();
            FactoryRun run = d.journal().load(tenant, runId).map(RunJournal.Versioned::run).orElseThrow();
            boolean pending = run.modules().stream().anyMatch(m -> answeredModules.contains(m.name())
                    && m.governance() == GovernanceStatus.REQUIRES_APPROVAL);
            if (!pending || run.terminal()) {
                return awaitSettled(tenant, runId);
            }
            pause(runId, seen);
        }
    }

    /** Waits until the run ended or waits for approval (the orchestration does the work meanwhile). */
    public FactoryRun awaitSettled(TenantId tenant, String runId) {
        while (true) {
            long seen = d.board().version();
            FactoryRun run = d.journal().load(tenant, runId).map(RunJournal.Versioned::run)
                    .orElseThrow(() -> new IllegalArgumentException("tenant " + tenant.value() + " has no run " + runId));
            if (run.terminal() || run.status() == RunStatus.WAITING_FOR_APPROVAL) {
                return run;
            }
            pause(runId, seen);
        }
    }

    /**
     * Waits until the run has ended (completed, failed, cancelled) or {@code within} has passed, and returns it as last
     * read: after a cancellation a run waiting for approval is settled but not yet ended.
     */
    public FactoryRun awaitEnded(TenantId tenant, String runId, java.time.Duration within) {
        long deadline = System.nanoTime() + within.toNanos();
        while (true) {
            long seen = d.board().version();
            FactoryRun run = d.journal().load(tenant, runId).map(RunJournal.Versioned::run)
                    .orElseThrow(() -> new IllegalArgumentException("tenant " + tenant.value() + " has no run " + runId));
            if (run.terminal() || System.nanoTime() - deadline > 0) {
                return run;
            }
            pause(runId, seen);
        }
    }

    /** How long a waiter reads a run again when nothing in this process said it changed (another process may have). */
    static final java.time.Duration REREAD = java.time.Duration.ofMillis(250);

    /** Until the run changed here or {@link #REREAD} passed: a run advanced in this process is read again at once. */
    private void pause(String runId, long seen) {
        try {
            d.board().awaitChange(seen, REREAD);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for run " + runId, e);
        }
    }

    /** Writes the run's rendered modules to its output directory (after an approval let it finish later). */
    public FactoryRun export(FactoryRun run) {
        if (run.outputDir() != null) {
            ModuleSources sources = new ModuleSources(d.content());
            for (ModuleResult m : run.modules()) {
                if (m.manifestHash() != null && m.outputDir() != null) {
                    sources.materialize(TenantId.of(run.tenantId()), m.manifestHash(), Path.of(m.outputDir()));
                }
            }
        }
        return run;
    }

    /** "template X" when every module uses the run's; else each template with how many modules use it. */
    private static String templates(Blueprint bp, Map<String, TemplatePackage> moduleTemplates, TemplatePackage runTemplate) {
        Map<String, Long> counts = new java.util.TreeMap<>();
        bp.modules().forEach(m -> counts.merge(moduleTemplates.getOrDefault(m.moduleId(), runTemplate).ref(), 1L, Long::sum));
        if (counts.size() <= 1) {
            return "template " + (counts.isEmpty() ? runTemplate.ref() : counts.keySet().iterator().next());
        }
        return "templates " + String.join(", ", counts.entrySet().stream().map(e -> e.getKey() + " (" + e.getValue() + " module"
                + (e.getValue() == 1 ? "" : "s") + ")").toList());
    }

    /** The folders a run writes: each module's, and each front end's beside it. */
    private static List<String> unitNames(Blueprint bp) {
        List<String> names = new ArrayList<>();
        for (Module m : bp.modules()) {
            names.add(Names.kebab(m.name()));
            if (m.options().frontend()) {
                names.add(FrontEnds.name(m));
            }
        }
        return names;
    }

    private static List<Module> frontEndsOf(Blueprint bp) {
        return bp.modules().stream().filter(m -> m.options().frontend()).toList();
    }

    /** A front end needs the web template, a module it can express, and a name no module has. */
    private List<Problem> frontEndProblems(String file, Blueprint bp) {
        List<Problem> problems = new ArrayList<>();
        List<Module> wanting = bp.modules().stream().filter(m -> m.options().frontend()).toList();
        if (wanting.isEmpty()) {
            return problems;
        }
        Optional<TemplatePackage> web = d.catalog().latest(FrontEnds.TEMPLATE_ID);
        if (web.isEmpty()) {
            return List.of(Problem.of(file, 1, 1, "module '" + wanting.get(0).name() + "' asks for a front end, but template "
                    + FrontEnds.TEMPLATE_ID + " is not in the catalog", "remove options.frontend, or add the template to the catalog"));
        }
        Optional<String> refused = d.catalog().refusal(web.get());
        if (refused.isPresent()) {
            return List.of(Problem.of(file, 1, 1, "module '" + wanting.get(0).name() + "' asks for a front end, but " + refused.get(),
                    "remove options.frontend until a verified version of " + FrontEnds.TEMPLATE_ID + " is in the catalog"));
        }
        java.util.Set<String> moduleNames = new java.util.HashSet<>(bp.modules().stream().map(m -> Names.kebab(m.name())).toList());
        for (Module m : wanting) {
            if (moduleNames.contains(FrontEnds.name(m))) {
                problems.add(Problem.of(file, 1, 1, "the front end of module '" + m.name() + "' would be called '" + FrontEnds.name(m)
                        + "', which is the name of another module", "rename that module, or drop options.frontend of '" + m.name() + "'"));
            }
            problems.addAll(d.moduleCheck().problems(file, bp, m, web.get()));
        }
        return problems;
    }
}
