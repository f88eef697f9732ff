package com.connectsoft.factory.build.adapter;

import com.connectsoft.factory.build.domain.BuildSettings;
import com.connectsoft.factory.build.adapter.sandbox.NamespaceSandbox;
import com.connectsoft.factory.build.adapter.sandbox.Sandbox;
import com.connectsoft.factory.build.adapter.sandbox.Unconfined;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;

/** The build runners the settings ask for: Maven and npm, each in a build sandbox made once on first use. */
public final class BuildRunners {
    private BuildRunners() {
    }

    /**
     * @param scratch a directory of the factory's own where sandbox roots are mounted
     */
    public static MavenBuildRunner maven(BuildSettings settings, Path scratch) {
        Path javaHome = Path.of(System.getProperty("java.home"));
        String maven = onPath(settings.maven()).map(Path::toString).orElse(settings.maven());
        Supplier<Sandbox> sandbox = settings.sandbox() == BuildSettings.Sandbox.OFF
                ? () -> new Unconfined(settings.repository(), "FACTORY_BUILD_SANDBOX=off")
                : once(() -> {
                    Set<Path> readOnly = new LinkedHashSet<>();
                    readOnly.add(javaHome);
                    mavenHome(maven).ifPresent(readOnly::add);
                    try {
                        Files.createDirectories(settings.repository());
                    } catch (IOException e) {
                        throw new Sandbox.SandboxUnavailable("cannot create the build repository " + settings.repository() + ": " + e.getMessage());
                    }
                    NamespaceSandbox.Limits d = NamespaceSandbox.Limits.DEFAULT;
                    return NamespaceSandbox.create(new NamespaceSandbox.Limits(settings.uid(), settings.uid(), settings.memoryMb(),
                            d.processes(), settings.diskMb(), d.tmpMb(), d.openFiles(), d.maxFileMb()), settings.repository(), readOnly, scratch);
                });
        return new MavenBuildRunner(maven, javaHome, settings.repository(), sandbox, settings.mavenSettings());
    }

    /** Maven for Java modules, npm for web front ends: the runner each module's contents ask for. */
    public static ProjectBuildRunner local(BuildSettings settings, Path scratch) {
        return new ProjectBuildRunner(maven(settings, scratch), npm(settings, scratch));
    }

    /**
     * npm builds in the build sandbox, installing offline from the npm cache beside the build repository
     * ({@code <repository>-npm}), which its own sandbox mounts read-only (and preparation writable).
     */
    public static NpmBuildRunner npm(BuildSettings settings, Path scratch) {
        String npm = onPath("npm").map(Path::toString).orElse("npm");
        Path cache = NpmBuildRunner.cacheBeside(settings.repository());
        Supplier<Sandbox> sandbox = settings.sandbox() == BuildSettings.Sandbox.OFF
                ? () -> new Unconfined(cache, "FACTORY_BUILD_SANDBOX=off")
                : once(() -> {
                    Set<Path> readOnly = new LinkedHashSet<>();
                    // npm and node where they are installed (a node outside /usr, e.g. under /opt, is made visible)
                    for (String tool : new String[] {npm, onPath("node").map(Path::toString).orElse("/usr/bin/node")}) {
                        mavenHome(tool).ifPresent(readOnly::add);
                    }
                    try {
                        Files.createDirectories(cache);
                    } catch (IOException e) {
                        throw new Sandbox.SandboxUnavailable("cannot create the npm cache " + cache + ": " + e.getMessage());
                    }
                    NamespaceSandbox.Limits d = NamespaceSandbox.Limits.DEFAULT;
                    return NamespaceSandbox.create(new NamespaceSandbox.Limits(settings.uid(), settings.uid(), settings.memoryMb(),
                            d.processes(), settings.diskMb(), d.tmpMb(), d.openFiles(), d.maxFileMb()), cache, readOnly,
                            scratch.resolveSibling(scratch.getFileName() + "-npm"));
                });
        return new NpmBuildRunner(npm, cache, sandbox);
    }

    /** A supplier that makes its value once; a failure is remembered and thrown again, with a hint on what to do. */
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
                        failed = new Sandbox.SandboxUnavailable("no build sandbox can be made on this machine (" + e.getMessage()
                                + "); generated code is never built unconfined unless FACTORY_BUILD_SANDBOX=off is set (trusted single-user use only)");
                    }
                }
                if (failed != null) {
                    throw failed;
                }
                return made;
            }
        };
    }

    /** Where {@code executable} is: itself when it names a path, else the first executable of that name on PATH. */
    public static Optional<Path> onPath(String executable) {
        if (executable.contains("/")) {
            return Optional.of(Path.of(executable).toAbsolutePath().normalize());
        }
        for (String dir : System.getenv().getOrDefault("PATH", "/usr/bin:/bin").split(File.pathSeparator)) {
            Path p = Path.of(dir.isEmpty() ? "." : dir, executable);
            if (Files.isExecutable(p)) {
                return Optional.of(p.toAbsolutePath().normalize());
            }
        }
        return Optional.empty();
    }

    /** The installation a Maven executable belongs to (the parent of its bin/), or its own directory. */
    public static Optional<Path> mavenHome(String maven) {
        try {
            Path real = Path.of(maven).toRealPath();
            Path bin = real.getParent();
            return Optional.ofNullable(bin != null && bin.getFileName().toString().equals("bin") ? bin.getParent() : bin);
        } catch (IOException e) {
            return Optional.empty();
        }
    }
}
