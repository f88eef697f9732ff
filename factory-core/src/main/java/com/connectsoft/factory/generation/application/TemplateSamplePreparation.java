package com.connectsoft.factory.generation.application;

import com.connectsoft.factory.blueprint.domain.BlueprintReaders;
import com.connectsoft.factory.blueprint.domain.Blueprint;
import com.connectsoft.factory.blueprint.domain.Module;
import com.connectsoft.factory.blueprint.domain.ParseOutcome;
import com.connectsoft.factory.build.domain.BuildPreparation;
import com.connectsoft.factory.build.domain.BuildRunner;
import com.connectsoft.factory.library.domain.RuntimeLibraries;
import com.connectsoft.factory.library.domain.RuntimeLibrary;
import com.connectsoft.factory.template.domain.LibraryRef;
import java.util.List;
import com.connectsoft.factory.platform.files.OutputSandbox;
import com.connectsoft.factory.template.domain.TemplateCatalog;
import com.connectsoft.factory.template.domain.RenderOutcome;
import com.connectsoft.factory.template.domain.TemplatePackage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

/**
 * Prepares offline builds of a template's modules from the template's own sample blueprint: renders every module of
 * the sample and lets the build runner resolve what building it needs. The sample is the template's, not a tenant's,
 * so this is the one build that may reach the network; what it resolves is exactly what the rendered build files ask
 * for, so a change to a template or to the factory's pinned versions can never leave builds short of an artifact. The
 * runtime libraries a template names ({@code libraries:}) are installed first, from the factory's {@code libraries/}
 * folder; a template naming a library version the factory does not have is refused, saying which versions it has.
 */
public final class TemplateSamplePreparation implements BuildPreparation {
    private final TemplateCatalog catalog;
    private final BlueprintReaders readers;
    private final RenderModule render;
    private final BuildRunner runner;
    private final Path workRoot;
    private final Duration timeout;
    private final Consumer<String> notices;
    private final Map<String, Boolean> ready = new ConcurrentHashMap<>();
    private final RuntimeLibraries libraries;

    /**
     * @param workRoot where samples are rendered and prepared
     * @param notices  one line when a template is being prepared (it downloads, and takes a while)
     */
    public TemplateSamplePreparation(TemplateCatalog catalog, BlueprintReaders readers, RenderModule render, BuildRunner runner,
                                     Path workRoot, Duration timeout, Consumer<String> notices) {
        this(catalog, RuntimeLibraries.NONE, readers, render, runner, workRoot, timeout, notices);
    }

    /** @param libraries the runtime libraries templates may name ({@code libraries:}); each is installed before the sample builds */
    public TemplateSamplePreparation(TemplateCatalog catalog, RuntimeLibraries libraries, BlueprintReaders readers, RenderModule render,
                                     BuildRunner runner, Path workRoot, Duration timeout, Consumer<String> notices) {
        this.libraries = libraries;
        this.catalog = catalog;
        this.readers = readers;
        this.render = render;
        this.runner = runner;
        this.workRoot = workRoot;
        this.timeout = timeout;
        this.notices = notices;
    }

    @Override
    public Optional<String> prepare(String templateRef) {
        int at = templateRef == null ? -1 : templateRef.lastIndexOf('@');
        if (at < 1) {
            return Optional.of("the run names no template version ('" + templateRef + "')");
        }
        Optional<TemplatePackage> found = catalog.find(templateRef.substring(0, at), templateRef.substring(at + 1));
        if (found.isEmpty()) {
            return Optional.of("template " + templateRef + " is not in the catalog, so its builds cannot be prepared");
        }
        TemplatePackage pkg = found.get();
        String key = pkg.ref() + " " + pkg.contentHash();
        if (ready.containsKey(key)) {
            return Optional.empty();
        }
        synchronized (this) {
            if (ready.containsKey(key)) {
                return Optional.empty();
            }
            Optional<String> problem = prepare(pkg);
            if (problem.isEmpty()) {
                ready.put(key, Boolean.TRUE);
            }
            return problem;
        }
    }

    /** The library folders a template names, or why one of them cannot be had. */
    public static Optional<String> missingLibrary(TemplatePackage pkg, RuntimeLibraries libraries) {
        for (LibraryRef ref : pkg.libraries()) {
            if (libraries.find(ref.id(), ref.version()).isEmpty()) {
                List<String> versions = libraries.all().stream().filter(l -> l.id().equals(ref.id())).map(RuntimeLibrary::version).toList();
                return Optional.of("template " + pkg.ref() + " needs runtime library " + ref.ref() + ", which this factory does not have ("
                        + (versions.isEmpty() ? "no version of " + ref.id() + " is in its libraries/ folder"
                        : ref.id() + " versions here: " + String.join(", ", versions)) + "); name one of those in its template.yaml");
            }
        }
        return Optional.empty();
    }

    private Optional<String> prepare(TemplatePackage pkg) {
        Optional<String> missing = missingLibrary(pkg, libraries);
        if (missing.isPresent()) {
            return missing;
        }
        List<Path> libraryFolders = pkg.libraries().stream()
                .map(l -> libraries.find(l.id(), l.version()).orElseThrow().folder()).toList();
        if (pkg.sample().isEmpty()) {
            return Optional.of("template " + pkg.ref() + " has no sample blueprint (template.yaml 'sample:'), so its builds cannot be "
                    + "prepared offline");
        }
        Path sample = pkg.sample().get();
        ParseOutcome parsed;
        try {
            parsed = readers.read(sample.getFileName().toString(), Files.readAllBytes(sample));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the sample of " + pkg.ref(), e);
        }
        if (parsed instanceof ParseOutcome.Rejected rejected) {
            return Optional.of("the sample blueprint of " + pkg.ref() + " is invalid: " + rejected.problems().get(0).render());
        }
        Blueprint bp = ((ParseOutcome.Accepted) parsed).blueprint();
        Path dir = workRoot.resolve(pkg.contentHash().replace("sha256:", "").substring(0, 16));
        Path sources = dir.resolve("sources");
        try {
            // the factory's own scratch: whatever a killed preparation left there is rendered again
            com.connectsoft.factory.platform.files.Directories.delete(sources, true);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot empty " + sources, e);
        }
        for (Module m : bp.modules()) {
            RenderOutcome out = render.render(bp, m, pkg);
            if (out instanceof RenderOutcome.Refused refused) {
                return Optional.of("the sample of " + pkg.ref() + " does not render: " + String.join("; ", refused.reasons()));
            }
            Path moduleDir = sources.resolve(m.name());
            OutputSandbox.prepare(moduleDir);
            OutputSandbox.write(moduleDir, ((RenderOutcome.Rendered) out).files());
        }
        BuildRunner.Preparation result = runner.prepare(sources, libraryFolders, dir.resolve("work"), timeout, () ->
                notices.accept("preparing " + pkg.ref() + " for offline builds (first use: resolves what its modules build with)..."));
        if (result instanceof BuildRunner.Preparation.Failed failed) {
            return Optional.of("template " + pkg.ref() + " could not be prepared for offline builds: " + failed.reason());
        }
        BuildRunner.Preparation.Ready done = (BuildRunner.Preparation.Ready) result;
        if (done.resolvedNow()) {
            notices.accept("prepared " + pkg.ref() + " in " + (done.durationMs() / 1000) + " s");
        }
        return Optional.empty();
    }
}
