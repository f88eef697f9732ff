package com.connectsoft.factory.knowledge.application;

import com.connectsoft.factory.artifact.domain.Artifact;
import com.connectsoft.factory.artifact.domain.Artifacts;
import com.connectsoft.factory.blueprint.domain.BlueprintReaders;
import com.connectsoft.factory.blueprint.domain.ParseOutcome;
import com.connectsoft.factory.capability.ModuleSources;
import com.connectsoft.factory.knowledge.domain.KnowledgeDocument;
import com.connectsoft.factory.platform.content.ContentStore;
import com.connectsoft.factory.run.domain.FactoryRun;
import com.connectsoft.factory.run.domain.ModuleResult;
import com.connectsoft.factory.run.domain.Runs;
import com.connectsoft.factory.shared.domain.TenantId;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Reads the knowledge documents of a tenant's records from the stores that hold them (runs, artifacts, content): the
 * same documents whether they come from an event or from a rebuild, so the two agree.
 */
public final class KnowledgeSources {
    /** Where the Functions template (and any template of the java-module model) puts the module's OpenAPI document. */
    public static final String OPENAPI = "src/main/resources/openapi.json";

    private final Runs runs;
    private final Artifacts artifacts;
    private final ContentStore content;
    private final ModuleSources sources;
    private final BlueprintReaders readers;

    public KnowledgeSources(Runs runs, Artifacts artifacts, ContentStore content, BlueprintReaders readers) {
        this.runs = runs;
        this.artifacts = artifacts;
        this.content = content;
        this.sources = new ModuleSources(content);
        this.readers = readers;
    }

    public Optional<FactoryRun> run(TenantId tenant, String runId) {
        return runs.find(tenant, runId);
    }

    public List<FactoryRun> runs(TenantId tenant) {
        return runs.list(tenant);
    }

    /** The run's blueprint, read again from the artifact store; empty when its bytes are gone or it no longer reads. */
    public Optional<KnowledgeDocument> blueprint(TenantId tenant, FactoryRun run) {
        return artifacts.byRun(tenant, run.runId()).stream().filter(a -> Artifact.BLUEPRINT.equals(a.artifactType())).findFirst()
                .flatMap(a -> content.get(tenant, a.contentHash()).flatMap(bytes -> readers.read(a.name(), bytes) instanceof ParseOutcome.Accepted ok
                        ? Optional.of(KnowledgeDocuments.blueprint(run.blueprintId(), run.blueprintVersion(), a.name(), ok.blueprint()))
                        : Optional.empty()));
    }

    /** One generated module of the run, from the OpenAPI document among its sources; empty when it has none. */
    public Optional<KnowledgeDocument> module(TenantId tenant, FactoryRun run, String moduleId, String manifestHash) {
        if (manifestHash == null) {
            return Optional.empty();
        }
        String name = run.module(moduleId).map(ModuleResult::name).orElse(moduleId);
        return sources.manifest(tenant, manifestHash).files().stream().filter(e -> e.path().equals(OPENAPI)).findFirst()
                .flatMap(e -> content.get(tenant, e.sha256()))
                .map(bytes -> KnowledgeDocuments.module(run, moduleId, name, new String(bytes, StandardCharsets.UTF_8)));
    }

    /** Everything searchable of one run: its blueprint, its rendered modules and, when it ended, its outcome. */
    public List<KnowledgeDocument> ofRun(TenantId tenant, FactoryRun run) {
        List<KnowledgeDocument> out = new ArrayList<>();
        blueprint(tenant, run).ifPresent(out::add);
        for (ModuleResult m : run.modules()) {
            if (m.manifestHash() != null) {
                module(tenant, run, m.moduleId(), m.manifestHash()).ifPresent(out::add);
            }
        }
        if (run.terminal()) {
            out.add(KnowledgeDocuments.run(run));
        }
        return out;
    }
}
