package com.connectsoft.factory.generation.application;

import com.connectsoft.factory.blueprint.domain.Blueprint;
import com.connectsoft.factory.blueprint.domain.BlueprintReaders;
import com.connectsoft.factory.blueprint.domain.Module;
import com.connectsoft.factory.blueprint.domain.ParseOutcome;
import com.connectsoft.factory.build.domain.BuildPreparation;
import com.connectsoft.factory.build.domain.BuildReport;
import com.connectsoft.factory.build.domain.BuildRunner;
import com.connectsoft.factory.build.domain.MutationReport;
import com.connectsoft.factory.build.domain.MutationTesting;
import com.connectsoft.factory.library.domain.RuntimeLibrary;
import com.connectsoft.factory.governance.domain.CheckResult;
import com.connectsoft.factory.platform.files.Directories;
import com.connectsoft.factory.platform.files.OutputSandbox;
import com.connectsoft.factory.run.vocabulary.Decision;
import com.connectsoft.factory.template.domain.RenderOutcome;
import com.connectsoft.factory.template.domain.RenderedFile;
import com.connectsoft.factory.template.domain.TemplatePackage;
import com.connectsoft.factory.template.domain.TemplateVerification;
import com.connectsoft.factory.template.domain.TemplateVerifications;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Verifies a template version the way its modules will be made: renders the version's sample blueprint, checks every
 * module with the governance policies, prepares the version's offline builds and builds and tests every module in the
 * build sandbox, then records the figures on the version ({@link TemplateVerifications}). A refused render, a governance
 * denial, a preparation that fails or a module whose build or tests fail fails the verification, and the catalog then
 * refuses the version for new runs. With mutation testing, every sample module that passed is also measured (PIT, in the
 * build sandbox): the score is recorded, it does not decide the verification. A runtime library version is verified the
 * same way with its own project in place of a sample: prepared (its dependencies resolved), built and tested offline in
 * the sandbox, and measured.
 */
public final class VerifyTemplate {
    /** The governance policies over one module's files (the governance capability's checks). */
    @FunctionalInterface
    public interface Policies {
        List<CheckResult> evaluate(String moduleId, List<RenderedFile> files);
    }

    private final BlueprintReaders readers;
    private final RenderModule render;
    private final Policies policies;
    private final BuildPreparation preparation;
    private final BuildRunner runner;
    private final Path workRoot;
    private final Duration timeout;
    private final TemplateVerifications verifications;
    private final String factoryVersion;
    private final Clock clock;
    private final Optional<MutationTesting> mutations;

    public VerifyTemplate(BlueprintReaders readers, RenderModule render, Policies policies, BuildPreparation preparation, BuildRunner runner,
                          Path workRoot, Duration timeout, TemplateVerifications verifications, String factoryVersion, Clock clock) {
        this(readers, render, policies, preparation, runner, workRoot, timeout, verifications, factoryVersion, clock, Optional.empty());
    }

    /** @param mutations measures the mutation score of each sample module that passed (empty: not measured) */
    public VerifyTemplate(BlueprintReaders readers, RenderModule render, Policies policies, BuildPreparation preparation, BuildRunner runner,
                          Path workRoot, Duration timeout, TemplateVerifications verifications, String factoryVersion, Clock clock,
                          Optional<MutationTesting> mutations) {
        this.mutations = mutations;
        this.readers = readers;
        this.render = render;
        this.policies = policies;
        this.preparation = preparation;
        this.runner = runner;
        this.workRoot = workRoot;
        this.timeout = timeout;
        this.verifications = verifications;
        this.factoryVersion = factoryVersion;
        this.clock = clock;
    }

    /** Verifies {@code pkg} now and records the result (a second verification of the same content replaces the first). */
    public TemplateVerification verify(TemplatePackage pkg) {
        TemplateVerification v = run(pkg);
        verifications.record(v);
        return v;
    }

