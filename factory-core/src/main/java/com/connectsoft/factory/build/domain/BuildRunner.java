package com.connectsoft.factory.build.domain;

import java.nio.file.Path;
import java.time.Duration;

/** Builds and tests a module's sources in a work directory of its own, within a time limit. */
public interface BuildRunner {
    /** Copies {@code sources} into {@code workDir} (emptied first), builds and tests there; never modifies {@code sources}. */
    BuildReport build(String module, Path sources, Path workDir, Duration timeout);
}
