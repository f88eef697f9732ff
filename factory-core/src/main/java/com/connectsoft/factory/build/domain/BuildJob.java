package com.connectsoft.factory.build.domain;

import com.connectsoft.factory.shared.domain.Envelope;
import java.time.Instant;
import java.util.Objects;

/**
 * One build of a generated module handed to a build job outside this process: the job's id (derived from the
 * {@code ValidateModule} command's eventId, so a redelivered command is the same job), the module, the run's
 * template version, and the command itself, which the factory keeps (never the job) to answer when the job is done.
 */
public record BuildJob(String jobId, String tenantId, String runId, String moduleId, String moduleName, String templateRef,
                       Envelope command, Instant requestedAt) {
    public BuildJob {
        Objects.requireNonNull(jobId, "jobId");
        Objects.requireNonNull(tenantId, "tenantId");
        Objects.requireNonNull(moduleName, "moduleName");
        Objects.requireNonNull(command, "command");
        Objects.requireNonNull(requestedAt, "requestedAt");
        if (!command.tenantId().equals(tenantId)) {
            throw new IllegalArgumentException("build job " + jobId + " is tenant " + tenantId + "'s but its command is tenant "
                    + command.tenantId() + "'s");
        }
    }
}
