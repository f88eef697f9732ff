package com.connectsoft.factory.build.domain;

import com.connectsoft.factory.shared.domain.TenantId;
import java.util.Optional;

/** The factory's own record of the build jobs it handed out, in each tenant's partition. */
public interface BuildJobLedger {
    /** Records {@code job} in its tenant's partition unless a job with its id is recorded (then returns that one). */
    BuildJob open(TenantId tenant, BuildJob job);

    /** The tenant's job with this id; another tenant's job is never found. */
    Optional<BuildJob> find(TenantId tenant, String jobId);
}
