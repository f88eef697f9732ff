package com.connectsoft.factory.project.domain;

import com.connectsoft.factory.shared.domain.TenantId;
import java.util.List;
import java.util.Optional;

/** A tenant's projects. */
public interface Projects {
    Optional<Project> find(TenantId tenant, String projectId);

    List<Project> list(TenantId tenant);
}
