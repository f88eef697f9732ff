package com.connectsoft.factory.run.application;

import com.connectsoft.factory.artifact.domain.Artifact;
import com.connectsoft.factory.blueprint.application.BlueprintReader;
import com.connectsoft.factory.blueprint.application.BlueprintReaders;
import com.connectsoft.factory.blueprint.domain.Blueprint;
import com.connectsoft.factory.blueprint.domain.Module;
import com.connectsoft.factory.blueprint.domain.Names;
import com.connectsoft.factory.blueprint.domain.ParseOutcome;
import com.connectsoft.factory.blueprint.domain.Problem;
import com.connectsoft.factory.build.domain.BuildReport;
import com.connectsoft.factory.build.domain.BuildRunner;
import com.connectsoft.factory.generation.application.JavaModuleModel;
import com.connectsoft.factory.generation.application.RenderModule;
import com.connectsoft.factory.governance.application.Governance;
import com.connectsoft.factory.governance.domain.CheckResult;
import com.connectsoft.factory.governance.domain.Decision;
import com.connectsoft.factory.platform.content.ContentRef;
import com.connectsoft.factory.platform.content.ContentStore;
import com.connectsoft.factory.platform.json.Json;
import com.connectsoft.factory.project.domain.BlueprintVersion;
import com.connectsoft.factory.project.domain.Blueprints;
import com.connectsoft.factory.project.domain.Project;
import com.connectsoft.factory.publish.domain.GitPublisher;
import com.connectsoft.factory.run.domain.FactoryRun;
import com.connectsoft.factory.run.domain.ModuleResult;
import com.connectsoft.factory.run.domain.RunJournal;
import com.connectsoft.factory.run.domain.StageRecord;
import com.connectsoft.factory.shared.domain.Envelope;
import com.connectsoft.factory.shared.domain.Ids;
import com.connectsoft.factory.shared.domain.TenantId;
import com.connectsoft.factory.template.adapter.filesystem.OutputSandbox;
import com.connectsoft.factory.template.application.TemplateCatalog;
import com.connectsoft.factory.template.domain.RenderOutcome;
import com.connectsoft.factory.template.domain.RenderedFile;
import com.connectsoft.factory.template.domain.TemplatePackage;
import com.connectsoft.factory.tenancy.domain.Tenant;
import com.connectsoft.factory.tenancy.domain.Tenants;
import com.connectsoft.factory.usage.domain.UsageRecord;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One factory run, start to finish: intake → plan → render → governance → validate → publish → done. Bad input
 * is rejected before anything is written. Each step is committed atomically with its artifacts (lineage:
 * blueprint → module sources → governance and build reports → commit) and its envelope events.
 */
public final class RunFactory {
    public static final String AGENT = "ConnectSoft.Agent.MicroserviceGenerator";
    public static final String DEFAULT_TEMPLATE = "ConnectSoft.Template.FunctionsMicroservice";

    /** What to generate, for whom, and where the sources go (default: {@code <workspace>/<tenant>/<project>}). */
    public record StartRun(TenantId tenant, String fileName, byte[] content, Optional<Path> outDir, String templateId) {
        public StartRun {
            java.util.Objects.requireNonNull(tenant, "tenantId is required: every run belongs to one tenant");
            java.util.Objects.requireNonNull(fileName, "fileName");
            java.util.Objects.requireNonNull(content, "content");
        }
    }

    public sealed interface Result {
        record Rejected(List<Problem> problems) implements Result {
        }

        record Finished(FactoryRun run) implements Result {
        }
    }

    /** What starting a run gives: a rejection, or the opened run (intake committed) and the rest of its work. */
    public sealed interface Start {
        record Rejected(List<Problem> problems) implements Start {
        }

        /** The run as recorded after intake; {@link #finish()} runs the remaining stages (once). */
        final class Started implements Start {
            private final Execution execution;

            private Started(Execution execution) {
                this.execution = execution;
            }

            public FactoryRun opened() {
                return execution.run;
            }

            public FactoryRun finish() {
                return execution.finish();
            }
        }
    }

