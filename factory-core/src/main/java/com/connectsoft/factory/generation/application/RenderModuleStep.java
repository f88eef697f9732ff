package com.connectsoft.factory.generation.application;

import com.connectsoft.factory.run.vocabulary.RenderStatus;
import com.connectsoft.factory.capability.Lineage;
import com.connectsoft.factory.capability.ModuleSources;
import com.connectsoft.factory.generation.domain.FrontEnds;
import com.connectsoft.factory.artifact.domain.Artifact;
import com.connectsoft.factory.artifact.domain.Artifacts;
import com.connectsoft.factory.blueprint.domain.BlueprintReaders;
import com.connectsoft.factory.blueprint.domain.Blueprint;
import com.connectsoft.factory.blueprint.domain.Module;
import com.connectsoft.factory.blueprint.domain.ParseOutcome;
import com.connectsoft.factory.platform.bus.PoisonEventException;
import com.connectsoft.factory.platform.content.ContentRef;
import com.connectsoft.factory.platform.content.ContentStore;
import com.connectsoft.factory.platform.json.Json;
import com.connectsoft.factory.run.domain.RunEvents;
import com.connectsoft.factory.run.domain.RunEvents.ModuleRenderedResult;
import com.connectsoft.factory.run.domain.RunEvents.RenderModuleCommand;
import com.connectsoft.factory.shared.domain.Envelope;
import com.connectsoft.factory.shared.domain.TenantId;
import com.connectsoft.factory.platform.files.OutputSandbox;
import com.connectsoft.factory.template.domain.TemplateCatalog;
import com.connectsoft.factory.template.domain.RenderOutcome;
import com.connectsoft.factory.template.domain.RenderedFile;
import com.connectsoft.factory.template.domain.TemplatePackage;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * The template-render capability: {@code RenderModule} → {@code ModuleRendered}. Reads the run's blueprint from
 * the artifact store, renders one module with the run's template version (a module's web front end with the web
 * front end template, see {@link FrontEnds}), stores every file and the source
 * manifest, and records the ModuleSource artifact. A redelivered command answers from the recorded artifact.
 */
public final class RenderModuleStep implements Function<Envelope, List<Envelope>> {
    public static final String SKILL = "ConnectSoft.Skill.GenerateMicroservice";

    private final BlueprintReaders readers;
    private final TemplateCatalog catalog;
    private final RenderModule renderModule;
    private final ContentStore content;
    private final ModuleSources sources;
    private final Artifacts artifacts;
    private final Clock clock;

    public RenderModuleStep(BlueprintReaders readers, TemplateCatalog catalog, RenderModule renderModule, ContentStore content,
                            Artifacts artifacts, Clock clock) {
        this.readers = readers;
        this.catalog = catalog;
        this.renderModule = renderModule;
        this.content = content;
        this.sources = new ModuleSources(content);
        this.artifacts = artifacts;
        this.clock = clock;
    }

