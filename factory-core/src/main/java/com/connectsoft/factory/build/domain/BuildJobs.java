package com.connectsoft.factory.build.domain;

import com.connectsoft.factory.template.domain.RenderedFile;
import java.util.List;
import java.util.Optional;

/**
 * Builds that run somewhere else (the Azure adapter: a Container Apps job with no identity). The factory hands over a
 * module's sources and later reads back what the job wrote: a report and a log, both untrusted (they come from where
 * generated code ran). Every job is its tenant's: its sources, report and log are kept under the tenant and the job's
 * id, and the job can reach nothing else.
 */
public interface BuildJobs extends AutoCloseable {
    /** At most this many bytes of a job's report are read back. */
    int MAX_REPORT_BYTES = 256 << 10;
    /** At most this many bytes of a job's log are read back (the job keeps the end of a longer log). */
    int MAX_LOG_BYTES = (4 << 20) + 4096;

    /**
     * Hands {@code sources} to a build job for {@code job}. Idempotent per job id: submitting the same job again (a
     * redelivered command) stores the same sources under the same name and asks once more, which the transport
     * deduplicates by the job's id.
     */
    void submit(BuildJob job, List<RenderedFile> sources);

    /** What the job wrote, once it wrote its report; empty before that. Bounded by {@link #MAX_REPORT_BYTES} and {@link #MAX_LOG_BYTES}. */
    Optional<Output> output(BuildJob job);

    /** Removes what was kept for the job (its sources, report and log); nothing when it is gone already. */
    void discard(BuildJob job);

    /** One line for logs: where builds go. */
    String description();

    @Override
    default void close() {
    }

    /** A finished job's report (JSON) and log, as written by the job: untrusted bytes. */
    record Output(byte[] report, Optional<byte[]> log) {
    }
}
