package com.connectsoft.factory.build.adapter;

import com.connectsoft.factory.platform.store.Documents;
import com.connectsoft.factory.build.domain.BuildJob;
import com.connectsoft.factory.build.domain.BuildJobLedger;
import com.connectsoft.factory.platform.json.Json;
import com.connectsoft.factory.platform.store.DocumentStore;
import com.connectsoft.factory.shared.domain.TenantId;
import java.util.Optional;

/** The build jobs the factory handed out, one document per job in its tenant's partition (collection {@code build-jobs}). */
public final class DocumentBuildJobs implements BuildJobLedger {
    static final String BUILD_JOBS = "build-jobs";

    private final DocumentStore store;

    public DocumentBuildJobs(DocumentStore store) {
        this.store = store;
    }

    @Override
    public BuildJob open(TenantId tenant, BuildJob job) {
        if (!tenant.value().equals(job.tenantId())) {
            throw new IllegalArgumentException("build job " + job.jobId() + " belongs to tenant " + job.tenantId() + ", not " + tenant.value());
        }
        return store.transact(tenant, tx -> tx.get(BUILD_JOBS, job.jobId())
                .map(d -> Json.fromTree(d.body(), BuildJob.class))
                .orElseGet(() -> {
                    tx.create(BUILD_JOBS, job.jobId(), Documents.body(job));
                    return job;
                }));
    }

    @Override
    public Optional<BuildJob> find(TenantId tenant, String jobId) {
        return store.get(tenant, BUILD_JOBS, jobId).map(d -> Json.fromTree(d.body(), BuildJob.class));
    }
}
