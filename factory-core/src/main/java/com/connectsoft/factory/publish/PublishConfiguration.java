package com.connectsoft.factory.publish;

import com.connectsoft.factory.artifact.domain.Artifacts;
import com.connectsoft.factory.platform.content.ContentStore;
import com.connectsoft.factory.publish.adapter.JGitPublisher;
import com.connectsoft.factory.publish.application.PublishProjectStep;
import com.connectsoft.factory.publish.domain.GitPublisher;
import com.connectsoft.factory.shared.domain.Envelope;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.function.Function;

/** Publishing: one git repository per tenant and project under {@code <data>/git}, written with JGit. */
public final class PublishConfiguration {
    private final GitPublisher git;
    private final Path workRoot;

    public PublishConfiguration(Path dataDir) {
        this(dataDir, com.connectsoft.factory.platform.telemetry.Tracing.off());
    }

    /** With each commit a span when tracing is on. */
    public PublishConfiguration(Path dataDir, com.connectsoft.factory.platform.telemetry.Tracing tracing) {
        GitPublisher jgit = new JGitPublisher(dataDir.resolve("git"));
        this.git = tracing.enabled() ? new com.connectsoft.factory.publish.adapter.TracedGitPublisher(jgit, tracing) : jgit;
        this.workRoot = dataDir.resolve("publish");
    }

    /** The repositories (a run that fails after committing removes its commit through it). */
    public GitPublisher git() {
        return git;
    }

    /** The git-publish capability. */
    public Function<Envelope, List<Envelope>> publishStep(ContentStore content, Artifacts artifacts, Clock clock) {
        return new PublishProjectStep(git, content, artifacts, workRoot, clock);
    }
}