    /** The adapters a run works with. */
    public record Dependencies(BlueprintReaders readers, Tenants tenants, Blueprints blueprints, RunJournal journal,
                               ContentStore content, TemplateCatalog catalog, RenderModule renderModule, Governance governance,
                               BuildRunner builds, GitPublisher git, Path workspace, Path buildRoot, Duration buildTimeout,
                               Clock clock) {
    }

    private final Dependencies d;

    public RunFactory(Dependencies dependencies) {
        this.d = dependencies;
    }

    /** Checks the input, commits intake and returns; the caller finishes the run (now or on another thread). */
    public Start start(StartRun cmd, RunProgress progress) {
        long t0 = System.nanoTime();
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
        List<Problem> problems = new ArrayList<>();
        for (Module m : bp.modules()) {
            if (d.renderModule().model(bp, m, tpl) instanceof JavaModuleModel.Outcome.Failed f) {
                f.problems().forEach(p -> problems.add(Problem.of(file, 1, 1, p.message(), p.hint())));
            }
        }
        String projectId = "proj-" + Ids.slug(bp.product().name());
        Path out = cmd.outDir().orElse(d.workspace().resolve(cmd.tenant().value()).resolve(projectId)).toAbsolutePath().normalize();
        for (Module m : bp.modules()) {
            Path dir = out.resolve(Names.kebab(m.name()));
            if (Files.isSymbolicLink(dir) || (Files.isDirectory(dir) && !isEmpty(dir)
                    && !Files.isRegularFile(dir.resolve(OutputSandbox.MARKER), LinkOption.NOFOLLOW_LINKS))) {
                problems.add(Problem.of(file, 1, 1, "output directory " + dir + " exists and was not generated by the factory",
                        "choose another --out"));
            }
        }
        if (!problems.isEmpty()) {
            return new Start.Rejected(problems);
        }
        accepted.warnings().forEach(w -> progress.module("intake", "-", "warning: " + w.render().replace("\n", "\n                               ")));
        Execution execution = new Execution(cmd.tenant(), bp, tpl, projectId, out, progress, cmd, t0, format);
        execution.intake();
        return new Start.Started(execution);
    }

