package com.connectsoft.factory.build.adapter.azure;

import com.connectsoft.factory.build.domain.BuildReport;
import com.connectsoft.factory.build.domain.BuildRunner;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * The build runner of a process whose builds go to build jobs (FACTORY_BUILD_RUNNER=azure-job: the function app in
 * Azure): it builds and prepares nothing, so no path through this process runs generated code, whatever calls it.
 */
public final class LocalBuildsRefused implements BuildRunner {
    static final String WHY = "this process does not build generated code (FACTORY_BUILD_RUNNER=azure-job): builds run in the build job";

    @Override
    public BuildReport build(String module, Path sources, Path workDir, Duration timeout) {
        return new BuildReport(module, com.connectsoft.factory.run.vocabulary.BuildStatus.FAILED, 0, 0, 0, 0, 0, "", "refused to build: " + WHY, List.of(), null);
    }

    @Override
    public Preparation prepare(Path trustedSources, Path workDir, Duration timeout, Runnable starting) {
        return new Preparation.Failed("refused to prepare: " + WHY, List.of());
    }

    @Override
    public String description() {
        return "no builds here: " + WHY;
    }
}
