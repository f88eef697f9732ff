package com.connectsoft.factory.build.adapter.azure;

import com.connectsoft.factory.build.domain.BuildSettings;
import com.connectsoft.factory.build.adapter.sandbox.NamespaceSandbox;
import com.connectsoft.factory.build.adapter.sandbox.Sandbox;
import com.connectsoft.factory.build.adapter.sandbox.Unconfined;
import java.nio.file.Path;
import java.util.Set;
import java.util.function.Supplier;

/**
 * The sandbox a build job builds in, chosen once: the Linux-namespace sandbox where the container allows it, else the
 * container sandbox (an unprivileged user out of reach of the job's secrets), else none: the build is refused with both
 * reasons. {@code FACTORY_BUILD_SANDBOX=off} (trusted use only; the factory stack never sets it) builds unconfined.
 */
public final class JobSandboxes {
    private JobSandboxes() {
    }

    public static Supplier<Sandbox> select(BuildSettings settings, Set<Path> readOnly, Path scratch) {
        if (settings.sandbox() == BuildSettings.Sandbox.OFF) {
            return () -> new Unconfined(settings.repository(), "FACTORY_BUILD_SANDBOX=off");
        }
        NamespaceSandbox.Limits d = NamespaceSandbox.Limits.DEFAULT;
        NamespaceSandbox.Limits limits = new NamespaceSandbox.Limits(settings.uid(), settings.uid(), settings.memoryMb(), d.processes(),
                settings.diskMb(), d.tmpMb(), d.openFiles(), d.maxFileMb());
        return once(() -> {
            String namespaces;
            try {
                return NamespaceSandbox.create(limits, settings.repository(), readOnly, scratch.resolve("namespaces"));
            } catch (Sandbox.SandboxUnavailable e) {
                namespaces = e.getMessage();
            }
            try {
                return JobContainerSandbox.create(limits, settings.repository(), scratch.resolve("container"));
            } catch (Sandbox.SandboxUnavailable e) {
                throw new Sandbox.SandboxUnavailable("no sandbox can be made in this container: namespaces: " + namespaces
                        + "; unprivileged user: " + e.getMessage());
            }
        });
    }

    private static Supplier<Sandbox> once(Supplier<Sandbox> make) {
        return new Supplier<>() {
            private Sandbox made;
            private Sandbox.SandboxUnavailable failed;

            @Override
            public synchronized Sandbox get() {
                if (made == null && failed == null) {
                    try {
                        made = make.get();
                    } catch (Sandbox.SandboxUnavailable e) {
                        failed = e;
                    }
                }
                if (failed != null) {
                    throw failed;
                }
                return made;
            }
        };
    }
}