    /** One whole run on the calling thread. */
    public Result run(StartRun cmd, RunProgress progress) {
        Start start = start(cmd, progress);
        if (start instanceof Start.Rejected r) {
            return new Result.Rejected(r.problems());
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


    /** The state of one accepted run as it moves through the stages. */
    private final class Execution {
        private final TenantId tenant;
        private final Blueprint bp;
        private final TemplatePackage tpl;
        private final String projectId;
        private final Path out;
        private final RunProgress progress;
        private final StartRun cmd;
        private final long startNanos;
        private final String runId;
        private final String format;
        private FactoryRun run;
        private Artifact blueprintArtifact;
        private final Map<String, List<RenderedFile>> rendered = new LinkedHashMap<>();
        private final Map<String, Artifact> sources = new LinkedHashMap<>();
        private final Map<String, Artifact> builds = new LinkedHashMap<>();
        private final List<ModuleResult> modules = new ArrayList<>();

        Execution(TenantId tenant, Blueprint bp, TemplatePackage tpl, String projectId, Path out, RunProgress progress,
                  StartRun cmd, long startNanos, String format) {
            this.tenant = tenant;
            this.bp = bp;
            this.tpl = tpl;
            this.projectId = projectId;
            this.out = out;
            this.progress = progress;
            this.cmd = cmd;
            this.startNanos = startNanos;
            this.runId = Ids.sortable("run", d.clock().instant());
            this.format = format;
        }

        private boolean finished;

        synchronized FactoryRun finish() {
            if (finished) {
                throw new IllegalStateException("run " + runId + " was finished already");
            }
            finished = true;
            plan();
            render();
            governance();
            validate();
            publish();
            return done();
        }

        private Instant now() {
            return d.clock().instant();
        }

        private Envelope event(String type, String moduleId, String key, JsonNode payload) {
            return new Envelope(Ids.derived("evt", tenant.value(), runId, type, key), type, tenant.value(), projectId, moduleId,
                    run.traceId(), run.correlationId(), null, now(), 1, payload);
        }

        private Envelope usage(String meter, long quantity, String unit, String key) {
            UsageRecord u = new UsageRecord(tenant.value(), Ids.derived("use", tenant.value(), runId, meter, key), runId, projectId,
                    meter, quantity, unit, now());
            return event("UsageRecorded", null, meter + "/" + key, Json.toTree(u));
        }

        private Artifact artifact(String type, String name, String moduleId, String key, ContentRef ref, List<String> inputs,
                                  String skill, String status) {
            return new Artifact(tenant.value(), Ids.derived("art", tenant.value(), runId, type, key), type, name, projectId, moduleId,
                    runId, "1.0.0", ref.contentHash(), AGENT, skill, run.traceId(), run.blueprintId(), inputs, ref.storageRef(),
                    "Internal", status, now());
        }

        private List<Envelope> created(List<Artifact> artifacts) {
            return artifacts.stream().map(a -> event("ArtifactCreated", a.moduleId(), a.artifactId(), Json.toTree(Map.of(
                    "artifactId", a.artifactId(), "artifactType", a.artifactType(), "contentHash", a.contentHash())))).toList();
        }

        private void commit(StageRecord stage, List<Artifact> artifacts, List<Envelope> events) {
            run = run.withStage(stage, now()).withModules(modules, now());
            List<Envelope> all = new ArrayList<>(events);
            all.addAll(created(artifacts));
            all.add(event("FactoryRunStageCompleted", null, stage.name(), Json.toTree(stage)));
            d.journal().commit(tenant, run, artifacts, all);
            progress.stage(stage.name(), stage.status(), stage.durationMs(), stage.detail());
        }

        private StageRecord stage(String name, Instant started, long startNanos, String status, String detail) {
            return new StageRecord(name, status, started, now(), (System.nanoTime() - startNanos) / 1_000_000, detail);
        }

        private void intake() {
            Instant started = now();
            Tenant t = d.tenants().find(tenant).orElseGet(() -> {
                Tenant registered = d.tenants().register(tenant, tenant.value(), Tenant.DEFAULT_PLAN);
                progress.module("intake", "-", "registered tenant " + tenant.value() + " on plan " + registered.plan());
                return registered;
            });
            ContentRef source = d.content().put(tenant, cmd.content());
            String blueprintId = "bp-" + Ids.slug(bp.product().name());
            Optional<BlueprintVersion> latest = d.blueprints().latest(tenant, blueprintId);
            BlueprintVersion version = latest.filter(v -> v.contentHash().equals(source.contentHash()))
                    .orElseGet(() -> new BlueprintVersion(tenant.value(), projectId, blueprintId, latest.map(v -> v.version() + 1).orElse(1),
                            source.contentHash(), format, Path.of(cmd.fileName()).getFileName().toString(), source.storageRef(), now()));
            String traceId = "trace-" + Ids.random("x").substring(2);
            run = new FactoryRun(tenant.value(), runId, projectId, blueprintId, version.version(), tpl.ref(), traceId, "corr-" + runId,
                    FactoryRun.RUNNING, List.of(), List.of(), null, null, out.toString(), null, now(), now());
            Project project = new Project(tenant.value(), projectId, bp.product().name(), bp.product().description().orElse(""), now(), now());
            blueprintArtifact = artifact(Artifact.BLUEPRINT, version.fileName(), null, "blueprint", source, List.of(),
                    "ConnectSoft.Skill.ImportBlueprint", "Validated");
            StageRecord stage = stage("intake", started, startNanos, "completed", "blueprint " + version.key() + ", plan " + t.plan());
            run = run.withStage(stage, now());
            List<Envelope> events = new ArrayList<>();
            events.add(event("FactoryRunStarted", null, "", Json.toTree(Map.of("runId", runId, "blueprintId", blueprintId,
                    "blueprintVersion", version.version(), "template", tpl.ref()))));
            events.add(event("BlueprintAccepted", null, "", Json.toTree(Map.of("blueprintId", blueprintId, "version", version.version(),
                    "contentHash", version.contentHash(), "modules", bp.modules().size(), "entities", bp.entityCount()))));
            events.addAll(created(List.of(blueprintArtifact)));
            d.journal().open(tenant, project, version, run, List.of(blueprintArtifact), events);
            progress.stage("intake", "completed", stage.durationMs(), stage.detail() + " (run " + runId + ", tenant " + tenant.value() + ")");
        }

        private void plan() {
            Instant started = now();
            long s = System.nanoTime();
            for (Module m : bp.modules()) {
                modules.add(new ModuleResult(JavaModuleModel.moduleId(m), Names.kebab(m.name()),
                        out.resolve(Names.kebab(m.name())).toString(), 0, 0, 0, "pending", List.of(), "pending", 0, 0, 0, 0));
            }
            String detail = bp.modules().size() + " modules, " + bp.entityCount() + " entities, template " + tpl.ref();
            commit(stage("plan", started, s, "completed", detail), List.of(),
                    List.of(event("ModulesPlanned", null, "", Json.toTree(Map.of("modules",
                            modules.stream().map(ModuleResult::moduleId).toList())))));
        }

        private void render() {
            Instant started = now();
            long s = System.nanoTime();
            int files = 0;
            boolean failed = false;
            List<Artifact> artifacts = new ArrayList<>();
            List<Envelope> events = new ArrayList<>();
            for (int i = 0; i < bp.modules().size(); i++) {
                Module m = bp.modules().get(i);
                ModuleResult mr = modules.get(i);
                long ms = System.nanoTime();
                RenderOutcome outcome = d.renderModule().render(bp, m, tpl);
                if (outcome instanceof RenderOutcome.Refused refused) {
                    failed = true;
                    modules.set(i, mr.withGovernance("NotRendered", refused.reasons()));
                    progress.module("render", mr.name(), "refused: " + String.join("; ", refused.reasons()));
                    continue;
                }
                List<RenderedFile> result = new ArrayList<>(((RenderOutcome.Rendered) outcome).files());
                byte[] manifest = sourceManifest(result);
                result.add(provenance(mr, result));
                Path dir = Path.of(mr.outputDir());
                OutputSandbox.prepare(dir);
                OutputSandbox.write(dir, result);
                result.forEach(f -> d.content().put(tenant, f.bytes()));
                ContentRef ref = d.content().put(tenant, manifest);
                long lines = result.stream().mapToLong(RenderedFile::lines).sum();
                long renderMs = (System.nanoTime() - ms) / 1_000_000;
                rendered.put(mr.moduleId(), result);
                Artifact a = artifact(Artifact.MODULE_SOURCE, mr.name(), mr.moduleId(), mr.moduleId(), ref,
                        List.of(blueprintArtifact.artifactId()), "ConnectSoft.Skill.GenerateMicroservice", "Generated");
                sources.put(mr.moduleId(), a);
                artifacts.add(a);
                modules.set(i, new ModuleResult(mr.moduleId(), mr.name(), mr.outputDir(), result.size(), lines, renderMs,
                        mr.governance(), List.of(), mr.build(), 0, 0, 0, 0));
                files += result.size();
                events.add(event("ModuleRendered", mr.moduleId(), "", Json.toTree(Map.of("files", result.size(), "lines", lines,
                        "contentHash", ref.contentHash()))));
                events.add(usage("renders", 1, "module", mr.moduleId()));
                progress.module("render", mr.name(), result.size() + " files, " + lines + " lines in " + renderMs + " ms");
            }
            commit(stage("render", started, s, failed ? "failed" : "completed", files + " files"), artifacts, events);
        }

        private byte[] sourceManifest(List<RenderedFile> files) {
            ObjectNode m = Json.object();
            m.put("template", tpl.ref());
            ArrayNode list = m.putArray("files");
            files.forEach(f -> list.addObject().put("path", f.path()).put("sha256", f.contentHash()));
            return Json.pretty(m).getBytes(StandardCharsets.UTF_8);
        }

        private RenderedFile provenance(ModuleResult mr, List<RenderedFile> files) {
            ObjectNode p = Json.object();
            p.putObject("template").put("id", tpl.id()).put("version", tpl.version()).put("contentHash", tpl.contentHash());
            p.put("runId", runId);
            p.put("traceId", run.traceId());
            p.put("tenantId", tenant.value());
            p.put("projectId", projectId);
            p.put("moduleId", mr.moduleId());
            p.putObject("blueprint").put("id", run.blueprintId()).put("version", run.blueprintVersion())
                    .put("contentHash", blueprintArtifact.contentHash());
            p.put("generatedAt", now().toString());
            p.put("generatedBy", AGENT);
            ArrayNode list = p.putArray("files");
            files.forEach(f -> list.addObject().put("path", f.path()).put("sha256", f.contentHash()));
            return new RenderedFile(OutputSandbox.MARKER, Json.pretty(p).getBytes(StandardCharsets.UTF_8));
        }

        private void governance() {
            Instant started = now();
            long s = System.nanoTime();
            List<Artifact> artifacts = new ArrayList<>();
            List<Envelope> events = new ArrayList<>();
            int denied = 0;
            for (int i = 0; i < modules.size(); i++) {
                ModuleResult mr = modules.get(i);
                List<RenderedFile> files = rendered.get(mr.moduleId());
                if (files == null) {
                    continue;
                }
                List<CheckResult> results = d.governance().evaluate(mr.moduleId(), files);
                Decision decision = Governance.overall(results);
                List<String> reasons = results.stream().flatMap(r -> r.reasons().stream().map(x -> r.checkId() + ": " + x)).toList();
                modules.set(i, mr.withGovernance(decision.name(), reasons));
                ContentRef ref = d.content().put(tenant, Json.pretty(results).getBytes(StandardCharsets.UTF_8));
                artifacts.add(artifact(Artifact.GOVERNANCE_REPORT, mr.name() + " governance", mr.moduleId(), mr.moduleId(), ref,
                        List.of(sources.get(mr.moduleId()).artifactId()), "ConnectSoft.Skill.EvaluatePolicy",
                        decision == Decision.Allow ? "Validated" : "Rejected"));
                for (CheckResult r : results) {
                    events.add(event("PolicyDecisionRecorded", mr.moduleId(), r.checkId(), Json.toTree(r)));
                }
                if (decision != Decision.Allow) {
                    denied++;
                }
                progress.module("governance", mr.name(), decision + (reasons.isEmpty() ? " (" + results.size() + " checks)"
                        : ": " + String.join("; ", reasons.subList(0, Math.min(3, reasons.size())))));
            }
            commit(stage("governance", started, s, denied == 0 ? "completed" : "failed",
                    denied == 0 ? "all modules allowed" : denied + " module(s) denied"), artifacts, events);
        }

        private void validate() {
            Instant started = now();
            long s = System.nanoTime();
            int passed = 0;
            for (int i = 0; i < modules.size(); i++) {
                ModuleResult mr = modules.get(i);
                if (!"Allow".equals(mr.governance())) {
                    modules.set(i, mr.withBuild("skipped", 0, 0, 0, 0));
                    continue;
                }
                progress.module("validate", mr.name(), "building and testing...");
                BuildReport report = d.builds().build(mr.name(), Path.of(mr.outputDir()),
                        d.buildRoot().resolve(tenant.value()).resolve(runId).resolve(mr.name()), d.buildTimeout());
                modules.set(i, mr.withBuild(report.status(), report.testsRun(), report.testsPassed(),
                        report.testsFailed() + report.testsErrored(), report.durationMs()));
                ContentRef ref = d.content().put(tenant, Json.pretty(report).getBytes(StandardCharsets.UTF_8));
                boolean ok = BuildReport.PASSED.equals(report.status());
                Artifact a = artifact(Artifact.BUILD_REPORT, mr.name() + " build", mr.moduleId(), mr.moduleId(), ref,
                        List.of(sources.get(mr.moduleId()).artifactId()), "ConnectSoft.Skill.ValidateBuild", ok ? "Validated" : "Rejected");
                builds.put(mr.moduleId(), a);
                passed += ok ? 1 : 0;
                progress.module("validate", mr.name(), report.status() + ": " + report.testsPassed() + "/" + report.testsRun()
                        + " tests passed in " + report.durationMs() + " ms" + (ok ? "" : "\n" + String.join("\n", report.logTail())));
                List<Envelope> events = List.of(
                        event("ModuleValidated", mr.moduleId(), "", Json.toTree(Map.of("status", report.status(),
                                "testsRun", report.testsRun(), "testsPassed", report.testsPassed()))),
                        usage("build-seconds", Math.max(1, (report.durationMs() + 999) / 1000), "second", mr.moduleId()));
                run = run.withModules(modules, now());
                d.journal().commit(tenant, run, List.of(a), new ArrayList<>(concat(events, created(List.of(a)))));
            }
            commit(stage("validate", started, s, passed == modules.size() ? "completed" : "failed",
                    passed + "/" + modules.size() + " modules built and passed their tests"), List.of(), List.of());
        }

        private List<Envelope> concat(List<Envelope> a, List<Envelope> b) {
            List<Envelope> out = new ArrayList<>(a);
            out.addAll(b);
            return out;
        }

        private void publish() {
            Instant started = now();
            long s = System.nanoTime();
            if (!modules.stream().allMatch(ModuleResult::succeeded)) {
                commit(stage("publish", started, s, "skipped", "not every module passed; nothing is committed"), List.of(), List.of());
                return;
            }
            String branch = "factory/" + runId;
            GitPublisher.Published p = d.git().publish(tenant, projectId, branch, out,
                    "Generate " + bp.product().name() + " (" + modules.size() + " modules)\n\nrun: " + runId + "\ntrace: "
                            + run.traceId() + "\nblueprint: " + run.blueprintId() + "@" + run.blueprintVersion() + "\ntemplate: "
                            + tpl.ref() + "\n", now());
            run = run.withCommit(branch, p.commitId(), now());
            List<String> inputs = new ArrayList<>();
            sources.values().forEach(a -> inputs.add(a.artifactId()));
            builds.values().forEach(a -> inputs.add(a.artifactId()));
            ContentRef ref = d.content().put(tenant, (p.repository() + "\n" + branch + "\n" + p.commitId() + "\n").getBytes(StandardCharsets.UTF_8));
            Artifact commit = new Artifact(tenant.value(), Ids.derived("art", tenant.value(), runId, Artifact.COMMIT, branch), Artifact.COMMIT,
                    branch, projectId, null, runId, "1.0.0", ref.contentHash(), AGENT, "ConnectSoft.Skill.CommitCode", run.traceId(),
                    run.blueprintId(), inputs, "git://" + tenant.value() + "/" + projectId + ".git#" + p.commitId(), "Internal",
                    "Published", now());
            commit(stage("publish", started, s, "completed", "commit " + p.commitId().substring(0, 12) + " on " + branch + ", "
                    + p.files() + " files"), List.of(commit), List.of(event("CommitCreated", null, "", Json.toTree(Map.of(
                    "branch", branch, "commitId", p.commitId(), "files", p.files())))));
        }

        private FactoryRun done() {
            Instant started = now();
            long s = System.nanoTime();
            boolean ok = run.commitId() != null && modules.stream().allMatch(ModuleResult::succeeded);
            String why = ok ? null : modules.stream().filter(m -> !m.succeeded())
                    .map(m -> m.name() + ": " + ("NotRendered".equals(m.governance()) ? "not rendered"
                            : !"Allow".equals(m.governance()) ? "governance " + m.governance() : "build " + m.build()))
                    .reduce((a, b) -> a + "; " + b).orElse("not published");
            long totalMs = (System.nanoTime() - startNanos) / 1_000_000;
            List<Envelope> events = List.of(
                    usage("runs", 1, "run", "run"),
                    event(ok ? "FactoryRunCompleted" : "FactoryRunFailed", null, "", Json.toTree(Map.of("runId", runId,
                            "status", ok ? FactoryRun.COMPLETED : FactoryRun.FAILED, "durationMs", totalMs))));
            run = run.finished(ok ? FactoryRun.COMPLETED : FactoryRun.FAILED, why, now());
            commit(stage("done", started, s, ok ? "completed" : "failed", ok ? "run completed in " + totalMs + " ms" : why), List.of(), events);
            return run;
        }
    }
}