    @Override
    public List<Envelope> apply(Envelope command) {
        RenderModuleCommand c = Lineage.payload(command, RenderModuleCommand.class);
        TenantId tenant = command.tenant();
        String runId = c.run().runId();
        Optional<Artifact> done = artifacts.find(tenant, Lineage.artifactId(tenant.value(), runId, Artifact.MODULE_SOURCE, c.moduleId()));
        if (done.isPresent()) {
            ModuleSources.Manifest m = sources.manifest(tenant, done.get().contentHash());
            return List.of(reply(command, new ModuleRenderedResult(runId, c.moduleId(), RenderStatus.RENDERED, List.of(),
                    m.files().size(), m.lines(), m.renderMs(), done.get().artifactId(), done.get().contentHash())));
        }
        byte[] blueprintBytes = content.get(tenant, c.blueprintHash()).orElseThrow(() -> new PoisonEventException(
                "blueprint " + c.blueprintHash() + " of run " + runId + " is not in the artifact store of tenant " + tenant.value()));
        if (!(readers.read(c.blueprintFile(), blueprintBytes) instanceof ParseOutcome.Accepted accepted)) {
            throw new PoisonEventException("blueprint " + c.blueprintFile() + " of run " + runId + " no longer reads");
        }
        Blueprint bp = accepted.blueprint();
        Optional<Module> service = bp.modules().stream().filter(m -> JavaModuleModel.moduleId(m).equals(c.moduleId())).findFirst();
        Optional<Module> frontEndOf = service.isPresent() ? Optional.empty() : FrontEnds.owner(bp, c.moduleId());
        Module module = service.or(() -> frontEndOf)
                .orElseThrow(() -> new PoisonEventException("blueprint of run " + runId + " has no module " + c.moduleId()));
        // the module's own template version, decided when the run opened (older commands: the run's; front ends: the web template)
        boolean ownTemplate = c.templateRef() != null;
        String[] ref = c.moduleTemplateRef().split("@", 2);
        Optional<TemplatePackage> template = frontEndOf.isPresent() && !ownTemplate ? catalog.latest(FrontEnds.TEMPLATE_ID)
                : ref.length == 2 ? catalog.find(ref[0], ref[1]) : Optional.empty();
        if (template.isEmpty()) {
            return List.of(reply(command, refused(runId, c, List.of("template " + (frontEndOf.isPresent() && !ownTemplate ? FrontEnds.TEMPLATE_ID
                    : c.moduleTemplateRef()) + " is no longer in the catalog"))));
        }
        TemplatePackage tpl = template.get();
        long started = System.nanoTime();
        RenderOutcome outcome = renderModule.render(bp, module, tpl);
        if (outcome instanceof RenderOutcome.Refused r) {
            return List.of(reply(command, refused(runId, c, r.reasons())));
        }
        List<RenderedFile> files = new ArrayList<>(((RenderOutcome.Rendered) outcome).files());
        files.add(provenance(command, c, tpl, files));
        long ms = (System.nanoTime() - started) / 1_000_000;
        ContentRef manifest = sources.store(tenant, tpl.ref(), ms, files);
        Artifact a = artifacts.record(tenant, Lineage.artifact(command, runId, c.run().blueprintId(), Artifact.MODULE_SOURCE,
                c.moduleName(), c.moduleId(), manifest, List.of(c.run().blueprintArtifactId()), SKILL, "Generated", clock.instant()));
        long lines = files.stream().mapToLong(RenderedFile::lines).sum();
        return List.of(reply(command, new ModuleRenderedResult(runId, c.moduleId(), RenderStatus.RENDERED, List.of(),
                files.size(), lines, ms, a.artifactId(), a.contentHash())), Lineage.created(command, a, clock.instant()));
    }

    private static ModuleRenderedResult refused(String runId, RenderModuleCommand c, List<String> reasons) {
        return new ModuleRenderedResult(runId, c.moduleId(), RenderStatus.REFUSED, reasons, 0, 0, 0, null, null);
    }

    private Envelope reply(Envelope command, ModuleRenderedResult result) {
        return Lineage.reply(command, RunEvents.MODULE_RENDERED, result, clock.instant());
    }

    /** provenance.json: template, run, trace, tenant, blueprint and the hash of every other file. */
    private RenderedFile provenance(Envelope command, RenderModuleCommand c, TemplatePackage tpl, List<RenderedFile> files) {
        ObjectNode p = Json.object();
        p.putObject("template").put("id", tpl.id()).put("version", tpl.version()).put("contentHash", tpl.contentHash());
        p.put("runId", c.run().runId());
        p.put("traceId", command.traceId());
        p.put("tenantId", command.tenantId());
        p.put("projectId", command.projectId());
        p.put("moduleId", c.moduleId());
        p.putObject("blueprint").put("id", c.run().blueprintId()).put("version", c.run().blueprintVersion())
                .put("contentHash", c.blueprintHash());
        p.put("generatedAt", clock.instant().toString());
        p.put("generatedBy", Lineage.AGENT);
        ArrayNode list = p.putArray("files");
        files.forEach(f -> list.addObject().put("path", f.path()).put("sha256", f.contentHash()));
        return new RenderedFile(OutputSandbox.MARKER, Json.pretty(p).getBytes(StandardCharsets.UTF_8));
    }
}