    private TemplateVerification run(TemplatePackage pkg) {
        Instant started = clock.instant();
        List<String> problems = new ArrayList<>();
        List<TemplateVerification.ModuleFigures> figures = new ArrayList<>();
        if (pkg.sample().isEmpty()) {
            return failed(pkg, started, "it has no sample blueprint (template.yaml 'sample:') to verify with");
        }
        ParseOutcome parsed;
        try {
            parsed = readers.read(pkg.sample().get().getFileName().toString(), Files.readAllBytes(pkg.sample().get()));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the sample of " + pkg.ref(), e);
        }
        if (parsed instanceof ParseOutcome.Rejected rejected) {
            return failed(pkg, started, "its sample blueprint is invalid: " + rejected.problems().get(0).render());
        }
        Blueprint bp = ((ParseOutcome.Accepted) parsed).blueprint();
        Path dir = workRoot.resolve(pkg.contentHash().replace("sha256:", "").substring(0, 16));
        try {
            Directories.delete(dir, true);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot empty " + dir, e);
        }
        java.util.Optional<String> unprepared = preparation.prepare(pkg.ref());
        if (unprepared.isPresent()) {
            return failed(pkg, started, unprepared.get());
        }
        List<CheckResult> allChecks = new ArrayList<>();
        for (Module m : bp.modules()) {
            long t0 = System.nanoTime();
            RenderOutcome out = render.render(bp, m, pkg);
            long renderMs = (System.nanoTime() - t0) / 1_000_000;
            if (out instanceof RenderOutcome.Refused refused) {
                problems.add("module " + m.name() + " of the sample does not render: " + String.join("; ", refused.reasons()));
                figures.add(new TemplateVerification.ModuleFigures(m.name(), 0, 0, renderMs, "", "not-built", 0, 0, 0, 0, 0));
                continue;
            }
            List<RenderedFile> files = ((RenderOutcome.Rendered) out).files();
            List<CheckResult> checks = policies.evaluate("module-" + m.name(), files);
            Decision decision = CheckResult.overall(checks);
            allChecks.addAll(checks);
            if (decision == Decision.Deny) {
                problems.add("governance denies module " + m.name() + " of the sample: " + String.join("; ", checks.stream()
                        .filter(c -> c.decision() == Decision.Deny).flatMap(c -> c.reasons().stream()).limit(3).toList()));
            }
            Path sources = dir.resolve("sources").resolve(m.name());
            OutputSandbox.prepare(sources);
            OutputSandbox.write(sources, files);
            BuildReport r = runner.build(m.name(), sources, dir.resolve("work").resolve(m.name()), timeout);
            if (!r.passed()) {
                problems.add("module " + m.name() + " of the sample does not build and pass its tests: " + r.reason());
            }
            TemplateVerification.Mutation mutation = r.passed() ? measure(m.name(), sources, dir.resolve("mutation").resolve(m.name())).orElse(null)
                    : mutations.map(x -> new TemplateVerification.Mutation(0, 0, "not measured: the build failed")).orElse(null);
            figures.add(new TemplateVerification.ModuleFigures(m.name(), files.size(), files.stream().mapToLong(RenderedFile::lines).sum(),
                    renderMs, decision.name(), r.status().key(), r.testsRun(), r.testsPassed(), r.testsFailed() + r.testsErrored(),
                    r.testsSkipped(), r.durationMs(), mutation));
        }
        return new TemplateVerification(pkg.ref(), pkg.contentHash(), problems.isEmpty(), problems, figures,
                figures.stream().mapToLong(TemplateVerification.ModuleFigures::renderMs).sum(), CheckResult.overall(allChecks).name(),
                figures.stream().mapToInt(TemplateVerification.ModuleFigures::testsRun).sum(),
                figures.stream().mapToInt(TemplateVerification.ModuleFigures::testsPassed).sum(),
                figures.stream().mapToInt(TemplateVerification.ModuleFigures::testsFailed).sum(),
                figures.stream().mapToInt(TemplateVerification.ModuleFigures::testsSkipped).sum(),
                figures.stream().mapToLong(TemplateVerification.ModuleFigures::buildMs).sum(), factoryVersion, started, total(figures),
                pkg.libraries().stream().map(com.connectsoft.factory.template.domain.LibraryRef::ref).toList());
    }

