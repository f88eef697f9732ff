package com.connectsoft.factory.publish.adapter;

import com.connectsoft.factory.platform.telemetry.Tracing;
import com.connectsoft.factory.platform.telemetry.Tracing.Attr;
import com.connectsoft.factory.publish.domain.GitPublisher;
import com.connectsoft.factory.shared.domain.TenantId;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.trace.Span;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/** Each commit is a span {@code git commit} under the current one (the git-publish capability), with its file count. */
public final class TracedGitPublisher implements GitPublisher {
    private final GitPublisher git;
    private final Tracing tracing;

    public TracedGitPublisher(GitPublisher git, Tracing tracing) {
        this.git = Objects.requireNonNull(git, "git");
        this.tracing = Objects.requireNonNull(tracing, "tracing");
    }

    @Override
    public Published publish(TenantId tenant, String projectId, String branch, Path sources, String message, Instant when) {
        try {
            return tracing.inSpan("git commit", null, Attributes.of(Attr.TENANT, tenant.value()), () -> {
                Published p = git.publish(tenant, projectId, branch, sources, message, when);
                Span.current().setAttribute(Attr.COUNT, (long) p.files());
                Span.current().setAttribute(Attr.STATUS, p.created() ? "created" : "unchanged");
                return p;
            });
        } catch (RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException("committing to project " + projectId + " failed", e);
        }
    }

    @Override
    public boolean deleteBranch(TenantId tenant, String projectId, String branch) {
        return git.deleteBranch(tenant, projectId, branch);
    }

    @Override
    public List<String> files(TenantId tenant, String projectId, String commitId) {
        return git.files(tenant, projectId, commitId);
    }
}
