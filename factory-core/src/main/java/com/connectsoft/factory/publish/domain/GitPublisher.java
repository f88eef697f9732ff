package com.connectsoft.factory.publish.domain;

import com.connectsoft.factory.shared.domain.TenantId;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;

/** Commits generated sources to a project's git repository, one branch per run. */
public interface GitPublisher {
    /** The branch a run commits to (and that compensation removes). */
    static String runBranch(String runId) {
        return "factory/" + runId;
    }

    /**
     * Commits the tree of {@code sources} on {@code branch}. Idempotent: when the branch already holds exactly
     * this tree, nothing is written and the existing commit is returned.
     */
    Published publish(TenantId tenant, String projectId, String branch, Path sources, String message, Instant when);

    /** Removes a run's branch (compensation); false when it did not exist. */
    boolean deleteBranch(TenantId tenant, String projectId, String branch);

    /** Paths of the files in a commit, sorted. */
    List<String> files(TenantId tenant, String projectId, String commitId);

    record Published(String repository, String branch, String commitId, int files, boolean created) {
    }
}
