package com.connectsoft.factory.build.domain;

import java.nio.file.Path;
import java.time.Duration;

/**
 * Measures how many mutants of a generated module its tests kill. Generated code is untrusted: the measurement runs
 * where builds run (the build sandbox, offline, against the read-only build repository that the template's
 * preparation filled, mutation tool included). Never modifies {@code sources}; idempotent (a second measurement of the
 * same sources gives the same figures).
 */
public interface MutationTesting {
    MutationReport measure(String module, Path sources, Path workDir, Duration timeout);
}