    /**
     * Verifies a runtime library version now and records the result: its project (a copy; the folder is never written)
     * prepared for offline builds, built and tested in the build sandbox, and measured. {@code contentHash} identifies the
     * library's content, as a template version's does.
     */
    public TemplateVerification verify(RuntimeLibrary library, String contentHash) {
        Instant started = clock.instant();
        Path dir = workRoot.resolve(contentHash.replace("sha256:", "").substring(0, 16));
        Path sources = dir.resolve("sources").resolve(library.artifactId());
        try {
            Directories.delete(dir, true);
            Directories.copy(library.folder(), sources, p -> !p.getFileName().toString().equals("target"));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot copy " + library.folder() + " to verify it", e);
        }
        TemplateVerification v;
        BuildRunner.Preparation prepared = runner.prepare(sources, dir.resolve("prepare"), timeout, () -> { });
        if (prepared instanceof BuildRunner.Preparation.Failed failed) {
            v = new TemplateVerification(library.ref(), contentHash, false, List.of("its dependencies cannot be prepared: " + failed.reason()),
                    List.of(), 0, "", 0, 0, 0, 0, 0, factoryVersion, started);
        } else {
            BuildReport r = runner.build(library.artifactId(), sources, dir.resolve("work"), timeout);
            List<String> problems = r.passed() ? List.of() : List.of("it does not build and pass its tests: " + r.reason());
            TemplateVerification.Mutation mutation = r.passed() ? measure(library.artifactId(), sources, dir.resolve("mutation")).orElse(null) : null;
            TemplateVerification.ModuleFigures f = new TemplateVerification.ModuleFigures(library.artifactId(), 0, 0, 0, "", r.status().key(),
                    r.testsRun(), r.testsPassed(), r.testsFailed() + r.testsErrored(), r.testsSkipped(), r.durationMs(), mutation);
            v = new TemplateVerification(library.ref(), contentHash, r.passed(), problems, List.of(f), 0, "", f.testsRun(), f.testsPassed(),
                    f.testsFailed(), f.testsSkipped(), f.buildMs(), factoryVersion, started, mutation);
        }
        verifications.record(v);
        return v;
    }

    private Optional<TemplateVerification.Mutation> measure(String module, Path sources, Path workDir) {
        return mutations.map(m -> {
            if (!Files.isRegularFile(sources.resolve("pom.xml"))) {
                return new TemplateVerification.Mutation(0, 0, "not a Maven project (mutation testing measures Java modules)");
            }
            MutationReport r = m.measure(module, sources, workDir, timeout);
            return r.measured() ? new TemplateVerification.Mutation(r.mutants(), r.killed(), "")
                    : new TemplateVerification.Mutation(0, 0, r.reason());
        });
    }

    private TemplateVerification.Mutation total(List<TemplateVerification.ModuleFigures> figures) {
        List<TemplateVerification.Mutation> measured = figures.stream().map(TemplateVerification.ModuleFigures::mutation)
                .filter(java.util.Objects::nonNull).toList();
        return mutations.isEmpty() ? null : TemplateVerification.Mutation.sum(measured);
    }

    private TemplateVerification failed(TemplatePackage pkg, Instant at, String problem) {
        return new TemplateVerification(pkg.ref(), pkg.contentHash(), false, List.of(problem), List.of(), 0, "", 0, 0, 0, 0, 0,
                factoryVersion, at, null, pkg.libraries().stream().map(com.connectsoft.factory.template.domain.LibraryRef::ref).toList());
    }
}
