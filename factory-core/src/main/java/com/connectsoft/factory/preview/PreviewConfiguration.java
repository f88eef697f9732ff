package com.connectsoft.factory.preview;

import com.connectsoft.factory.build.adapter.MavenBuildRunner;
import com.connectsoft.factory.build.domain.BuildPreparation;
import com.connectsoft.factory.capability.ModuleSources;
import com.connectsoft.factory.platform.content.ContentStore;
import com.connectsoft.factory.build.adapter.SandboxModuleServers;
import com.connectsoft.factory.preview.adapter.DevIdentity;
import com.connectsoft.factory.preview.adapter.UnixSocketRelay;
import com.connectsoft.factory.preview.application.PreviewRun;
import com.connectsoft.factory.run.domain.Runs;
import java.nio.file.Path;
import java.time.Clock;

/** Previewing a completed run's modules on this machine, in the build sandbox ({@code <data>/preview}). */
public final class PreviewConfiguration {
    private PreviewConfiguration() {
    }

    public static PreviewRun previewRun(Runs runs, ContentStore content, MavenBuildRunner runner, BuildPreparation preparation, Path dataDir,
                                        Clock clock) {
        return new PreviewRun(runs, new ModuleSources(content), new SandboxModuleServers(runner), UnixSocketRelay::open, DevIdentity::create,
                preparation, dataDir.resolve("preview"), clock);
    }
}
