package com.connectsoft.factory.publish.application;

import com.connectsoft.factory.capability.Lineage;
import com.connectsoft.factory.capability.ModuleSources;
import com.connectsoft.factory.artifact.domain.Artifact;
import com.connectsoft.factory.artifact.domain.Artifacts;
import com.connectsoft.factory.platform.bus.PoisonEventException;
import com.connectsoft.factory.platform.content.ContentRef;
import com.connectsoft.factory.platform.content.ContentStore;
import com.connectsoft.factory.platform.files.Directories;
import com.connectsoft.factory.platform.json.Json;
import com.connectsoft.factory.publish.domain.GitPublisher;
import com.connectsoft.factory.run.domain.RunEvents;
import com.connectsoft.factory.run.domain.RunEvents.CommitCreatedResult;
import com.connectsoft.factory.run.domain.RunEvents.PublishProjectCommand;
import com.connectsoft.factory.run.domain.RunEvents.PublishedModule;
import com.connectsoft.factory.shared.domain.Envelope;
import com.connectsoft.factory.shared.domain.TenantId;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * The git-publish capability: {@code PublishProject} → {@code CommitCreated}. Writes every module of the run from
 * the artifact store into a scratch tree and commits it on {@code factory/<runId>}. Committing the same tree
 * again returns the existing commit, and a redelivered command answers from the recorded Commit artifact.
 */
public final class PublishProjectStep implements Function<Envelope, List<Envelope>> {
    public static final String SKILL = "ConnectSoft.Skill.CommitCode";

    private final GitPublisher git;
    private final ContentStore content;
    private final ModuleSources sources;
    private final Artifacts artifacts;
    private final Path workRoot;
    private final Clock clock;

    public PublishProjectStep(GitPublisher git, ContentStore content, Artifacts artifacts, Path workRoot, Clock clock) {
        this.git = git;
        this.content = content;
        this.sources = new ModuleSources(content);
        this.artifacts = artifacts;
        this.workRoot = workRoot;
        this.clock = clock;
    }

    public static String branch(String runId) {
        return GitPublisher.runBranch(runId);
    }

    @Override
    public List<Envelope> apply(Envelope command) {
        PublishProjectCommand c = Lineage.payload(command, PublishProjectCommand.class);
        TenantId tenant = command.tenant();
        String runId = c.run().runId();
        String branch = branch(runId);
        Optional<Artifact> done = artifacts.find(tenant, Lineage.artifactId(tenant.value(), runId, Artifact.COMMIT, branch));
        if (done.isPresent()) {
            JsonNode recorded = Lineage.recorded(content, tenant, done.get());
            return List.of(reply(command, new CommitCreatedResult(runId, branch, recorded.path("commitId").asText(),
                    recorded.path("files").asInt(), done.get().artifactId())));
        }
        Path tree = workRoot.resolve(tenant.value()).resolve(runId);
        GitPublisher.Published p;
        try {
            for (PublishedModule m : c.modules()) {
                sources.materialize(tenant, m.manifestHash(), tree.resolve(m.name()));
            }
            p = git.publish(tenant, command.projectId(), branch, tree, "Generate " + c.productName() + " (" + c.modules().size()
                    + " modules)\n\nrun: " + runId + "\ntrace: " + command.traceId() + "\nblueprint: " + c.run().blueprintId() + "@"
                    + c.run().blueprintVersion() + "\ntemplate: " + c.run().templateRef() + "\n", clock.instant());
        } catch (ModuleSources.MissingSources e) {
            throw new PoisonEventException(e.getMessage());
        } finally {
            try {
                Directories.delete(tree, true);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot remove the publish scratch tree " + tree, e);
            }
        }
        List<String> inputs = new ArrayList<>();
        c.modules().forEach(m -> inputs.add(m.sourceArtifactId()));
        c.modules().forEach(m -> inputs.add(m.buildArtifactId()));
        ContentRef ref = content.put(tenant, Json.pretty(Map.of("repository", p.repository(), "branch", branch, "commitId", p.commitId(),
                "files", p.files())).getBytes(StandardCharsets.UTF_8));
        Artifact a = Lineage.artifact(command, runId, c.run().blueprintId(), Artifact.COMMIT, branch, branch, ref, inputs, SKILL,
                "Published", clock.instant());
        a = artifacts.record(tenant, new Artifact(a.tenantId(), a.artifactId(), a.artifactType(), a.name(), a.projectId(), null, a.runId(),
                a.version(), a.contentHash(), a.producedByAgentId(), a.producedBySkillId(), a.traceId(), a.sourceBlueprintId(),
                a.inputArtifactIds(), "git://" + tenant.value() + "/" + command.projectId() + ".git#" + p.commitId(), a.classification(),
                a.status(), a.createdAt()));
        return List.of(reply(command, new CommitCreatedResult(runId, branch, p.commitId(), p.files(), a.artifactId())),
                Lineage.created(command, a, clock.instant()));
    }

    private Envelope reply(Envelope command, CommitCreatedResult r) {
        return Lineage.reply(command, RunEvents.COMMIT_CREATED, r, clock.instant());
    }
}
