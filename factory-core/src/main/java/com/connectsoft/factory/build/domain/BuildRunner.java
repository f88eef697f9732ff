package com.connectsoft.factory.build.domain;

import java.nio.file.Path;
import java.time.Duration;

/**
 * Builds and tests generated modules, which are untrusted code: every build runs confined (see the build sandbox),
 * offline, against a read-only repository of what builds may use. That repository is filled by
 * {@link #prepare}: a build of trusted sources (a template's own sample render) with network access.
 */
public interface BuildRunner {
    /**
     * Copies {@code sources} into {@code workDir} (emptied first), builds and tests there; never modifies {@code sources}.
     * The whole log is left in {@code workDir/build.log}.
     */
    BuildReport build(String module, Path sources, Path workDir, Duration timeout);

    /**
     * Resolves, online, everything a build of {@code trustedSources} needs, so that offline builds of projects with the
     * same build files find it. Idempotent and safe to call concurrently (also from other processes): a project whose
     * build files were prepared before returns at once; {@code starting} runs only when resolving actually begins.
     */
    Preparation prepare(Path trustedSources, Path workDir, Duration timeout, Runnable starting);

    /**
     * As {@link #prepare(Path, Path, Duration, Runnable)}, after installing each of {@code libraries} (trusted project
     * folders: the factory's own runtime libraries) into the build repository, so the sources' builds resolve them
     * offline. A runner that cannot install libraries fails saying so.
     */
    default Preparation prepare(Path trustedSources, java.util.List<Path> libraries, Path workDir, Duration timeout, Runnable starting) {
        if (libraries.isEmpty()) {
            return prepare(trustedSources, workDir, timeout, starting);
        }
        return new Preparation.Failed("this build runner cannot install runtime libraries (" + description() + ")", java.util.List.of());
    }

    /** What {@link #prepare} did. */
    sealed interface Preparation {
        /** Everything is in the repository ({@code resolvedNow}: this call downloaded it). */
        record Ready(boolean resolvedNow, long durationMs) implements Preparation {
        }

        record Failed(String reason, java.util.List<String> logTail) implements Preparation {
            public Failed {
                logTail = java.util.List.copyOf(logTail);
            }
        }
    }

    /** One line on how builds are confined here (for logs and `factory doctor`-style output). */
    String description();
}
