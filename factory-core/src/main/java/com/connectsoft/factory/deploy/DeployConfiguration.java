package com.connectsoft.factory.deploy;

import com.connectsoft.factory.capability.ModuleSources;
import com.connectsoft.factory.deploy.adapter.PulumiAutomationRunner;
import com.connectsoft.factory.deploy.application.DeployRun;
import com.connectsoft.factory.platform.content.ContentStore;
import com.connectsoft.factory.run.domain.Runs;
import java.nio.file.Path;
import java.util.Map;

/** Deploying a completed run's modules with their own Pulumi programs, through the Pulumi Automation API. */
public final class DeployConfiguration {
    private DeployConfiguration() {
    }

    /** Stacks are run with {@code env} (the Pulumi CLI and its credentials come from it), in {@code <data>/deploy}. */
    public static DeployRun deployRun(Runs runs, ContentStore content, Path dataDir, Map<String, String> env) {
        return new DeployRun(runs, new ModuleSources(content), new PulumiAutomationRunner(env), dataDir.resolve("deploy"));
    }
}
