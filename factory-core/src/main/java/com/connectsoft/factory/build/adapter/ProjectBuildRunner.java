package com.connectsoft.factory.build.adapter;

import com.connectsoft.factory.build.domain.BuildReport;
import com.connectsoft.factory.build.domain.BuildRunner;
import com.connectsoft.factory.run.vocabulary.BuildStatus;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * Picks the build runner by what a project holds: a {@code pom.xml} is built with Maven, a {@code package.json} (with
 * its lock file) with npm. Preparing a template's sample prepares whichever its rendered modules need.
 */
public final class ProjectBuildRunner implements BuildRunner {
    private final BuildRunner maven;
    private final BuildRunner npm;

    public ProjectBuildRunner(BuildRunner maven, BuildRunner npm) {
        this.maven = maven;
        this.npm = npm;
    }

    @Override
    public BuildReport build(String module, Path sources, Path workDir, Duration timeout) {
        if (Files.isRegularFile(sources.resolve("pom.xml"), LinkOption.NOFOLLOW_LINKS)) {
            return maven.build(module, sources, workDir, timeout);
        }
        if (NpmBuildRunner.holdsProject(sources)) {
            return npm.build(module, sources, workDir, timeout);
        }
        return new BuildReport(module, BuildStatus.FAILED, 0, 0, 0, 0, 0, "", "nothing to build: the module has neither a pom.xml "
                + "nor a package.json with its package-lock.json", List.of(), null);
    }

    @Override
    public Preparation prepare(Path trustedSources, Path workDir, Duration timeout, Runnable starting) {
        return NpmBuildRunner.holdsProject(trustedSources) ? npm.prepare(trustedSources, workDir, timeout, starting)
                : maven.prepare(trustedSources, workDir, timeout, starting);
    }

    @Override
    public Preparation prepare(Path trustedSources, List<Path> libraries, Path workDir, Duration timeout, Runnable starting) {
        return NpmBuildRunner.holdsProject(trustedSources) ? npm.prepare(trustedSources, libraries, workDir, timeout, starting)
                : maven.prepare(trustedSources, libraries, workDir, timeout, starting);
    }

    @Override
    public String description() {
        return maven.description() + "; " + npm.description();
    }
}
