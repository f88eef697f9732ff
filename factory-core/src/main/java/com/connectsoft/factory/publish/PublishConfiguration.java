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
        GitPublisher jgit = new OnFirstUse(() -> new JGitPublisher(dataDir.resolve("git")));
        this.git = tracing.enabled() ? new com.connectsoft.factory.publish.adapter.TracedGitPublisher(jgit, tracing) : jgit;
        this.workRoot = dataDir.resolve("publish");
    }

    /** The repositories (a run that fails after committing removes its commit through it). */
    public GitPublisher git() {
        return git;
    }

    /**
     * The publisher made when first used: JGit is a signed jar, so loading its classes (each entry's digest checked) is a
     * good part of a command's start-up, and most commands, and a run until its publish stage, never commit.
     */
    private static final class OnFirstUse implements GitPublisher {
        private final java.util.function.Supplier<GitPublisher> make;
        private volatile GitPublisher made;

        OnFirstUse(java.util.function.Supplier<GitPublisher> make) {
            this.make = make;
        }

        private GitPublisher git() {
            GitPublisher g = made;
            if (g == null) {
                synchronized (this) {
                    if (made == null) {
                        made = make.get();
                    }
                    g = made;
                }
            }
            return g;
        }

        @Override
        public Published publish(com.connectsoft.factory.shared.domain.TenantId tenant, String projectId, String branch, Path sources,
                                 String message, java.time.Instant when) {
            return git().publish(tenant, projectId, branch, sources, message, when);
        }

        @Override
        public boolean deleteBranch(com.connectsoft.factory.shared.domain.TenantId tenant, String projectId, String branch) {
            return git().deleteBranch(tenant, projectId, branch);
        }

        @Override
        public List<String> files(com.connectsoft.factory.shared.domain.TenantId tenant, String projectId, String commitId) {
            return git().files(tenant, projectId, commitId);
        }
    }

    /** The git-publish capability. */
    public Function<Envelope, List<Envelope>> publishStep(ContentStore content, Artifacts artifacts, Clock clock) {
        return new PublishProjectStep(git, content, artifacts, workRoot, clock);
    }
}
