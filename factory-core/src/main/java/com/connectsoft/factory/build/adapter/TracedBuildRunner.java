package com.connectsoft.factory.build.adapter;

import com.connectsoft.factory.build.domain.BuildReport;
import com.connectsoft.factory.build.domain.BuildRunner;
import com.connectsoft.factory.platform.telemetry.Tracing;
import com.connectsoft.factory.platform.telemetry.Tracing.Attr;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.trace.Span;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;

/**
 * Each build (the sandboxed process) is a span {@code build} under the current one (the build-validate capability), with
 * its status and test counts; the module is named by the capability's span (its id), not by the module's name here.
 */
public final class TracedBuildRunner implements BuildRunner {
    private static final io.opentelemetry.api.common.AttributeKey<Long> TESTS_RUN = io.opentelemetry.api.common.AttributeKey.longKey("factory.tests_run");
    private static final io.opentelemetry.api.common.AttributeKey<Long> TESTS_FAILED = io.opentelemetry.api.common.AttributeKey.longKey("factory.tests_failed");

    private final BuildRunner runner;
    private final Tracing tracing;

    public TracedBuildRunner(BuildRunner runner, Tracing tracing) {
        this.runner = Objects.requireNonNull(runner, "runner");
        this.tracing = Objects.requireNonNull(tracing, "tracing");
    }

    @Override
    public BuildReport build(String module, Path sources, Path workDir, Duration timeout) {
        try {
            return tracing.inSpan("build", null, Attributes.empty(), () -> {
                BuildReport report = runner.build(module, sources, workDir, timeout);
                Span.current().setAllAttributes(Attributes.of(Attr.STATUS, report.status().toString(), TESTS_RUN, (long) report.testsRun(),
                        TESTS_FAILED, (long) (report.testsFailed() + report.testsErrored())));
                return report;
            });
        } catch (RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException("the build of a module failed", e);
        }
    }

    @Override
    public Preparation prepare(Path trustedSources, Path workDir, Duration timeout, Runnable starting) {
        return runner.prepare(trustedSources, workDir, timeout, starting);
    }

    @Override
    public Preparation prepare(Path trustedSources, java.util.List<Path> libraries, Path workDir, Duration timeout, Runnable starting) {
        return runner.prepare(trustedSources, libraries, workDir, timeout, starting);
    }

    @Override
    public String description() {
        return runner.description();
    }
}
